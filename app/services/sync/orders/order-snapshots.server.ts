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

export type SnapshotOutcome = "applied" | "stale";

export async function recordOrderSnapshot(
  db: PrismaClient,
  shop: ShopDomain,
  order: ShopifyOrder,
  source: "webhook" | "reconcile",
): Promise<SnapshotOutcome> {
  const written = await db.$executeRaw`
    insert into "OrderSnapshot" (shop, "orderId", name, "shopifyUpdatedAt", "cancelledAt", "financialStatus", "customerId", "order", progress, "contentDigest", source, "receivedAt")
    values (${shop}, ${order.id}, ${order.name}, ${new Date(order.updatedAt)}, ${order.cancelledAt ? new Date(order.cancelledAt) : null},
            ${order.financialStatus}, ${order.customer?.id ?? null}, ${JSON.stringify(order)}::jsonb, ${orderProgress(order)}, ${orderContentDigest(order)}, ${source}, now())
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
                    and "OrderSnapshot"."contentDigest" is distinct from excluded."contentDigest")))`;
  return written > 0 ? "applied" : "stale";
}
