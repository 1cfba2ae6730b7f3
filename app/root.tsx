import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "./i18n/i18n";
import { localeOfRequest, rememberLocaleCookie } from "./i18n/locales";

/** The merchant's language: Shopify's `locale` on the app's address (remembered), else the browser's, else English. */
export const loader = ({ request }: LoaderFunctionArgs) => {
  const { locale, from } = localeOfRequest(request);
  const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return data({ locale }, from === "shopify" ? { headers: { "Set-Cookie": rememberLocaleCookie(locale, secure) } } : undefined);
};

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  const i18n = useMemo(() => createI18n(locale), [locale]);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          <Outlet />
        </I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
