/**
 * A product's content as Ponte compares it, pure: the same key from the POS
 * side and from Shopify's side means nothing to send. Only what Ponte
 * manages counts: title, description, product type (when categories
 * travel) and the prices of the variants whose SKUs the POS has. The image
 * set is hashed on its own: images travel only when it changes.
 */
import { createHash } from "node:crypto";

export interface ProductContent {
  title: string;
  descriptionHtml: string;
  /** null when categories do not travel: then not compared. */
  productType: string | null;
  prices: ReadonlyMap<string, string>;
}

const price = (value: string) => (Number.isFinite(Number(value)) ? Number(value).toFixed(2) : value);
const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);

export function contentHash(content: ProductContent): string {
  const prices = [...content.prices].map(([sku, amount]) => [sku, price(amount)]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return digest([content.title.trim(), content.descriptionHtml.trim(), content.productType?.trim() ?? null, prices]);
}

/** Shopify's side in the same terms, for the SKUs the POS has (a merchant's own variants are not compared). */
export function shopifyContent(product: { title: string; descriptionHtml: string; productType: string; variants: Array<{ sku: string; price: string }> }, skus: ReadonlySet<string>, withType: boolean): ProductContent {
  return {
    title: product.title,
    descriptionHtml: product.descriptionHtml,
    productType: withType ? product.productType : null,
    prices: new Map(product.variants.filter((variant) => skus.has(variant.sku)).map((variant) => [variant.sku, variant.price])),
  };
}

export function imageSetHash(urls: readonly string[]): string | null {
  return urls.length ? digest([...urls].sort()) : null;
}

export const descriptionHtmlOf = (text: string) => (text ? `<p>${text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)}</p>` : "");
