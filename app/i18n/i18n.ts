/**
 * Ponte's translations (one file per language in messages/, the same keys in each) on i18next, read through
 * react-i18next's useTranslation. Every language is bundled: four small files, so a page renders on the server and
 * hydrates on the client with the same words and no extra request. (remix-i18next, which loads namespaces by request
 * and detects the language, is not used: the language is chosen by locales.ts from Shopify's `locale` first, which
 * remix-i18next's detection does not know, and bundling leaves nothing for it to load.)
 */
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./messages/en.json";
import it from "./messages/it.json";
import pl from "./messages/pl.json";
import ptBR from "./messages/pt-BR.json";
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisIt from "@shopify/polaris/locales/it.json";
import polarisPl from "@shopify/polaris/locales/pl.json";
import polarisPtBR from "@shopify/polaris/locales/pt-BR.json";
import { DEFAULT_LOCALE, type Locale } from "./locales";

export const MESSAGES: Record<Locale, typeof en> = { en, it, pl, "pt-BR": ptBR };

/** Polaris' own words (its buttons, pagination, empty filters) in the same language, for its AppProvider. */
export const POLARIS_TRANSLATIONS: Record<Locale, typeof polarisEn> = { en: polarisEn, it: polarisIt, pl: polarisPl, "pt-BR": polarisPtBR };

export function createI18n(locale: Locale): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    resources: Object.fromEntries(Object.entries(MESSAGES).map(([language, translation]) => [language, { translation }])),
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
  });
  return instance;
}
