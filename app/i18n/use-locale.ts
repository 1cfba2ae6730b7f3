/** The page's language (chosen by the root loader) and a formatter for it in a given time zone, for components. */
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
