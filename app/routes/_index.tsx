import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

/** Shopify opens the app at its URL with ?shop=...; the app itself lives under /app. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response("Ponte is a Shopify app: open it from your store's admin.", {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
