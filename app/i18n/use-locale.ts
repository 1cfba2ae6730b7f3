/**
 * The page's language (chosen by the root loader), the shop's clock (read by the app layout's loader) and a formatter
 * for both, for components.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { formatterFor, type Formatter } from "./format";
import { DEFAULT_LOCALE, type Locale } from "./locales";

export function useLocale(): Locale {
  return useRouteLoaderData<{ locale: Locale }>("root")?.locale ?? DEFAULT_LOCALE;
}

export function useFormatter(timeZone: string): Formatter {
  const locale = useLocale();
  return useMemo(() => formatterFor(locale, timeZone), [locale, timeZone]);
}

/** The shop's time zone and currency, as the app layout's loader read them; UTC outside the app's pages. */
export function useShopClock(): { timeZone: string; currency: string | null } {
  return useRouteLoaderData<{ clock: { timeZone: string; currency: string | null } }>("routes/app")?.clock ?? { timeZone: "UTC", currency: null };
}

/** Dates and numbers in the merchant's language, every time in the shop's zone: the one clock of every page. */
export function useShopFormatter(): Formatter {
  return useFormatter(useShopClock().timeZone);
}
