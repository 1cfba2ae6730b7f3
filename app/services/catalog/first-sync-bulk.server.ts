/**
 * The first product sync's products made in bulk: the walk hands each product
 * to make to a BulkProductMaker, which writes its productSet variables to a
 * JSONL file. When the next product would take the file past Shopify's limit,
 * or the walk ends, the file runs as one bulk operation; its result file is
 * read back, each product made is linked (as the synchronous sync links it),
 * and the checkpoint moves to the last product walked.
 *
 * - Crash: the operation's id is kept on the CatalogSync row while it runs.
 *   The next run waits for it and links what it made before it reads
 *   Shopify's SKUs (finishLeftBulkOperation), so nothing is made twice.
 * - Cancel: the operation is cancelled at Shopify. What it made before it
 *   stopped is linked, and the run ends cancelled.
 * - Lines Shopify did not run (its daily limit on new variants, an error of its
 *   own): the checkpoint stays before the first of them. The run waits
 *   ("waiting", resumeAt) and goes on by itself later.
 */
import { say } from "../../i18n/merchant-message";
import { WaitUntilError } from "../errors";
import { plural } from "../text/plural";
import type { ShopDomain } from "../ids";
import type { RunHandle } from "../runs/job-runs.server";
import { limitWaitMs } from "../shopify/admin-client.server";
import { awaitBulkMutation, BulkVariablesFile, readBulkMutationResults, runBulkMutation } from "../shopify/bulk-mutation.server";
import { BULK_PRODUCT_SET, parseProductSetLine, productSetVariables, type CreatedProduct } from "../shopify/catalog.adapter.server";
import type { SourceProduct } from "../sources/product-source.types";
import type { ProductPlan, ProductSyncDependencies, SyncContext } from "./first-sync-plan.server";
import { linkMadeProducts, type MadeProduct, type SourceVariantRef } from "./catalog-links.server";
import { recordBulkOperation, recordFirstSyncCheckpoint, type FirstSyncCounts } from "./first-sync-progress.server";

type CreatePlan = Extract<ProductPlan, { kind: "create" }>;

interface PendingProduct {
  /** What a log line names it by, and its variants to link: the product's content is in the file, not kept here. */
  product: { id: string; name: string };
  variants: readonly SourceVariantRef[];
  /** The checkpoint just before this product, and the counts then: where a resume starts when Shopify did not make it. */
  before: string | null;
  countsBefore: FirstSyncCounts;
}

export class BulkProductMaker {
  private file: BulkVariablesFile;
  private pending: PendingProduct[] = [];
  private skus = new Set<string>();
  private lastWalked: string | null;

  constructor(
    private readonly deps: ProductSyncDependencies,
    private readonly shop: ShopDomain,
    private readonly runHandle: RunHandle,
    private readonly counts: FirstSyncCounts,
    resumeAfter: string | null,
    /** Shows this many products done of the walk (the run's progress bar). */
    private readonly reportProgress?: (done: number) => Promise<void>,
  ) {
    this.file = new BulkVariablesFile(deps.bulkFileLimitBytes);
    this.lastWalked = resumeAfter;
  }

  /** Whether products wait in the file (the checkpoint cannot pass them until it has run). */
  get holding(): boolean {
    return this.pending.length > 0;
  }

  /** Whether one of these SKUs is in the file, on its way to being made. */
  holdsAny(skus: readonly string[]): boolean {
    return skus.some((sku) => this.skus.has(sku));
  }

  /** A product walked and done without Shopify (linked, skipped, refused by Ponte): the checkpoint may pass it. */
  walked(productId: string): void {
    this.lastWalked = productId;
  }

  async add(product: SourceProduct, plan: CreatePlan, context: SyncContext): Promise<void> {
    const line = this.file.lineOf(productSetVariables(plan.product));
    if (!line) {
      this.counts.done++;
      this.counts.failed++;
      await this.runHandle.log(say("runs.log.bulk.tooLarge", { id: product.id, name: product.name, bytes: this.file.limitBytes }), "error");
      this.walked(product.id);
      return;
    }
    if (!this.file.fits(line)) await this.run(context);
    this.pending.push({
      product: { id: product.id, name: product.name },
      variants: plan.variants,
      before: this.lastWalked,
      countsBefore: { ...this.counts },
    });
    await this.file.add(line);
    for (const variant of plan.variants) this.skus.add(variant.sku);
    this.lastWalked = product.id;
  }

  /** Runs the file as one bulk operation, links what Shopify made, and moves the checkpoint. */
  async run(context: SyncContext): Promise<void> {
    const { db, client } = this.deps;
    const pending = this.pending;
    if (pending.length === 0) {
      await recordFirstSyncCheckpoint(db, this.shop, this.lastWalked, this.counts);
      return;
    }
    const file = await this.file.close();
    let outcome;
    try {
      await this.runHandle.log(say("runs.log.bulk.making", { count: pending.length, bytes: file.bytes }));
      outcome = await runBulkMutation(client, BULK_PRODUCT_SET, file, {
        pollIntervalMs: this.deps.bulkPollIntervalMs,
        checkCancelled: () => this.runHandle.checkCancelled(),
        onStarted: (id) => recordBulkOperation(db, this.shop, id),
        // The bar moves while Shopify makes the products (an hour or more for a large catalog), not only after.
        onLinesDone: (lines) => this.reportProgress?.(this.counts.done + lines) ?? Promise.resolve(),
      });
    } finally {
      await this.discard();
    }
    const made = new Set<number>();
    const refused = new Set<number>();
    let shopifyError: string | null = null;
    const links = new LinkBatch(db, this.shop, context);
    if (outcome.resultUrl) {
      for await (const line of readBulkMutationResults(outcome.resultUrl, parseProductSetLine)) {
        const item = pending[line.lineNumber];
        if (!item) continue;
        if (!line.ok) shopifyError ??= line.errors.join("; ");
        else if (!line.data.ok) {
          refused.add(line.lineNumber);
          await this.runHandle.log(
            say("runs.log.bulk.refused", { id: item.product.id, name: item.product.name, reason: line.data.message }),
            "error",
          );
        } else {
          made.add(line.lineNumber);
          await links.add({ variants: item.variants, made: line.data.variants });
        }
      }
    }
    await links.flush();
    const firstNotDone = pending.findIndex((_, index) => !made.has(index) && !refused.has(index));
    if (firstNotDone < 0) {
      this.counts.done += pending.length;
      this.counts.created += made.size;
      this.counts.failed += refused.size;
      await recordFirstSyncCheckpoint(db, this.shop, this.lastWalked, this.counts);
    } else {
      // Resume before the first product Shopify did not get to. Those after it that it made are linked and will be
      // skipped then, so they are counted as made now; those it refused are tried again.
      const stop = pending[firstNotDone]!;
      Object.assign(this.counts, stop.countsBefore);
      this.counts.done += [...made, ...refused].filter((index) => index < firstNotDone).length;
      this.counts.created += made.size;
      this.counts.failed += [...refused].filter((index) => index < firstNotDone).length;
      await recordFirstSyncCheckpoint(db, this.shop, stop.before, this.counts);
    }
    await recordBulkOperation(db, this.shop, null);
    await this.runHandle.log(
      firstNotDone >= 0
        ? say(`runs.log.bulk.madePart.${outcome.status.toLowerCase()}`, {
            operation: outcome.operationId,
            count: made.size,
            refused: refused.size,
            notMade: pending.length - made.size - refused.size,
          })
        : say(`runs.log.bulk.made.${outcome.status.toLowerCase()}`, { operation: outcome.operationId, count: made.size, refused: refused.size }),
    );
    this.pending = [];
    this.skus.clear();
    if (outcome.cancelled) throw outcome.cancelled;
    if (firstNotDone >= 0) {
      const resumeAt = new Date(Date.now() + limitWaitMs());
      throw new WaitUntilError(
        `Shopify did not make ${plural(pending.length - made.size - refused.size, "product")} (${shopifyError ?? `the bulk operation ended ${outcome.status}`})`,
        resumeAt,
      );
    }
  }

  /** Removes the file being written (after it ran, or when the walk stopped). */
  async discard(): Promise<void> {
    await this.file.discard();
    this.file = new BulkVariablesFile(this.deps.bulkFileLimitBytes);
  }
}

/**
 * The bulk operation a stopped run left (its id on the CatalogSync row): waits for it to end, links each product it
 * made to the source product with those SKUs, and forgets it. Null when there was none.
 */
export async function finishLeftBulkOperation(
  deps: ProductSyncDependencies,
  shop: ShopDomain,
  /** The source's variants with these SKUs (the run's staged products). */
  variantsBySku: (skus: string[]) => Promise<Map<string, SourceVariantRef>>,
  run: RunHandle,
): Promise<{ created: number } | null> {
  const { db, client } = deps;
  const sync = await db.catalogSync.findUnique({ where: { shop }, select: { bulkOperationId: true } });
  if (!sync?.bulkOperationId) return null;
  await run.log(say("runs.log.bulk.waitingLeft", { operation: sync.bulkOperationId }));
  const outcome = await awaitBulkMutation(client, sync.bulkOperationId, {
    pollIntervalMs: deps.bulkPollIntervalMs,
    checkCancelled: () => run.checkCancelled(),
  });
  const locations = await db.posLocationStock.findMany({ where: { shop, source: { not: "none" } }, select: { locationId: true } });
  const links = new LinkBatch(db, shop, { shopify: new Map(), locationIds: locations.map((row) => row.locationId) });
  let created = 0;
  // The products it made, matched to the source's variants by SKU a thousand lines at a time.
  let pending: Array<Extract<CreatedProduct, { ok: true }>> = [];
  const matchPending = async () => {
    const bySku = await variantsBySku(pending.flatMap((made) => made.variants.map((variant) => variant.sku)));
    for (const made of pending) {
      const variants = made.variants.flatMap((variant) => bySku.get(variant.sku) ?? []);
      if (variants.length === 0) continue;
      await links.add({ variants, made: made.variants });
      created++;
    }
    pending = [];
  };
  if (outcome.resultUrl) {
    for await (const line of readBulkMutationResults(outcome.resultUrl, parseProductSetLine)) {
      if (!line.ok || !line.data.ok) continue;
      pending.push(line.data);
      if (pending.length >= 1_000) await matchPending();
    }
    await matchPending();
  }
  await links.flush();
  await recordBulkOperation(db, shop, null);
  if (outcome.cancelled) throw outcome.cancelled;
  return { created };
}

/** Products made, linked a thousand at a time (three statements each time), and known to the walk from then on. */
class LinkBatch {
  private batch: MadeProduct[] = [];

  constructor(
    private readonly db: ProductSyncDependencies["db"],
    private readonly shop: ShopDomain,
    private readonly context: Pick<SyncContext, "shopify" | "locationIds">,
  ) {}

  async add(product: MadeProduct): Promise<void> {
    for (const ref of product.made) if (ref.sku) this.context.shopify.set(ref.sku, ref);
    this.batch.push(product);
    if (this.batch.length >= 1000) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length > 0) await linkMadeProducts(this.db, this.shop, this.batch, this.context.locationIds);
    this.batch = [];
  }
}
