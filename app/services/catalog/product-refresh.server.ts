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
 * checkpoint moves after each.
 */
import type { PrismaClient } from "@prisma/client";
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
  productsForRefresh,
  rewriteProduct,
  type CreatedProduct,
  type ShopifyProductState,
} from "../shopify/catalog.adapter.server";
import { BulkLineWriter } from "../shopify/bulk-mutation.server";
import { afterCheckpoint, inCheckpointOrder } from "./checkpoint-order";
import { comparable, contentHash, descriptionHtmlOf, imageSetHash, shopifyContent, type ProductContent } from "./product-content";
import type { ShopDomain } from "../ids";
import { plural } from "../text/plural";

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

export async function refreshProducts(deps: RefreshDependencies, shop: ShopDomain, run: RunHandle, mode: RefreshMode): Promise<RunCounts> {
  const { db, source: from, client } = deps;
  const settings = await readCatalogSettings(db, shop);
  const withType = settings.syncCategories;
  const withImages = settings.syncImages;
  const rules = await loadPriceRules(db, shop);
  const links = new Map((await db.catalogProduct.findMany({ where: { shop } })).map((link) => [link.sourceProductId, link]));
  const sync = await db.catalogSync.findUnique({ where: { shop } });
  const resumeAfter = mode.full ? (sync?.resyncCheckpoint ?? null) : null;

  const source = inCheckpointOrder(await from.listProducts());
  const categories = withType ? new Map((await from.listCategories()).map((category) => [category.id, category.name])) : new Map<string, string>();
  await run.log(`${source.length} products offered by the ${from.sourceName}, ${links.size} linked to Shopify; reading Shopify's copies in bulk.`);
  const shopify = await productsForRefresh(client, new Set([...links.values()].map((link) => link.shopifyProductId)));
  await run.progress(10);
  const remaining = afterCheckpoint(source, resumeAfter);
  if (resumeAfter)
    await run.log(`Resuming the full resync after ${from.sourceName} product ${resumeAfter}: ${remaining.length} of ${source.length} left.`);

  /** What one product needs, decided from the source and Shopify's copy (nothing is written). */
  const decide = (product: SourceProduct) => {
    const link = links.get(product.id);
    const current = link ? shopify.get(link.shopifyProductId) : undefined;
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
      await run.log(`${from.sourceName} product ${product.id} (${product.name}): Shopify refused the update: ${result.message}`, "error");
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

  // Above the bulk threshold, the rewrites go through bulk operations; the resync's checkpoint moves after each.
  const toRewrite = remaining.filter((product) => decide(product).kind === "rewrite").length;
  let walked: string | null = resumeAfter;
  const writer =
    toRewrite > settings.bulkThreshold
      ? new BulkLineWriter<Rewrite, CreatedProduct>(client, BULK_PRODUCT_SET, parseProductSetLine, {
          ...deps.bulk,
          checkCancelled: () => run.checkCancelled(),
          onResult: (rewrite, line) => settle(rewrite, line.ok ? line.data : { ok: false, message: line.errors.join("; ") }),
          onOperationEnded: async (outcome) => {
            await run.log(`Bulk operation ${outcome.operationId} ${outcome.status.toLowerCase()}.`);
            // A cancelled or failed operation leaves the checkpoint where the last whole one put it.
            if (mode.full && outcome.status === "COMPLETED" && !outcome.cancelled) await recordCheckpoint(walked);
          },
        })
      : null;
  if (writer) await run.log(`${plural(toRewrite, "product")} to rewrite: more than ${settings.bulkThreshold}, so they go in bulk operations.`);
  try {
    for (const [index, product] of remaining.entries()) {
      await run.checkCancelled();
      counts.read++;
      const decision = decide(product);
      if (decision.kind === "not linked") counts["not linked"]++;
      else if (decision.kind === "unchanged") counts.unchanged++;
      else if (decision.kind === "gone") {
        counts.failed++;
        await run.log(
          `${from.sourceName} product ${product.id} (${product.name}): its Shopify product ${decision.link.shopifyProductId} is gone; run the product sync to make it again.`,
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
      if (index % 50 === 49 || index === remaining.length - 1) await run.progress(10 + ((index + 1) / remaining.length) * 90, counts);
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
