/**
 * The first product sync: every product the source (the POS or the ERP)
 * offers to e-commerce becomes
 * a Shopify product, or is linked to the one Shopify already has with the
 * same SKU (never duplicated). It walks the source's products in id order and
 * keeps a checkpoint (the last product done), so a crash or a Cancel resumes
 * where it stopped; a product Shopify refuses is logged with its reason and
 * the sync goes on. Once every product is done the sync is "completed": the
 * Catalog page's banner turns green and the stock push starts.
 */
import { CancelledError } from "../errors";
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

export interface ProductSyncDependencies {
  db: PrismaClient;
  source: ProductSource;
  client: AdminClient;
}

export async function firstProductSync({ db, source, client }: ProductSyncDependencies, shop: string, run: RunHandle): Promise<RunCounts> {
  const previous = await db.catalogSync.findUnique({ where: { shop } });
  // A completed sync run again ("Force product sync") walks everything again and stays completed meanwhile (the
  // stock push goes on); an unfinished one resumes after its checkpoint.
  const forced = previous?.firstSync === "completed";
  const before = await db.catalogSync.upsert({
    where: { shop },
    create: { shop, firstSync: "running", startedAt: new Date() },
    update: { firstSync: forced ? "completed" : "running", startedAt: new Date() },
  });
  const resumeAfter = forced ? null : before.checkpoint;
  const counts =
    forced || !before.checkpoint
      ? { done: 0, linked: 0, created: 0, failed: 0 }
      : { done: before.done, linked: before.linked, created: before.created, failed: before.failed };
  try {
    const settings = await readCatalogSettings(db, shop);
    const products = inCheckpointOrder(await source.listProducts());
    const remaining = afterCheckpoint(products, resumeAfter);
    const categories = settings.syncCategories
      ? new Map((await source.listCategories()).map((category) => [category.id, category.name]))
      : new Map<string, string>();
    const locationIds = (await db.posLocationStock.findMany({ where: { shop, source: { not: "none" } }, select: { locationId: true } })).map(
      (row) => row.locationId,
    );
    await db.catalogSync.update({
      where: { shop },
      data: { total: products.length, ...(resumeAfter ? {} : { checkpoint: null, done: 0, linked: 0, created: 0, failed: 0 }) },
    });
    await run.log(
      resumeAfter
        ? `Resuming after ${source.sourceName} product ${resumeAfter}: ${remaining.length} of ${products.length} products left.`
        : `${products.length} products offered to e-commerce by the ${source.sourceName}; reading Shopify's SKUs.`,
    );
    const shopify = await variantsBySku(client);
    const rules = await loadPriceRules(db, shop);
    const linkedSkus = new Set((await db.catalogItem.findMany({ where: { shop }, select: { sku: true } })).map((item) => item.sku));
    await run.log(
      `Shopify has ${shopify.size} variants with a SKU; products are stocked at ${locationIds.length} location${locationIds.length === 1 ? "" : "s"}.`,
    );

    for (const product of remaining) {
      await run.checkCancelled();
      const outcome = await syncOne(db, client, shop, product, {
        shopify,
        linkedSkus,
        locationIds,
        rules,
        productType: product.categoryId ? (categories.get(product.categoryId) ?? null) : null,
      });
      if (outcome.kind === "failed") await run.log(`${source.sourceName} product ${product.id} (${product.name}): ${outcome.reason}`, "error");
      counts.done++;
      if (outcome.kind === "linked") counts.linked++;
      if (outcome.kind === "created") counts.created++;
      if (outcome.kind === "failed") counts.failed++;
      await db.catalogSync.update({ where: { shop }, data: { checkpoint: product.id, ...counts } });
      await run.progress((counts.done / Math.max(1, products.length)) * 100, {
        read: counts.done,
        linked: counts.linked,
        created: counts.created,
        failed: counts.failed,
      });
    }
    await db.catalogSync.update({ where: { shop }, data: { firstSync: "completed", completedAt: new Date(), checkpoint: null } });
    return { read: counts.done, linked: counts.linked, created: counts.created, failed: counts.failed };
  } catch (error) {
    if (!forced) await db.catalogSync.update({ where: { shop }, data: { firstSync: error instanceof CancelledError ? "cancelled" : "failed" } });
    throw error;
  }
}

type SyncOutcome = { kind: "linked" } | { kind: "created" } | { kind: "skipped" } | { kind: "failed"; reason: string };

interface SyncContext {
  shopify: Map<string, ShopifyVariantRef>;
  linkedSkus: Set<string>;
  locationIds: string[];
  /** The price list: a created product sells at its rule's prices (matched on its product type alone, as it is new). */
  rules: readonly PriceRule[];
  productType: string | null;
}

async function syncOne(db: PrismaClient, client: AdminClient, shop: string, product: SourceProduct, context: SyncContext): Promise<SyncOutcome> {
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
      if (ref) await link(db, shop, variant.sku.trim(), product.id, variant.id, ref, "linked");
    }
    const missing = skus.filter((sku) => !context.shopify.has(sku));
    return missing.length
      ? { kind: "failed", reason: `linked to Shopify's product, but Shopify lacks the SKUs ${missing.join(", ")}: add them to that product` }
      : { kind: "linked" };
  }
  const prices = rulePrices(variants, { vendor: "", productType: context.productType ?? "", collections: [] }, context.rules);
  const created = await createProduct(client, {
    title: product.name,
    descriptionHtml: descriptionHtmlOf(product.description),
    productType: context.productType,
    variants: variants.map((variant) => ({ sku: variant.sku.trim(), price: prices.get(variant.sku.trim()) ?? variant.price, name: variant.name })),
    locationIds: context.locationIds,
  });
  if (!created.ok) return { kind: "failed", reason: `Shopify refused the product: ${created.message}` };
  // Known from now on: a later POS product with one of these SKUs links to this product instead of making another.
  for (const made of created.variants) if (made.sku) context.shopify.set(made.sku, made);
  for (const variant of variants) {
    const ref = created.variants.find((made) => made.sku === variant.sku.trim());
    if (ref) await link(db, shop, ref.sku, product.id, variant.id, ref, "created");
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

async function link(
  db: PrismaClient,
  shop: string,
  sku: string,
  sourceProductId: string,
  sourceVariantId: string,
  ref: ShopifyVariantRef,
  origin: "linked" | "created",
) {
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
