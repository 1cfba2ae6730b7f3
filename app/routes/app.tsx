import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { sandboxSettings } from "../services/sandbox/sandbox-mode";
import { authenticate } from "../shopify.server";
import { readShopClock } from "../services/shopify/shop-clock.server";
import { sessionShop } from "../services/ids";
import db from "../db.server";
import { localeOfRequest } from "../i18n/locales";
import { rememberShopLocale } from "../services/shops/shop-locale.server";
import { useTranslation } from "react-i18next";
import { POLARIS_TRANSLATIONS } from "../i18n/i18n";
import { useLocale } from "../i18n/use-locale";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // The admin's language, remembered for the emails Ponte writes to this shop.
  await rememberShopLocale(db, sessionShop(session), localeOfRequest(request).locale);
  return {
    // One clock for every page below: the shop's time zone (and currency), read once and kept.
    clock: await readShopClock(sessionShop(session), session.accessToken ?? ""),
    apiKey: process.env.SHOPIFY_API_KEY ?? "",
    appBridgeUrl: sandboxSettings()?.appBridgeUrl ?? null,
  };
};

export default function AppLayout() {
  const { apiKey, appBridgeUrl } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={POLARIS_TRANSLATIONS[locale]} {...(appBridgeUrl ? { __APP_BRIDGE_URL: appBridgeUrl } : {})}>
      <NavMenu>
        <Link to="/app" rel="home">
          {t("nav.dashboard")}
        </Link>
        <Link to="/app/orders">{t("nav.orders")}</Link>
        <Link to="/app/erp">{t("nav.erp")}</Link>
        <Link to="/app/pos">{t("nav.pos")}</Link>
        <Link to="/app/catalog">{t("nav.catalog")}</Link>
        <Link to="/app/stock">{t("nav.stock")}</Link>
        <Link to="/app/prices">{t("nav.prices")}</Link>
        <Link to="/app/jobs">{t("nav.jobs")}</Link>
        <Link to="/app/schedules">{t("nav.schedules")}</Link>
        <Link to="/app/activity">{t("nav.activity")}</Link>
      </NavMenu>
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch some thrown responses, so that their headers are included in the response.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
