import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { createI18n } from "../i18n/i18n";
import { localeOfRequest } from "../i18n/locales";

/** Shopify opens the app at its URL with ?shop=...; the app itself lives under /app. */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  // Someone who opened the address directly: told where Ponte lives, in their browser's language.
  const { t } = createI18n(localeOfRequest(request).locale);
  return new Response(t("landing.openFromAdmin"), {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
