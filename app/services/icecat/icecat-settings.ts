/** The Icecat settings as the Catalog page shows them, shared by the server and the browser. */

/** Icecat's language codes Ponte offers (Icecat names Brazilian Portuguese "BR"). */
export const ICECAT_LANGUAGES = ["EN", "IT", "PL", "BR", "DE", "FR", "ES", "NL"] as const;

export interface IcecatSettingsView {
  connected: boolean;
  userName: string;
  /** Whether an API access token is kept (never the token itself). */
  hasToken: boolean;
  language: string;
  writeDescription: boolean;
  writeSpecs: boolean;
  writeImages: boolean;
}
