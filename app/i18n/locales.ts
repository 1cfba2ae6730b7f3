/**
 * The languages Ponte speaks and how a request's is chosen: Shopify's `locale` on the app's address (the admin
 * user's language, on every load of an embedded app), then the one remembered from it (a cookie, because the app's
 * own links do not carry `locale`), then the browser's Accept-Language, then English. Pure: no i18n library here.
 */
export const LOCALES = ["en", "it", "pl", "pt-BR"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "ponte_locale";

/** The language Ponte speaks for a BCP 47 tag ("it-IT" → it, "pt" and "pt-PT" → pt-BR), or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  const language = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (!language) return null;
  if (language === "pt") return "pt-BR";
  return LOCALES.find((locale) => locale === language) ?? null;
}

/** The best language of an Accept-Language header, by its q-values; null when none is spoken. */
export function localeOfAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag ?? "", q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const locale = matchLocale(entry.tag);
    if (locale) return locale;
  }
  return null;
}

/** A cookie's value from a Cookie header. */
function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

export interface ChosenLocale {
  locale: Locale;
  /** Where it came from: the admin's `locale` parameter is remembered in a cookie. */
  from: "shopify" | "cookie" | "browser" | "default";
}

export function localeOfRequest(request: Request): ChosenLocale {
  const fromShopify = matchLocale(new URL(request.url).searchParams.get("locale"));
  if (fromShopify) return { locale: fromShopify, from: "shopify" };
  const remembered = matchLocale(cookieValue(request.headers.get("Cookie"), LOCALE_COOKIE));
  if (remembered) return { locale: remembered, from: "cookie" };
  const browser = localeOfAcceptLanguage(request.headers.get("Accept-Language"));
  if (browser) return { locale: browser, from: "browser" };
  return { locale: DEFAULT_LOCALE, from: "default" };
}

/** The Set-Cookie that remembers the admin's language; cross-site (the admin frames the app) when served over HTTPS. */
export function rememberLocaleCookie(locale: Locale, secure: boolean): string {
  const site = secure ? "SameSite=None; Secure" : "SameSite=Lax";
  return `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; ${site}; HttpOnly`;
}
