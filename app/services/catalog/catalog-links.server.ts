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

/** One product Shopify made for a source product: the source's variants and Shopify's, matched by SKU. */
export interface MadeProduct {
  variants: readonly SourceVariantRef[];
  made: ReadonlyArray<{ sku: string } & ShopifyVariantRef>;
}

/**
 * Links many products Shopify has just made, in three statements whatever their number (what linkSourceVariant does
 * for one, less the hand-over from a previous source, which a product made now cannot have): their CatalogItems
 * ("created"), their CatalogProducts, and a StockLevel at 0 for each variant at each location.
 */
export async function linkMadeProducts(
  db: PrismaClient,
  shop: ShopDomain,
  products: readonly MadeProduct[],
  locationIds: readonly string[],
): Promise<void> {
  const items = products.flatMap(({ variants, made }) =>
    variants.flatMap((variant) => {
      const ref = made.find((candidate) => candidate.sku === variant.sku);
      return ref ? [{ ...variant, ...ref }] : [];
    }),
  );
  if (items.length === 0) return;
  const column = <K extends keyof (typeof items)[number]>(key: K) => items.map((item) => item[key]);
  await db.$executeRaw`
    insert into "CatalogItem" (shop, sku, "sourceProductId", "sourceVariantId", "shopifyProductId", "shopifyVariantId", "inventoryItemId", origin, "updatedAt")
    select ${shop}, sku, "sourceProductId", "sourceVariantId", "shopifyProductId", "shopifyVariantId", "inventoryItemId", 'created', now()
      from unnest(${column("sku")}::text[], ${column("sourceProductId")}::text[], ${column("sourceVariantId")}::text[],
                  ${column("productId")}::text[], ${column("variantId")}::text[], ${column("inventoryItemId")}::text[])
           as made(sku, "sourceProductId", "sourceVariantId", "shopifyProductId", "shopifyVariantId", "inventoryItemId")
    on conflict (shop, sku) do update set
      "sourceProductId" = excluded."sourceProductId", "sourceVariantId" = excluded."sourceVariantId",
      "shopifyProductId" = excluded."shopifyProductId", "shopifyVariantId" = excluded."shopifyVariantId",
      "inventoryItemId" = excluded."inventoryItemId", origin = excluded.origin, "updatedAt" = excluded."updatedAt"`;
  const byProduct = new Map(items.map((item) => [item.sourceProductId, item.productId]));
  await db.$executeRaw`
    insert into "CatalogProduct" (shop, "sourceProductId", "shopifyProductId")
    select ${shop}, "sourceProductId", "shopifyProductId"
      from unnest(${[...byProduct.keys()]}::text[], ${[...byProduct.values()]}::text[]) as made("sourceProductId", "shopifyProductId")
    on conflict (shop, "sourceProductId") do update set "shopifyProductId" = excluded."shopifyProductId"`;
  if (locationIds.length === 0) return;
  await db.$executeRaw`
    insert into "StockLevel" (shop, "inventoryItemId", "locationId", quantity, "pushedAt")
    select ${shop}, item, location, 0, now()
      from unnest(${column("inventoryItemId")}::text[]) as item
     cross join unnest(${[...locationIds]}::text[]) as location
    on conflict do nothing`;
}
