// GIVEN Ponte's translation files, one per language, and requests from Shopify's admin, a remembered choice or a browser
// WHEN keys are compared across languages and a request's language is chosen
// THEN every language has every key, each plural in every form its language needs (Polish: one, few, many, other),
//      with the same placeholders; the language is Shopify's locale first, then the remembered one, then the browser's
import { describe, expect, it } from "vitest";
import { createI18n, MESSAGES } from "../../app/i18n/i18n";
import { LOCALES, localeOfAcceptLanguage, localeOfRequest, matchLocale } from "../../app/i18n/locales";
import { formatterFor } from "../../app/i18n/format";

type Tree = { [key: string]: string | Tree };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) out.set(leaf, text);
  }
  return out;
}
/** "{{count, number}}" is the placeholder count (written with the language's digit grouping). */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*(?:,\s*\w+\s*)?\}\}/g)].map((m) => m[1]).sort();

describe("the translation files", () => {
  const english = leaves(MESSAGES.en as unknown as Tree);
  const bases = new Set([...english.keys()].map((key) => key.replace(PLURAL, "")));

  for (const locale of LOCALES) {
    it(`${locale} has every key, every plural form it needs, and the same placeholders`, () => {
      const words = leaves(MESSAGES[locale] as unknown as Tree);
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const base of bases) {
        const plural = english.has(`${base}_other`);
        const keys = plural ? categories.map((category) => `${base}_${category}`) : [base];
        for (const key of keys) {
          if (!words.has(key)) missing.push(key);
          else {
            const englishKey = plural ? `${base}_other` : base;
            const wanted = placeholders(english.get(englishKey)!).filter((name) => !(plural && name === "count"));
            expect(placeholders(words.get(key)!), `${locale} ${key}`).toEqual(expect.arrayContaining(wanted));
          }
        }
      }
      expect(missing, `${locale} lacks these keys`).toEqual([]);
      const extra = [...words.keys()].filter((key) => !bases.has(key.replace(PLURAL, "")));
      expect(extra, `${locale} has keys English does not`).toEqual([]);
    });
  }

  it("speaks each language's plural forms (Polish 2, 5 and 22; Italian 1 and 1,000,000)", () => {
    const pl = createI18n("pl");
    expect([1, 2, 5, 22].map((count) => pl.t("dashboard.sync.orders", { count }))).toEqual([
      "1 zamówienie",
      "2 zamówienia",
      "5 zamówień",
      "22 zamówienia",
    ]);
    const italian = createI18n("it");
    expect(italian.t("dashboard.sync.orders", { count: 1 })).toBe("1 ordine");
    // Counts are written with the language's digit grouping.
    expect(italian.t("dashboard.sync.orders", { count: 1_000_000 })).toBe("1.000.000 ordini");
    expect(pl.t("dashboard.sync.orders", { count: 12_345 })).toBe("12\u00a0345 zamówień");
    expect(createI18n("en").t("dashboard.sync.orders", { count: 12_345 })).toBe("12,345 orders");
    expect(createI18n("pt-BR").t("nav.schedules")).toBe("Agendamentos");
  });
});

describe("the request's language", () => {
  const request = (url: string, headers: Record<string, string> = {}) => new Request(`http://app.test${url}`, { headers });

  it("takes Shopify's locale on the app's address first, then the remembered one, then the browser's, then English", () => {
    expect(localeOfRequest(request("/app?locale=it-IT", { "Accept-Language": "pl" }))).toEqual({ locale: "it", from: "shopify" });
    expect(localeOfRequest(request("/app/orders", { Cookie: "a=b; ponte_locale=pt-BR", "Accept-Language": "pl" }))).toEqual({
      locale: "pt-BR",
      from: "cookie",
    });
    expect(localeOfRequest(request("/app/orders", { "Accept-Language": "de-DE,pl;q=0.8,it;q=0.9" }))).toEqual({ locale: "it", from: "browser" });
    expect(localeOfRequest(request("/app?locale=de"))).toEqual({ locale: "en", from: "default" });
  });

  it("reads region and script tags to the language Ponte speaks", () => {
    expect(["it-IT", "pl-PL", "pt-BR", "pt-PT", "pt", "en-GB", "de"].map(matchLocale)).toEqual(["it", "pl", "pt-BR", "pt-BR", "pt-BR", "en", null]);
    expect(localeOfAcceptLanguage("fr-FR,fr;q=0.9,pl;q=0")).toBeNull();
  });
});

describe("dates and numbers", () => {
  it("shows a time in the shop's zone, in the merchant's language, whatever the machine's zone", () => {
    const instant = "2026-12-02T13:05:00Z";
    expect(formatterFor("it", "Europe/Rome").time(instant)).toBe("14:05");
    expect(formatterFor("pt-BR", "America/Sao_Paulo").time(instant)).toBe("10:05");
    expect(formatterFor("pl", "Europe/Warsaw").date(instant)).toBe("2 gru 2026");
    expect(formatterFor("it", "Europe/Rome").number(1234.5)).toBe("1234,5");
  });

  it("shows money in the shop's currency to the cent, from its decimal string, never through a float", () => {
    expect(formatterFor("it", "Europe/Rome").money("1234.50", "EUR")).toBe("1234,50\u00a0€");
    expect(formatterFor("pt-BR", "America/Sao_Paulo").money("0.10", "BRL")).toBe("R$\u00a00,10");
    expect(formatterFor("pl", "Europe/Warsaw").money("90071992547409.93", "PLN")).toBe("90\u00a0071\u00a0992\u00a0547\u00a0409,93\u00a0zł");
  });
});

describe("the app menu", () => {
  const PAGE_TITLES = {
    orders: "orders",
    erp: "erp",
    pos: "pos",
    catalog: "catalog",
    stock: "stockHistory",
    prices: "prices",
    jobs: "jobs",
    schedules: "schedules",
    activity: "activity",
  };
  it.each(LOCALES)("%s: each menu entry is named as the page it opens", (locale) => {
    const messages = MESSAGES[locale] as unknown as Record<string, Record<string, string>>;
    for (const [entry, page] of Object.entries(PAGE_TITLES)) expect(messages.nav![entry], `${locale} ${entry}`).toBe(messages[page]!.title);
  });
});
