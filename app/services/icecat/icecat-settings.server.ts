/**
 * A shop's Icecat connection, saved from the Catalog page: the Open Icecat user, its API access token (sealed, never
 * shown back: the form says only whether one is kept), the language sheets are read in (the shop's by default), and
 * what "Update Icecat sheets" writes. The account, ready to call, for the run.
 */
import type { IcecatSettings, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { SecretBox } from "../crypto/secret-box.server";
import type { ShopDomain } from "../ids";
import type { Locale } from "../../i18n/locales";
import type { IcecatAccount } from "./icecat-client.server";
import { ICECAT_LANGUAGES, type IcecatSettingsView } from "./icecat-settings";

export type { IcecatSettingsView };

const LANGUAGE_OF_LOCALE: Record<Locale, (typeof ICECAT_LANGUAGES)[number]> = { en: "EN", it: "IT", pl: "PL", "pt-BR": "BR" };

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((value) => value === "on" || value === "true");

const settingsSchema = z.object({
  userName: z.string().trim().min(1, "errors.icecat.userName").max(120),
  /** Empty: keep the token saved; "-": forget it. */
  token: z.string().trim().max(500).optional().default(""),
  language: z.enum(ICECAT_LANGUAGES),
  /** Further languages, comma-separated; the main language among them is dropped. */
  translations: z
    .string()
    .optional()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((code) => code.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ICECAT_LANGUAGES))),
  writeDescription: checkbox,
  writeSpecs: checkbox,
  writeImages: checkbox,
});

export async function readIcecatSettings(db: PrismaClient, shop: ShopDomain, locale: Locale): Promise<IcecatSettingsView> {
  const row = await db.icecatSettings.findUnique({ where: { shop } });
  if (row) return viewOf(row);
  return {
    connected: false,
    userName: "",
    hasToken: false,
    language: LANGUAGE_OF_LOCALE[locale],
    translations: [],
    writeDescription: true,
    writeSpecs: true,
    writeImages: false,
  };
}

/** A saved connection as the form shows it: whether a token is kept, never the token. */
const viewOf = (row: IcecatSettings): IcecatSettingsView => ({
  connected: true,
  userName: row.userName,
  hasToken: Boolean(row.tokenSealed),
  language: row.language,
  translations: row.translations,
  writeDescription: row.writeDescription,
  writeSpecs: row.writeSpecs,
  writeImages: row.writeImages,
});

export async function saveIcecatSettings(db: PrismaClient, box: SecretBox, shop: ShopDomain, raw: unknown): Promise<IcecatSettingsView> {
  const input = settingsSchema.parse(raw);
  const token = input.token === "-" ? { tokenSealed: null } : input.token ? { tokenSealed: box.seal(input.token) } : {};
  const data = {
    userName: input.userName,
    language: input.language,
    translations: [...new Set(input.translations)].filter((code) => code !== input.language),
    writeDescription: input.writeDescription,
    writeSpecs: input.writeSpecs,
    writeImages: input.writeImages,
    ...token,
  };
  return viewOf(await db.icecatSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data }));
}

/** The shop's Icecat account and what to write, or null when the merchant has not connected Icecat. */
export async function icecatAccountOf(
  db: PrismaClient,
  box: SecretBox,
  shop: ShopDomain,
  baseUrl: string | undefined,
): Promise<{ account: IcecatAccount; write: { description: boolean; specs: boolean; images: boolean }; translations: string[] } | null> {
  const row = await db.icecatSettings.findUnique({ where: { shop } });
  if (!row) return null;
  return {
    account: { userName: row.userName, token: row.tokenSealed ? box.open(row.tokenSealed) : null, language: row.language, baseUrl },
    write: { description: row.writeDescription, specs: row.writeSpecs, images: row.writeImages },
    translations: row.translations,
  };
}
