/**
 * The first product sync: every product the source (the POS or the ERP)
 * offers to e-commerce becomes
 * a Shopify product, or is linked to the one Shopify already has with the
 * same SKU (never duplicated). It walks the source's products in id order and
 * keeps a checkpoint (the last product done), so a crash or a Cancel resumes
 * where it stopped; a product Shopify refuses is logged with its reason and
 * the sync goes on. Once every product is done the sync is "completed": the
 * Catalog page's banner turns green and the stock push starts.
 *
 * Here the walk only: its progress is kept by first-sync-progress.server.ts,
 * the links by catalog-links.server.ts, Shopify's side by the catalog adapter.
 */
import type { PrismaClient } from "@prisma/client";
import type { ProductSource, SourceProduct } from "../sources/product-source.types";
import { readCatalogSettings } from "./catalog-settings.server";
import type { RunCounts, RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { createProduct, variantsBySku, type ShopifyVariantRef } from "../shopify/catalog.adapter.server";
import { afterCheckpoint, inCheckpointOrder } from "./checkpoint-order";
import { rulePrices } from "../pricing/price-recalculation.server";
import type { PriceRule } from "../pricing/price-rules";
import { loadPriceRules } from "../pricing/price-rules.server";
import { descriptionHtmlOf } from "./product-content";
import { linkSourceVariant } from "./catalog-links.server";
import {
  recordFirstSyncCheckpoint,
  recordFirstSyncCompleted,
  recordFirstSyncStopped,
  recordFirstSyncTotal,
  startFirstSync,
} from "./first-sync-progress.server";
import type { ShopDomain } from "../ids";

export interface ProductSyncDependencies {
  db: PrismaClient;
  source: ProductSource;
  client: AdminClient;
}

export async function firstProductSync({ db, source, client }: ProductSyncDependencies, shop: ShopDomain, run: RunHandle): Promise<RunCounts> {
  const start = await startFirstSync(db, shop);
  const { resumeAfter, counts } = start;
  try {
    const products = inCheckpointOrder(await source.listProducts());
    const remaining = afterCheckpoint(products, resumeAfter);
    await recordFirstSyncTotal(db, shop, products.length, start);
    await run.log(
      resumeAfter
        ? `Resuming after ${source.sourceName} product ${resumeAfter}: ${remaining.length} of ${products.length} products left.`
        : `${products.length} products offered to e-commerce by the ${source.sourceName}; reading Shopify's SKUs.`,
    );
    const context = await syncContext(db, source, client, shop);
    await run.log(
      `Shopify has ${context.shopify.size} variants with a SKU; products are stocked at ${context.locationIds.length} location${context.locationIds.length === 1 ? "" : "s"}.`,
    );

    for (const product of remaining) {
      await run.checkCancelled();
      const outcome = await syncOne(db, client, shop, product, context);
      if (outcome.kind === "failed") await run.log(`${source.sourceName} product ${product.id} (${product.name}): ${outcome.reason}`, "error");
      counts.done++;
      if (outcome.kind === "linked") counts.linked++;
      if (outcome.kind === "created") counts.created++;
      if (outcome.kind === "failed") counts.failed++;
      await recordFirstSyncCheckpoint(db, shop, product.id, counts);
      await run.progress((counts.done / Math.max(1, products.length)) * 100, {
        read: counts.done,
        linked: counts.linked,
        created: counts.created,
        failed: counts.failed,
      });
    }
    await recordFirstSyncCompleted(db, shop);
    return { read: counts.done, linked: counts.linked, created: counts.created, failed: counts.failed };
  } catch (error) {
    await recordFirstSyncStopped(db, shop, start, error);
    throw error;
  }
}

/** What every product's sync reads, read once: Shopify's variants by SKU, what is linked, the locations, prices and categories. */
async function syncContext(db: PrismaClient, source: ProductSource, client: AdminClient, shop: ShopDomain): Promise<SyncContext> {
  const settings = await readCatalogSettings(db, shop);
  const [categories, locations, rules, linked] = await Promise.all([
    settings.syncCategories ? source.listCategories() : Promise.resolve([]),
    db.posLocationStock.findMany({ where: { shop, source: { not: "none" } }, select: { locationId: true } }),
    loadPriceRules(db, shop),
    db.catalogItem.findMany({ where: { shop }, select: { sku: true } }),
  ]);
  return {
    shopify: await variantsBySku(client),
    linkedSkus: new Set(linked.map((item) => item.sku)),
    locationIds: locations.map((row) => row.locationId),
    rules,
    categories: new Map(categories.map((category) => [category.id, category.name])),
  };
}

type SyncOutcome = { kind: "linked" } | { kind: "created" } | { kind: "skipped" } | { kind: "failed"; reason: string };

interface SyncContext {
  shopify: Map<string, ShopifyVariantRef>;
  linkedSkus: Set<string>;
  locationIds: string[];
  /** The price list: a created product sells at its rule's prices (matched on its product type alone, as it is new). */
  rules: readonly PriceRule[];
  /** The source's category names by id, when the merchant syncs categories as product types. */
  categories: Map<string, string>;
}

async function syncOne(db: PrismaClient, client: AdminClient, shop: ShopDomain, product: SourceProduct, context: SyncContext): Promise<SyncOutcome> {
  const variants = product.variants.filter((variant) => variant.sku.trim());
  if (variants.length === 0) return { kind: "failed", reason: "no variant has a SKU, so it cannot be matched or stocked" };
  const skus = variants.map((variant) => variant.sku.trim());
  if (new Set(skus).size !== skus.length) return { kind: "failed", reason: `a SKU repeats within the product (${skus.join(", ")})` };
  if (skus.every((sku) => context.linkedSkus.has(sku))) return { kind: "skipped" };

  const existing = skus.filter((sku) => context.shopify.has(sku));
  if (existing.length > 0) {
    // Shopify already sells these SKUs: link them, never make a second product.
    for (const variant of variants) {
      const ref = context.shopify.get(variant.sku.trim());
      if (ref)
        await linkSourceVariant(db, shop, { sku: variant.sku.trim(), sourceProductId: product.id, sourceVariantId: variant.id }, ref, "linked");
    }
    const missing = skus.filter((sku) => !context.shopify.has(sku));
    return missing.length
      ? { kind: "failed", reason: `linked to Shopify's product, but Shopify lacks the SKUs ${missing.join(", ")}: add them to that product` }
      : { kind: "linked" };
  }
  const productType = product.categoryId ? (context.categories.get(product.categoryId) ?? null) : null;
  const prices = rulePrices(variants, { vendor: "", productType: productType ?? "", collections: [] }, context.rules);
  const created = await createProduct(client, {
    title: product.name,
    descriptionHtml: descriptionHtmlOf(product.description),
    productType,
    variants: variants.map((variant) => ({ sku: variant.sku.trim(), price: prices.get(variant.sku.trim()) ?? variant.price, name: variant.name })),
    locationIds: context.locationIds,
  });
  if (!created.ok) return { kind: "failed", reason: `Shopify refused the product: ${created.message}` };
  // Known from now on: a later POS product with one of these SKUs links to this product instead of making another.
  for (const made of created.variants) if (made.sku) context.shopify.set(made.sku, made);
  for (const variant of variants) {
    const ref = created.variants.find((made) => made.sku === variant.sku.trim());
    if (ref) await linkSourceVariant(db, shop, { sku: ref.sku, sourceProductId: product.id, sourceVariantId: variant.id }, ref, "created");
  }
  // Every variant was made stocked at the locations, at 0: the stock push starts from there.
  await db.stockLevel.createMany({
    data: created.variants.flatMap((made) =>
      context.locationIds.map((locationId) => ({ shop, inventoryItemId: made.inventoryItemId, locationId, quantity: 0, pushedAt: new Date() })),
    ),
    skipDuplicates: true,
  });
  return { kind: "created" };
}
