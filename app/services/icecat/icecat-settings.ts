/** The Icecat settings as the Catalog page shows them, shared by the server and the browser. */

/** Icecat's language codes Ponte offers (Icecat names Brazilian Portuguese "BR"). */
export const ICECAT_LANGUAGES = ["EN", "IT", "PL", "BR", "DE", "FR", "ES", "NL"] as const;
export type IcecatLanguage = (typeof ICECAT_LANGUAGES)[number];

/** The store language (Shopify's locale) each Icecat language is written to as a translation. */
export const STORE_LOCALE_OF_ICECAT: Record<IcecatLanguage, string> = {
  EN: "en",
  IT: "it",
  PL: "pl",
  BR: "pt-BR",
  DE: "de",
  FR: "fr",
  ES: "es",
  NL: "nl",
};

export interface IcecatSettingsView {
  connected: boolean;
  userName: string;
  /** Whether an API access token is kept (never the token itself). */
  hasToken: boolean;
  language: string;
  /** Further Icecat languages, written as the products' translations. */
  translations: string[];
  writeDescription: boolean;
  writeSpecs: boolean;
  writeImages: boolean;
}
