/**
 * Translations of products, as Shopify documents them ("Manage translated content", translatableResource,
 * translationsRegister): a product's translatable content is its title, body_html, handle and product_type, each with
 * a digest of its value in the shop's primary locale; a translation is registered for a locale the shop has added
 * (not its primary one) with the digest of the content it translates, and Shopify refuses it when the digest is not
 * the current one (INVALID_TRANSLATABLE_CONTENT), the key is not the product's (INVALID_KEY_FOR_MODEL), the locale is
 * not the shop's (INVALID_LOCALE_FOR_SHOP), the value is blank (BLANK) or the product does not exist
 * (RESOURCE_NOT_FOUND); nothing of a refused call is kept. A translation whose content changed since is `outdated`.
 * ASSUMED: the digest is the SHA-256 of the value in hex (Shopify calls it "hash digest representation" and names no
 * algorithm; Ponte only ever passes back the digest it read).
 */
import { createHash } from "node:crypto";
import { numericIdOf } from "../store/ids";
import type { ProductRecord } from "../store/catalog-store";
import type { EmulatedShop } from "../state";

export interface ShopLocaleRecord {
  locale: string;
  name: string;
  primary: boolean;
  published: boolean;
}

export interface TranslationRecord {
  value: string;
  /** The digest of the content it translated, when it was registered. */
  digest: string;
  updatedAt: string;
}

/** A product's translatable keys, with the product's field each one is. */
const PRODUCT_KEYS = {
  title: (product: ProductRecord) => product.title,
  body_html: (product: ProductRecord) => product.descriptionHtml,
  handle: (product: ProductRecord) => product.handle,
  product_type: (product: ProductRecord) => product.productType,
} as const;

const CONTENT_TYPES: Record<keyof typeof PRODUCT_KEYS, string> = {
  title: "SINGLE_LINE_TEXT_FIELD",
  body_html: "HTML",
  handle: "URI",
  product_type: "SINGLE_LINE_TEXT_FIELD",
};

const digestOf = (value: string) => createHash("sha256").update(value).digest("hex");

/** The shop's locales; `published: true` returns only the published ones (false, the default: all). */
export function shopLocalesView(shop: EmulatedShop, published: boolean | null | undefined): unknown[] {
  return shop.locales.filter((one) => !published || one.published).map((one) => ({ __typename: "ShopLocale", ...one, marketWebPresences: [] }));
}

function productOf(shop: EmulatedShop, resourceId: string): ProductRecord | undefined {
  if (!resourceId.startsWith("gid://shopify/Product/")) return undefined;
  return shop.catalog.products.get(numericIdOf(resourceId, "Product") ?? -1);
}

/** A product's translations in a locale, as `Translation` objects. */
export function translationsView(product: ProductRecord, locale: string): unknown[] {
  return Object.entries(product.translations?.[locale] ?? {}).map(([key, translation]) => {
    const read = PRODUCT_KEYS[key as keyof typeof PRODUCT_KEYS];
    return {
      __typename: "Translation",
      key,
      locale,
      value: translation.value,
      outdated: read ? digestOf(read(product)) !== translation.digest : false,
      updatedAt: translation.updatedAt,
      market: null,
    };
  });
}

export function translatableResourceView(shop: EmulatedShop, resourceId: string): unknown {
  const product = productOf(shop, resourceId);
  if (!product) return null;
  const primary = shop.locales.find((one) => one.primary)?.locale ?? "en";
  return {
    __typename: "TranslatableResource",
    resourceId,
    translatableContent: (Object.keys(PRODUCT_KEYS) as Array<keyof typeof PRODUCT_KEYS>).map((key) => {
      const value = PRODUCT_KEYS[key](product);
      return { __typename: "TranslatableContent", key, value, digest: value ? digestOf(value) : null, locale: primary, type: CONTENT_TYPES[key] };
    }),
    translations: (args: { locale: string }) => translationsView(product, args.locale),
    nestedTranslatableResources: { __typename: "TranslatableResourceConnection", nodes: [], edges: [], pageInfo: emptyPage },
  };
}

const emptyPage = { __typename: "PageInfo", hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

interface TranslationInput {
  key: string;
  locale: string;
  value: string;
  translatableContentDigest: string;
  marketId?: string | null;
}

export function translationsRegister(shop: EmulatedShop, args: { resourceId: string; translations: TranslationInput[] }): unknown {
  const product = productOf(shop, args.resourceId);
  const refuse = (index: number | null, field: string, code: string, message: string) => ({
    translations: null,
    userErrors: [
      { __typename: "TranslationUserError", field: index === null ? ["resourceId"] : ["translations", String(index), field], message, code },
    ],
  });
  if (!product) return refuse(null, "resourceId", "RESOURCE_NOT_FOUND", `Resource ${args.resourceId} does not exist`);
  for (const [index, input] of args.translations.entries()) {
    const locale = shop.locales.find((one) => one.locale === input.locale);
    if (!locale || locale.primary) return refuse(index, "locale", "INVALID_LOCALE_FOR_SHOP", `Locale ${input.locale} is not a locale of the shop`);
    if (input.marketId) return refuse(index, "marketId", "MARKET_CUSTOM_CONTENT_NOT_ALLOWED", "The emulator keeps no market translations");
    const read = PRODUCT_KEYS[input.key as keyof typeof PRODUCT_KEYS];
    if (!read) return refuse(index, "key", "INVALID_KEY_FOR_MODEL", `Key ${input.key} is not a valid translatable field`);
    if (!input.value.trim()) return refuse(index, "value", "BLANK", "Value can't be blank");
    const content = read(product);
    if (!content || digestOf(content) !== input.translatableContentDigest)
      return refuse(index, "translatableContentDigest", "INVALID_TRANSLATABLE_CONTENT", "Translatable content hash is invalid");
  }
  const now = new Date().toISOString();
  product.translations ??= {};
  for (const input of args.translations) {
    (product.translations[input.locale] ??= {})[input.key] = { value: input.value, digest: input.translatableContentDigest, updatedAt: now };
  }
  return {
    translations: args.translations.flatMap((input) =>
      translationsView(product, input.locale).filter((one) => (one as { key: string }).key === input.key),
    ),
    userErrors: [],
  };
}
