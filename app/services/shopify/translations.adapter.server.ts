/**
 * The store's languages and a product's translations (Shopify's "translatableResource" and "translationsRegister"):
 * a translation names the digest of the content it translates, read from Shopify just before, so Shopify keeps it
 * only while that content is still the one translated. The answers are parsed here, at the edge.
 */
import { z } from "zod";
import { parseAnswer } from "../edges/parse-answer";
import { payloadOf, type AdminClient } from "./admin-client.server";
import {
  GET_PRODUCT_TRANSLATABLE_CONTENT,
  GET_PRODUCT_TRANSLATABLE_CONTENT_COST,
  GET_SHOP_LOCALES,
  GET_SHOP_LOCALES_COST,
  REGISTER_TRANSLATIONS,
  REGISTER_TRANSLATIONS_COST,
} from "./graphql/translations/product-translations";

export interface ShopLanguage {
  locale: string;
  primary: boolean;
  published: boolean;
}

const localesSchema = z.object({ shopLocales: z.array(z.object({ locale: z.string(), primary: z.boolean(), published: z.boolean() })) });
const contentSchema = z.object({
  translatableResource: z
    .object({ translatableContent: z.array(z.object({ key: z.string(), digest: z.string().nullable(), locale: z.string() })) })
    .nullable(),
});

/** The languages the merchant added to the store (Settings → Languages), the primary one among them. */
export async function shopLanguages(client: AdminClient): Promise<ShopLanguage[]> {
  const data = parseAnswer(localesSchema, await client.request(GET_SHOP_LOCALES, {}, GET_SHOP_LOCALES_COST), "Shopify (shop languages)");
  return data.shopLocales;
}

/** A product field Shopify translates (its translatable content's key). */
export type ProductTranslationKey = "title" | "body_html";

/**
 * Registers translations of a product's fields, each in its locale, against the content the product has now. A field
 * with nothing to translate (empty in Shopify) is passed over; a refusal is returned with Shopify's words.
 */
export async function translateProduct(
  client: AdminClient,
  productId: string,
  translations: Array<{ locale: string; key: ProductTranslationKey; value: string }>,
): Promise<{ ok: true; registered: number } | { ok: false; message: string }> {
  if (translations.length === 0) return { ok: true, registered: 0 };
  const content = parseAnswer(
    contentSchema,
    await client.request(GET_PRODUCT_TRANSLATABLE_CONTENT, { resourceId: productId }, GET_PRODUCT_TRANSLATABLE_CONTENT_COST),
    "Shopify (translatable content)",
  ).translatableResource;
  if (!content) return { ok: false, message: "the product is no longer in Shopify" };
  const digests = new Map(content.translatableContent.flatMap((one) => (one.digest ? [[one.key, one.digest] as const] : [])));
  const inputs = translations.flatMap((one) => {
    const digest = digests.get(one.key);
    return digest && one.value.trim() ? [{ locale: one.locale, key: one.key, value: one.value, translatableContentDigest: digest }] : [];
  });
  if (inputs.length === 0) return { ok: true, registered: 0 };
  const { translationsRegister } = await client.request(
    REGISTER_TRANSLATIONS,
    { resourceId: productId, translations: inputs },
    REGISTER_TRANSLATIONS_COST,
  );
  const errors = payloadOf(translationsRegister, "translationsRegister").userErrors;
  return errors.length ? { ok: false, message: errors.map((error) => error.message).join("; ") } : { ok: true, registered: inputs.length };
}
