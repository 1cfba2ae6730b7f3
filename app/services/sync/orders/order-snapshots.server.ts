/**
 * Keeps the latest version of each Shopify order. One statement decides,
 * atomically: a version is written only if it is newer than the one held
 * (Shopify's updated_at; at an equal updated_at, by the precedence written
 * in snapshot-precedence.ts), so a late or repeated delivery never overwrites
 * newer state, whichever worker gets there first, and a payment delivered
 * with the same updated_at as the order's creation is never lost.
 */
import type { PrismaClient } from "@prisma/client";
import type { ShopifyOrder } from "../../shopify/shopify-order";
import { orderContentDigest, orderProgress } from "./snapshot-precedence";
import type { ShopDomain } from "../../ids";
import { sqlRunner, type SqlRunner } from "../../database/sql-runner.server";

export type SnapshotOutcome = "applied" | "stale";

export async function recordOrderSnapshot(
  db: PrismaClient | SqlRunner,
  shop: ShopDomain,
  order: ShopifyOrder,
  source: "webhook" | "reconcile",
): Promise<SnapshotOutcome> {
  // Times as UTC wall-clock text, as Prisma keeps them in these columns (timestamp without time zone).
  const written = await sqlRunner(db)(
    `insert into "OrderSnapshot" (shop, "orderId", name, "shopifyUpdatedAt", "cancelledAt", "financialStatus", "customerId", "order", progress, "contentDigest", source, "receivedAt")
     values ($1, $2, $3, $4::timestamp(3), $5::timestamp(3), $6, $7, $8::jsonb, $9, $10, $11, now())
     on conflict (shop, "orderId") do update set
       name = excluded.name,
       "shopifyUpdatedAt" = excluded."shopifyUpdatedAt",
       "cancelledAt" = excluded."cancelledAt",
       "financialStatus" = excluded."financialStatus",
       "customerId" = excluded."customerId",
       "order" = excluded."order",
       progress = excluded.progress,
       "contentDigest" = excluded."contentDigest",
       source = excluded.source,
       "receivedAt" = excluded."receivedAt"
     where "OrderSnapshot"."shopifyUpdatedAt" < excluded."shopifyUpdatedAt"
        or ("OrderSnapshot"."shopifyUpdatedAt" = excluded."shopifyUpdatedAt"
            and ("OrderSnapshot".progress < excluded.progress
                 or ("OrderSnapshot".progress = excluded.progress and "OrderSnapshot".source = excluded.source
                     and "OrderSnapshot"."contentDigest" is distinct from excluded."contentDigest")))
     returning 1 as written`,
    [
      shop,
      order.id,
      order.name,
      new Date(order.updatedAt).toISOString(),
      order.cancelledAt ? new Date(order.cancelledAt).toISOString() : null,
      order.financialStatus,
      order.customer?.id ?? null,
      JSON.stringify(order),
      orderProgress(order),
      orderContentDigest(order),
      source,
    ],
  );
  return written.length > 0 ? "applied" : "stale";
}
