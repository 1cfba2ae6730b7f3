/**
 * Where the first product sync stands, kept on the shop's CatalogSync row:
 * its state (running, waiting, completed, failed, cancelled), its checkpoint (the last
 * source product done, in id order) and its counts. A sync started again
 * resumes after the checkpoint; "Force product sync" on a completed one walks
 * everything again and stays completed meanwhile (the stock push goes on).
 */
import type { PrismaClient } from "@prisma/client";
import { CancelledError, WaitUntilError } from "../errors";
import type { ShopDomain } from "../ids";

export interface FirstSyncCounts {
  done: number;
  linked: number;
  created: number;
  failed: number;
}

export interface FirstSyncStart {
  /** A completed sync walked again: it stays completed, and a failure leaves it so. */
  forced: boolean;
  /** The source product the last run ended on: the walk goes on after it. */
  resumeAfter: string | null;
  counts: FirstSyncCounts;
}

const ZERO: FirstSyncCounts = { done: 0, linked: 0, created: 0, failed: 0 };

export async function startFirstSync(db: PrismaClient, shop: ShopDomain): Promise<FirstSyncStart> {
  const previous = await db.catalogSync.findUnique({ where: { shop } });
  const forced = previous?.firstSync === "completed";
  const row = await db.catalogSync.upsert({
    where: { shop },
    create: { shop, firstSync: "running", startedAt: new Date() },
    update: { firstSync: forced ? "completed" : "running", startedAt: new Date(), resumeAt: null },
  });
  const resumeAfter = forced ? null : row.checkpoint;
  const counts = resumeAfter ? { done: row.done, linked: row.linked, created: row.created, failed: row.failed } : { ...ZERO };
  return { forced, resumeAfter, counts };
}

/** The size of the walk; a walk from the start clears the last one's checkpoint and counts. */
export async function recordFirstSyncTotal(db: PrismaClient, shop: ShopDomain, total: number, start: FirstSyncStart): Promise<void> {
  await db.catalogSync.update({ where: { shop }, data: { total, ...(start.resumeAfter ? {} : { checkpoint: null, ...ZERO }) } });
}

/** The last source product done (null: none yet) and the counts so far. */
export async function recordFirstSyncCheckpoint(
  db: PrismaClient,
  shop: ShopDomain,
  productId: string | null,
  counts: FirstSyncCounts,
): Promise<void> {
  await db.catalogSync.update({ where: { shop }, data: { checkpoint: productId, ...counts } });
}

/** The bulk operation under way (null once its results are read): a run after a crash reads it first. */
export async function recordBulkOperation(db: PrismaClient, shop: ShopDomain, operationId: string | null): Promise<void> {
  await db.catalogSync.update({ where: { shop }, data: { bulkOperationId: operationId } });
}

export async function recordFirstSyncCompleted(db: PrismaClient, shop: ShopDomain): Promise<void> {
  await db.catalogSync.update({ where: { shop }, data: { firstSync: "completed", completedAt: new Date(), checkpoint: null } });
}

/**
 * A run that stopped: cancelled, failed, or waiting at Shopify's limit on new variants (it goes on by itself at
 * resumeAt), keeping its checkpoint to resume from (a forced one stays completed).
 */
export async function recordFirstSyncStopped(db: PrismaClient, shop: ShopDomain, start: FirstSyncStart, error: unknown): Promise<void> {
  if (start.forced) return;
  if (error instanceof WaitUntilError) {
    await db.catalogSync.update({ where: { shop }, data: { firstSync: "waiting", resumeAt: error.resumeAt } });
    return;
  }
  await db.catalogSync.update({ where: { shop }, data: { firstSync: error instanceof CancelledError ? "cancelled" : "failed", resumeAt: null } });
}
