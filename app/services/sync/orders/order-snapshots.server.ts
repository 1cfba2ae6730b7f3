/**
 * Keeps the latest version of each Shopify order. One statement decides,
 * atomically: a version is written only if it is newer (Shopify's
 * updated_at) than the one held, so a late or repeated delivery never
 * overwrites newer state, whichever worker gets there first.
 */
import type { PrismaClient } from "@prisma/client";
import type { ShopifyOrder } from "./shopify-order";

export type SnapshotOutcome = "applied" | "stale";

export async function recordOrderSnapshot(db: PrismaClient, shop: string, order: ShopifyOrder, source: "webhook" | "reconcile"): Promise<SnapshotOutcome> {
  const written = await db.$executeRaw`
    insert into "OrderSnapshot" (shop, "orderId", name, "shopifyUpdatedAt", "cancelledAt", "financialStatus", "customerId", "order", source, "receivedAt")
    values (${shop}, ${order.id}, ${order.name}, ${new Date(order.updatedAt)}, ${order.cancelledAt ? new Date(order.cancelledAt) : null},
            ${order.financialStatus}, ${order.customer?.id ?? null}, ${JSON.stringify(order)}::jsonb, ${source}, now())
    on conflict (shop, "orderId") do update set
      name = excluded.name,
      "shopifyUpdatedAt" = excluded."shopifyUpdatedAt",
      "cancelledAt" = excluded."cancelledAt",
      "financialStatus" = excluded."financialStatus",
      "customerId" = excluded."customerId",
      "order" = excluded."order",
      source = excluded.source,
      "receivedAt" = excluded."receivedAt"
    where "OrderSnapshot"."shopifyUpdatedAt" < excluded."shopifyUpdatedAt"`;
  return written > 0 ? "applied" : "stale";
}
