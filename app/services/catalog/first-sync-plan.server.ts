/**
 * The first product sync's decisions and their record, shared by the walk (first-product-sync.server.ts) and its
 * bulk maker (first-sync-bulk.server.ts): what to do with one source product given what Shopify and Ponte know,
 * and the links of a product Shopify made.
 */
import type { PrismaClient } from "@prisma/client";
import type { ShopDomain } from "../ids";
import { rulePrices } from "../pricing/price-recalculation.server";
import type { PriceRule } from "../pricing/price-rules";
import type { AdminClient } from "../shopify/admin-client.server";
import type { NewShopifyProduct, ShopifyVariantRef } from "../shopify/catalog.adapter.server";
import type { ProductSource, SourceProduct } from "../sources/product-source.types";
import { linkSourceVariant, type SourceVariantRef } from "./catalog-links.server";
import { descriptionHtmlOf } from "./product-content";

export interface ProductSyncDependencies {
  db: PrismaClient;
  source: ProductSource;
  client: AdminClient;
  /** How often a bulk operation is polled at first (tests make it short). */
  bulkPollIntervalMs?: number;
  /** The size a bulk file is split at (Shopify's limit unless a test makes it small). */
  bulkFileLimitBytes?: number;
}

export type SyncOutcome = { kind: "linked" } | { kind: "created" } | { kind: "skipped" } | { kind: "failed"; reason: string };

export interface SyncContext {
  shopify: Map<string, ShopifyVariantRef>;
  linkedSkus: Set<string>;
  locationIds: string[];
  /** The price list: a created product sells at its rule's prices (matched on its product type alone, as it is new). */
  rules: readonly PriceRule[];
  /** The source's category names by id, when the merchant syncs categories as product types. */
  categories: Map<string, string>;
}

/** What to do with one source product, decided from what is known (nothing is written). */
export type ProductPlan =
  | { kind: "skipped" }
  | { kind: "failed"; reason: string }
  | { kind: "link"; variants: SourceVariantRef[] }
  | { kind: "create"; product: NewShopifyProduct; variants: SourceVariantRef[] };

export function planOne(product: SourceProduct, context: SyncContext): ProductPlan {
  const variants = product.variants.filter((variant) => variant.sku.trim());
  if (variants.length === 0) return { kind: "failed", reason: "no variant has a SKU, so it cannot be matched or stocked" };
  const skus = variants.map((variant) => variant.sku.trim());
  if (new Set(skus).size !== skus.length) return { kind: "failed", reason: `a SKU repeats within the product (${skus.join(", ")})` };
  if (skus.every((sku) => context.linkedSkus.has(sku))) return { kind: "skipped" };
  const refs = variants.map((variant) => ({ sku: variant.sku.trim(), sourceProductId: product.id, sourceVariantId: variant.id }));
  // Shopify already sells these SKUs: link them, never make a second product.
  if (skus.some((sku) => context.shopify.has(sku))) return { kind: "link", variants: refs };
  const productType = product.categoryId ? (context.categories.get(product.categoryId) ?? null) : null;
  const prices = rulePrices(variants, { vendor: "", productType: productType ?? "", collections: [] }, context.rules);
  return {
    kind: "create",
    variants: refs,
    product: {
      title: product.name,
      descriptionHtml: descriptionHtmlOf(product.description),
      productType,
      variants: variants.map((variant) => ({ sku: variant.sku.trim(), price: prices.get(variant.sku.trim()) ?? variant.price, name: variant.name })),
      locationIds: context.locationIds,
    },
  };
}

/**
 * Links the variants Shopify made for a product, stocked at 0 at the locations (where the stock push starts), and
 * keeps them known from now on: a later source product with one of these SKUs links to this product instead of
 * making another.
 */
export async function recordMade(
  db: PrismaClient,
  shop: ShopDomain,
  variants: readonly SourceVariantRef[],
  made: ReadonlyArray<{ sku: string } & ShopifyVariantRef>,
  context: Pick<SyncContext, "shopify" | "locationIds">,
): Promise<void> {
  for (const ref of made) if (ref.sku) context.shopify.set(ref.sku, ref);
  for (const variant of variants) {
    const ref = made.find((candidate) => candidate.sku === variant.sku);
    if (ref) await linkSourceVariant(db, shop, variant, ref, "created");
  }
  await db.stockLevel.createMany({
    data: made.flatMap((ref) =>
      context.locationIds.map((locationId) => ({ shop, inventoryItemId: ref.inventoryItemId, locationId, quantity: 0, pushedAt: new Date() })),
    ),
    skipDuplicates: true,
  });
}
