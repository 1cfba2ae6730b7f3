/** Reconciliation of orders: see reconcile-stream. */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "../../shopify/admin-client.server";
import { ordersChangedSince } from "../../shopify/changes.adapter.server";
import { recordOrderSnapshot } from "../orders/order-snapshots.server";
import { readClosedReturnIds, readOrder, readOrderRefunds } from "../../shopify/order-reader.server";
import { recordRefunds } from "../refunds/book-refunds.use-case.server";
import { recordReturn } from "../refunds/book-returns.use-case.server";
import { reconcileStream, type ReconcileOutcome } from "./reconcile-stream.server";
import type { ShopDomain } from "../../ids";

export const ORDERS_STREAM = "orders";

export function reconcileOrders(db: PrismaClient, client: AdminClient, shop: ShopDomain, now = new Date()): Promise<ReconcileOutcome> {
  return reconcileStream(
    db,
    shop,
    {
      stream: ORDERS_STREAM,
      changedSince: (since) => ordersChangedSince(client, since),
      heldVersions: async (ids) => {
        const rows = await db.orderSnapshot.findMany({ where: { shop, orderId: { in: ids } }, select: { orderId: true, shopifyUpdatedAt: true } });
        return new Map(rows.map((row) => [row.orderId, row.shopifyUpdatedAt.getTime()]));
      },
      fetchAndRecord: async (id) => {
        const order = await readOrder(client, id);
        if (!order) return null;
        // A refunded order's refunds are read too: one whose webhook was missed is kept, and booked with the order's next export.
        if (order.financialStatus?.includes("REFUNDED")) await recordRefunds(db, shop, await readOrderRefunds(client, id));
        // And its closed returns (one whose returns/close was missed is settled with the order's next export; one settled stays so).
        for (const returnId of await readClosedReturnIds(client, id)) await recordReturn(db, shop, { returnId, orderId: id });
        return recordOrderSnapshot(db, shop, order, "reconcile");
      },
    },
    now,
  );
}
