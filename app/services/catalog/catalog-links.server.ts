/**
 * Ponte's link between a source product's variant and a Shopify variant:
 * the CatalogItem by SKU (what the stock push and the prices follow), and
 * the CatalogProduct for the product as a whole (what the product refresh
 * follows).
 */
import type { PrismaClient } from "@prisma/client";
import type { ShopifyVariantRef } from "../shopify/catalog.adapter.server";
import type { ShopDomain } from "../ids";

export interface SourceVariantRef {
  sku: string;
  sourceProductId: string;
  sourceVariantId: string;
}

export async function linkSourceVariant(
  db: PrismaClient,
  shop: ShopDomain,
  { sku, sourceProductId, sourceVariantId }: SourceVariantRef,
  ref: ShopifyVariantRef,
  origin: "linked" | "created",
): Promise<void> {
  const data = {
    sourceProductId,
    sourceVariantId,
    shopifyProductId: ref.productId,
    shopifyVariantId: ref.variantId,
    inventoryItemId: ref.inventoryItemId,
    origin,
  };
  await db.catalogItem.upsert({ where: { shop_sku: { shop, sku } }, create: { shop, sku, ...data }, update: data });
  // The product as a whole, for the product refresh (its images go with the first refresh). A Shopify product the
  // previous source linked (before the merchant changed the product source) hands over what is known of it: its
  // image hash, and whether a listing rule drafted it (so the rule can put it back on sale).
  const previous = await db.catalogProduct.findFirst({ where: { shop, shopifyProductId: ref.productId, sourceProductId: { not: sourceProductId } } });
  await db.catalogProduct.upsert({
    where: { shop_sourceProductId: { shop, sourceProductId } },
    create: {
      shop,
      sourceProductId,
      shopifyProductId: ref.productId,
      imageHash: previous?.imageHash ?? null,
      draftedBy: previous?.draftedBy ?? null,
    },
    update: { shopifyProductId: ref.productId },
  });
  if (previous) await db.catalogProduct.delete({ where: { shop_sourceProductId: { shop, sourceProductId: previous.sourceProductId } } });
}
