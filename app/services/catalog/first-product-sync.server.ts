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
 * Above the shop's bulk threshold of products to make (a catalog setting),
 * the products are made by bulk mutations instead of one productSet each
 * (first-sync-bulk.server.ts); the walk, the links and the checkpoint are
 * the same, the checkpoint kept after each bulk operation.
 *
 * Here the walk only: its progress is kept by first-sync-progress.server.ts,
 * the links by catalog-links.server.ts, Shopify's side by the catalog adapter.
 */
import { say } from "../../i18n/merchant-message";
import type { PrismaClient } from "@prisma/client";
import type { ProductSource } from "../sources/product-source.types";
import { readCatalogSettings } from "./catalog-settings.server";
import type { RunCounts, RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { createProduct, variantsBySku } from "../shopify/catalog.adapter.server";
import { withStaging } from "./staged-sources.server";
import { stagedSourceCount, stagedSourcePages, stagedVariantsBySku, stageSourceProducts } from "./staged-catalog.server";
import { loadPriceRules } from "../pricing/price-rules.server";
import { linkSourceVariant } from "./catalog-links.server";
import { BulkProductMaker, finishLeftBulkOperation } from "./first-sync-bulk.server";
import { planOne, recordMade, type ProductPlan, type ProductSyncDependencies, type SyncContext, type SyncOutcome } from "./first-sync-plan.server";

export type { ProductSyncDependencies } from "./first-sync-plan.server";
import {
  recordFirstSyncCheckpoint,
  recordFirstSyncCompleted,
  recordFirstSyncStopped,
  recordFirstSyncTotal,
  startFirstSync,
} from "./first-sync-progress.server";
import type { ShopDomain } from "../ids";

export async function firstProductSync(deps: ProductSyncDependencies, shop: ShopDomain, run: RunHandle): Promise<RunCounts> {
  const { db, source, client } = deps;
  const start = await startFirstSync(db, shop);
  const { resumeAfter, counts } = start;
  let bulk: BulkProductMaker | null = null;
  return withStaging(db, run.id, async () => {
    try {
      // The source's products are staged as they are read, then walked a page at a time in checkpoint order.
      for await (const page of source.productPages()) await stageSourceProducts(db, run.id, page);
      const total = await stagedSourceCount(db, run.id, null);
      const remaining = await stagedSourceCount(db, run.id, resumeAfter);
      const walk = async function* () {
        for await (const page of stagedSourcePages(db, run.id, resumeAfter, FIRST_SYNC_PAGE_SIZE)) yield* page;
      };
      await recordFirstSyncTotal(db, shop, total, start);
      await run.log(
        resumeAfter
          ? say("runs.log.sync.resuming", { source: source.sourceName, after: resumeAfter, count: remaining, total })
          : say("runs.log.sync.offered", { count: total, source: source.sourceName }),
      );
      // A bulk operation a stopped run left behind is waited for and read first: what it made is linked, never made twice.
      const left = await finishLeftBulkOperation(deps, shop, (skus) => stagedVariantsBySku(db, run.id, skus), run);
      if (left) {
        counts.created += left.created;
        await run.log(say("runs.log.sync.leftBulkEnded", { count: left.created }));
      }
      const context = await syncContext(db, source, client, shop);
      await run.log(say("runs.log.sync.shopifyHas", { variants: context.shopify.size, count: context.locationIds.length }));
      let toMake = 0;
      for await (const product of walk()) if (planOne(product, context).kind === "create") toMake++;
      const settings = await readCatalogSettings(db, shop);
      if (toMake > settings.bulkThreshold)
        bulk = new BulkProductMaker(deps, shop, run, counts, resumeAfter, (done) => run.progress((done / Math.max(1, total)) * 100));
      if (bulk) await run.log(say("runs.log.sync.bulk", { count: toMake, threshold: settings.bulkThreshold }));

      const report = () =>
        run.progress((counts.done / Math.max(1, total)) * 100, {
          read: counts.done,
          linked: counts.linked,
          created: counts.created,
          failed: counts.failed,
        });
      for await (const product of walk()) {
        await run.checkCancelled();
        let plan = planOne(product, context);
        if (plan.kind === "create" && bulk) {
          // A SKU on its way in the bulk file is linked, not made again: the file runs first.
          if (bulk.holdsAny(plan.variants.map((variant) => variant.sku))) {
            await bulk.run(context);
            plan = planOne(product, context);
          }
          if (plan.kind === "create") {
            await bulk.add(product, plan, context);
            continue;
          }
        }
        const outcome = await carryOut(db, client, shop, plan, context);
        if (outcome.kind === "failed")
          await run.log(
            say("runs.log.sync.failed", { source: source.sourceName, id: product.id, name: product.name, reason: outcome.reason }),
            "error",
          );
        count(counts, outcome);
        bulk?.walked(product.id);
        if (!bulk?.holding) await recordFirstSyncCheckpoint(db, shop, product.id, counts);
        await report();
      }
      if (bulk) {
        await bulk.run(context);
        await report();
      }
      await recordFirstSyncCompleted(db, shop);
      return { read: counts.done, linked: counts.linked, created: counts.created, failed: counts.failed };
    } catch (error) {
      await bulk?.discard();
      await recordFirstSyncStopped(db, shop, start, error);
      throw error;
    }
  });
}

/** Source products walked at a time: the catalog is staged and read back page by page, never held whole. */
export const FIRST_SYNC_PAGE_SIZE = 1_000;

export function count(counts: { done: number; linked: number; created: number; failed: number }, outcome: SyncOutcome): void {
  counts.done++;
  if (outcome.kind === "linked") counts.linked++;
  if (outcome.kind === "created") counts.created++;
  if (outcome.kind === "failed") counts.failed++;
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

async function carryOut(db: PrismaClient, client: AdminClient, shop: ShopDomain, plan: ProductPlan, context: SyncContext): Promise<SyncOutcome> {
  switch (plan.kind) {
    case "skipped":
    case "failed":
      return plan;
    case "link": {
      for (const variant of plan.variants) {
        const ref = context.shopify.get(variant.sku);
        if (ref) await linkSourceVariant(db, shop, variant, ref, "linked");
      }
      const missing = plan.variants.map((variant) => variant.sku).filter((sku) => !context.shopify.has(sku));
      return missing.length
        ? { kind: "failed", reason: `linked to Shopify's product, but Shopify lacks the SKUs ${missing.join(", ")}: add them to that product` }
        : { kind: "linked" };
    }
    case "create": {
      const created = await createProduct(client, plan.product);
      if (!created.ok) return { kind: "failed", reason: `Shopify refused the product: ${created.message}` };
      await recordMade(db, shop, plan.variants, created.variants, context);
      return { kind: "created" };
    }
  }
}
