/**
 * The product refresh (twice a day) and the full resync (by hand): each
 * product the source (POS or ERP) offers, already linked to Shopify, is compared with
 * Shopify's copy (read with one bulk query, streamed) and rewritten only
 * when its content differs, or always on a full resync. Images travel only
 * when the POS's image set changed since they were last sent (or when the
 * merchant forces them). A product Shopify refuses is logged and the run
 * goes on. The full resync keeps a checkpoint and resumes after a crash or a
 * Cancel from the last product it finished. Above the shop's bulk threshold
 * of products to rewrite, the rewrites go through bulk operations and the
 * checkpoint moves after each. The source's products and Shopify's copies are
 * staged in PostgreSQL as they are read and walked a page at a time (in
 * checkpoint order), so memory does not grow with the catalog.
 */
import { say } from "../../i18n/merchant-message";
import type { CatalogProduct, PrismaClient } from "@prisma/client";
import { readCatalogSettings } from "./catalog-settings.server";
import type { ProductSource, SourceProduct } from "../sources/product-source.types";
import type { RunCounts, RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { factsOf, rulePrices } from "../pricing/price-recalculation.server";
import type { PriceRule } from "../pricing/price-rules";
import { loadPriceRules } from "../pricing/price-rules.server";
import {
  BULK_PRODUCT_SET,
  parseProductSetLine,
  productRewriteVariables,
  refreshLines,
  rewriteProduct,
  type CreatedProduct,
  type ShopifyProductState,
} from "../shopify/catalog.adapter.server";
import { BulkLineWriter } from "../shopify/bulk-mutation.server";
import { withStaging } from "./staged-sources.server";
import { stagedShopifyStates, stagedSourceCount, stagedSourcePages, stageRefreshLines, stageSourceProducts } from "./staged-catalog.server";
import { comparable, contentHash, descriptionHtmlOf, imageSetHash, shopifyContent, type ProductContent } from "./product-content";
import type { ShopDomain } from "../ids";

export interface RefreshMode {
  /** Full resync: every product rewritten, whatever the hashes say. */
  full: boolean;
  /** Images sent again even where their hash did not change. */
  forceImages: boolean;
}

export interface RefreshDependencies {
  db: PrismaClient;
  source: ProductSource;
  client: AdminClient;
  /** Bulk operations' first poll interval and file size (tests make them small). */
  bulk?: { pollIntervalMs?: number; fileLimitBytes?: number };
}

/** A product the refresh rewrites, and what to record once Shopify has it. */
interface Rewrite {
  product: SourceProduct;
  /** The image set's hash to record, when its images were sent. */
  sentImages: string | null;
}

/** Source products walked at a time: the catalog is staged and read back page by page, never held whole. */
export const REFRESH_PAGE_SIZE = 1_000;

export function refreshProducts(deps: RefreshDependencies, shop: ShopDomain, run: RunHandle, mode: RefreshMode): Promise<RunCounts> {
  return withStaging(deps.db, run.id, () => refreshStaged(deps, shop, run, mode));
}

async function refreshStaged(deps: RefreshDependencies, shop: ShopDomain, run: RunHandle, mode: RefreshMode): Promise<RunCounts> {
  const { db, source: from, client } = deps;
  const settings = await readCatalogSettings(db, shop);
  const withType = settings.syncCategories;
  const withImages = settings.syncImages;
  const rules = await loadPriceRules(db, shop);
  const sync = await db.catalogSync.findUnique({ where: { shop } });
  const resumeAfter = mode.full ? (sync?.resyncCheckpoint ?? null) : null;

  // The source's products and Shopify's copies are staged as they are read, then walked a page at a time.
  for await (const page of from.productPages()) await stageSourceProducts(db, run.id, page);
  const offered = await stagedSourceCount(db, run.id, null);
  const linked = await db.catalogProduct.count({ where: { shop } });
  const categories = withType ? new Map((await from.listCategories()).map((category) => [category.id, category.name])) : new Map<string, string>();
  await run.log(say("runs.log.refresh.offered", { count: offered, source: from.sourceName, linked }));
  await stageRefreshLines(db, run.id, refreshLines(client));
  await run.progress(10);
  const remaining = await stagedSourceCount(db, run.id, resumeAfter);
  if (resumeAfter) await run.log(say("runs.log.refresh.resuming", { source: from.sourceName, after: resumeAfter, count: remaining, total: offered }));

  /** The products after the checkpoint, each with its link and Shopify's copy, a page at a time. */
  async function* walk() {
    for await (const page of stagedSourcePages(db, run.id, resumeAfter, REFRESH_PAGE_SIZE)) {
      const links = new Map(
        (await db.catalogProduct.findMany({ where: { shop, sourceProductId: { in: page.map((product) => product.id) } } })).map((link) => [
          link.sourceProductId,
          link,
        ]),
      );
      const shopify = await stagedShopifyStates(
        db,
        run.id,
        [...links.values()].map((link) => link.shopifyProductId),
      );
      for (const product of page) {
        const link = links.get(product.id);
        yield { product, link, current: link ? shopify.get(link.shopifyProductId) : undefined };
      }
    }
  }

  /** What one product needs, decided from the source and Shopify's copy (nothing is written). */
  const decide = (product: SourceProduct, link: CatalogProduct | undefined, current: ShopifyProductState | undefined) => {
    if (!link) return { kind: "not linked" as const };
    if (!current) return { kind: "gone" as const, link };
    const wanted = contentOf(product, categories, withType, current, rules);
    const skus = new Set(wanted.prices.keys());
    const contentChanged = mode.full || contentHash(comparable(wanted)) !== contentHash(shopifyContent(current, skus, withType));
    const images = withImages ? imageSetHash(product.imageUrls) : null;
    const imagesChanged = withImages && images !== null && (mode.forceImages || images !== link.imageHash);
    if (!contentChanged && !imagesChanged) return { kind: "unchanged" as const };
    return { kind: "rewrite" as const, current, wanted, images: imagesChanged ? images : null };
  };
  const counts = { read: 0, updated: 0, unchanged: 0, "images sent": 0, "not linked": 0, failed: 0 };
  const settle = async ({ product, sentImages }: Rewrite, result: { ok: true } | { ok: false; message: string }) => {
    if (!result.ok) {
      counts.failed++;
      await run.log(
        say("runs.log.refresh.refused", { source: from.sourceName, id: product.id, name: product.name, reason: result.message }),
        "error",
      );
      return;
    }
    counts.updated++;
    if (sentImages) counts["images sent"] += product.imageUrls.length;
    await db.catalogProduct.update({
      where: { shop_sourceProductId: { shop, sourceProductId: product.id } },
      data: { refreshedAt: new Date(), ...(sentImages ? { imageHash: sentImages } : {}) },
    });
  };
  const recordCheckpoint = (productId: string | null) => db.catalogSync.update({ where: { shop }, data: { resyncCheckpoint: productId } });

  // Above the bulk threshold, the rewrites go through bulk operations; the resync's checkpoint moves after each. A first
  // walk counts them.
  let toRewrite = 0;
  for await (const { product, link, current } of walk()) if (decide(product, link, current).kind === "rewrite") toRewrite++;
  let walked: string | null = resumeAfter;
  const writer =
    toRewrite > settings.bulkThreshold
      ? new BulkLineWriter<Rewrite, CreatedProduct>(client, BULK_PRODUCT_SET, parseProductSetLine, {
          ...deps.bulk,
          checkCancelled: () => run.checkCancelled(),
          onResult: (rewrite, line) => settle(rewrite, line.ok ? line.data : { ok: false, message: line.errors.join("; ") }),
          onOperationEnded: async (outcome) => {
            await run.log(say(`runs.log.bulk.ended.${outcome.status.toLowerCase()}`, { operation: outcome.operationId }));
            // A cancelled or failed operation leaves the checkpoint where the last whole one put it.
            if (mode.full && outcome.status === "COMPLETED" && !outcome.cancelled) await recordCheckpoint(walked);
          },
        })
      : null;
  if (writer) await run.log(say("runs.log.refresh.bulk", { count: toRewrite, threshold: settings.bulkThreshold }));
  try {
    let index = 0;
    for await (const { product, link, current } of walk()) {
      await run.checkCancelled();
      counts.read++;
      const decision = decide(product, link, current);
      if (decision.kind === "not linked") counts["not linked"]++;
      else if (decision.kind === "unchanged") counts.unchanged++;
      else if (decision.kind === "gone") {
        counts.failed++;
        await run.log(
          say("runs.log.refresh.gone", {
            source: from.sourceName,
            id: product.id,
            name: product.name,
            shopifyProduct: decision.link.shopifyProductId,
          }),
          "error",
        );
      } else {
        const rewrite = { ...decision.wanted, images: decision.images ? product.imageUrls : null };
        const item: Rewrite = { product, sentImages: decision.images };
        if (!writer) await settle(item, await rewriteProduct(client, decision.current, rewrite));
        else if (!(await writer.add(item, productRewriteVariables(decision.current, rewrite)))) {
          await settle(item, { ok: false, message: "too large for one bulk file" });
        }
      }
      walked = product.id;
      if (mode.full && !writer) await recordCheckpoint(product.id);
      if (index % 50 === 49 || index === remaining - 1) await run.progress(10 + ((index + 1) / remaining) * 90, counts);
      index++;
    }
    await writer?.finish();
  } finally {
    await writer?.discard();
  }
  if (mode.full) await recordCheckpoint(null);
  return counts;
}

/** What the product should be: the source's content, its prices by the price list (matched on Shopify's facts). */
function contentOf(
  product: SourceProduct,
  categories: ReadonlyMap<string, string>,
  withType: boolean,
  current: ShopifyProductState,
  rules: readonly PriceRule[],
): ProductContent {
  const productType = withType ? (product.categoryId ? (categories.get(product.categoryId) ?? "") : "") : null;
  return {
    title: product.name,
    descriptionHtml: descriptionHtmlOf(product.description),
    productType,
    prices: rulePrices(
      product.variants.filter((variant) => variant.sku.trim()),
      { ...factsOf(current), productType: productType ?? current.productType },
      rules,
    ),
  };
}
