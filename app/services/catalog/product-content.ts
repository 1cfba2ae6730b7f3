/**
 * A product's content as Ponte compares it, pure: the same key from the POS
 * side and from Shopify's side means nothing to send. Only what Ponte
 * manages counts: title, description, product type (when categories
 * travel) and the prices of the variants whose SKUs the POS has. The image
 * set is hashed on its own: images travel only when it changes.
 */
import { format, isAmount } from "../money/money";
import { textDigest, valueDigest } from "../hashing/text-digest";

export interface ProductContent {
  title: string;
  descriptionHtml: string;
  /** null when categories do not travel: then not compared. */
  productType: string | null;
  prices: ReadonlyMap<string, string>;
}

/** What is compared: the description only as its digest, so Shopify's side need not keep it. */
export type ComparableContent = Omit<ProductContent, "descriptionHtml"> & { descriptionDigest: string };

/** Prices compared at two decimals ("5.4" and "5.40" are one price). */
const price = (value: string) => (isAmount(value) ? format(value, "EUR") : value);

export const comparable = (content: ProductContent): ComparableContent => ({ ...content, descriptionDigest: textDigest(content.descriptionHtml) });

export function contentHash(content: ComparableContent): string {
  const prices = [...content.prices].map(([sku, amount]) => [sku, price(amount)]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return valueDigest([content.title.trim(), content.descriptionDigest, content.productType?.trim() ?? null, prices]);
}

/** Shopify's side in the same terms, for the SKUs the POS has (a merchant's own variants are not compared). */
export function shopifyContent(
  product: { title: string; descriptionDigest: string; productType: string; variants: Array<{ sku: string; price: string }> },
  skus: ReadonlySet<string>,
  withType: boolean,
): ComparableContent {
  return {
    title: product.title,
    descriptionDigest: product.descriptionDigest,
    productType: withType ? product.productType : null,
    prices: new Map(product.variants.filter((variant) => skus.has(variant.sku)).map((variant) => [variant.sku, variant.price])),
  };
}

export function imageSetHash(urls: readonly string[]): string | null {
  return urls.length ? valueDigest([...urls].sort()) : null;
}

export const descriptionHtmlOf = (text: string) =>
  text ? `<p>${text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)}</p>` : "";
