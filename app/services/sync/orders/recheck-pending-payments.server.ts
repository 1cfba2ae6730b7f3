/**
 * Orders held back for want of payment are asked for again from Shopify, in
 * case a payment webhook was missed and the order was not touched since (so
 * the updated-since reconciliation would not see it). A newer version is
 * recorded and its export queued, which sends it once paid, or records it
 * skipped once cancelled.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "../../shopify/admin-client.server";
import { readOrder } from "../../shopify/order-reader.server";
import { WAITING_FOR_PAYMENT } from "./order-sync-states";
import { recordOrderSnapshot } from "./order-snapshots.server";
import type { ShopDomain } from "../../ids";

export async function recheckPendingPayments(
  db: PrismaClient,
  client: AdminClient,
  shop: ShopDomain,
  onOrderChanged: (shop: ShopDomain, orderId: string) => Promise<void>,
  limit = 100,
): Promise<{ checked: number; changed: number }> {
  const pending = await db.orderExport.findMany({
    where: { shop, status: "waiting", reason: WAITING_FOR_PAYMENT },
    orderBy: { updatedAt: "asc" },
    take: limit,
    select: { orderId: true },
  });
  let changed = 0;
  for (const { orderId } of pending) {
    const order = await readOrder(client, orderId);
    if (!order) continue;
    if ((await recordOrderSnapshot(db, shop, order, "reconcile")) === "applied") {
      changed++;
      await onOrderChanged(shop, orderId);
    }
  }
  return { checked: pending.length, changed };
}
