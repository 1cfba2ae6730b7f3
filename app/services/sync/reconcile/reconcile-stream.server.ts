/**
 * The safety net under webhooks, for one stream (orders, products) of one
 * shop: read what Shopify changed since the stream's watermark (minus an
 * overlap, since clocks and search indexing lag), fetch each change Ponte
 * does not hold yet, and feed it through the same snapshot step as webhooks.
 * Whatever the webhooks missed still arrives; what was already seen is
 * skipped without a fetch.
 */
import type { PrismaClient } from "@prisma/client";
import type { Change } from "../../shopify/changes.adapter.server";
import type { SnapshotOutcome } from "../orders/order-snapshots.server";
import type { ShopDomain } from "../../ids";

/** Re-read this much before the watermark on every run. */
export const WATERMARK_OVERLAP_MS = 10 * 60 * 1000;
/** A shop never polled before is read this far back. */
export const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

export interface ReconcileStream {
  stream: string;
  /** What Shopify changed since a moment, page by page (changes.adapter.server.ts). */
  changedSince(since: Date): AsyncIterable<Change[]>;
  /** When Ponte's snapshot of each id was last updated by Shopify. */
  heldVersions(ids: string[]): Promise<Map<string, number>>;
  /** Fetches one changed record and records it; null when Shopify no longer has it. */
  fetchAndRecord(id: string): Promise<SnapshotOutcome | null>;
}

export interface ReconcileOutcome {
  read: number;
  applied: number;
  watermark: string;
}

export async function reconcileStream(db: PrismaClient, shop: ShopDomain, stream: ReconcileStream, now = new Date()): Promise<ReconcileOutcome> {
  const mark = await db.syncWatermark.findUnique({ where: { shop_stream: { shop, stream: stream.stream } } });
  const since = new Date(mark ? mark.watermark.getTime() - WATERMARK_OVERLAP_MS : now.getTime() - FIRST_RUN_LOOKBACK_MS);
  let latest = mark?.watermark ?? since;
  let read = 0;
  let applied = 0;
  for await (const changes of stream.changedSince(since)) {
    const held = await stream.heldVersions(changes.map((change) => change.id));
    for (const change of changes) {
      read++;
      const changedAt = new Date(change.updatedAt);
      if (changedAt > latest) latest = changedAt;
      if ((held.get(change.id) ?? -1) >= changedAt.getTime()) continue;
      if ((await stream.fetchAndRecord(change.id)) === "applied") applied++;
    }
  }
  // Never moved back: a run that started earlier and ends later (two reconciliations at once) keeps the later mark.
  const [kept] = await db.$queryRaw<Array<{ watermark: Date }>>`
    insert into "SyncWatermark" (shop, stream, watermark, "updatedAt") values (${shop}, ${stream.stream}, ${latest}, now())
    on conflict (shop, stream) do update set watermark = greatest("SyncWatermark".watermark, excluded.watermark), "updatedAt" = now()
    returning watermark`;
  return { read, applied, watermark: (kept?.watermark ?? latest).toISOString() };
}
