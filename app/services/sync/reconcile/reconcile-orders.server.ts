/**
 * The safety net under webhooks: every 5 minutes, per shop, read the orders
 * Shopify changed since the last watermark (minus an overlap, since clocks
 * and indexing lag) and feed them through the same snapshot step as
 * webhooks. An order whose webhooks were all lost still arrives; one already
 * seen is a no-op (its updated_at is not newer).
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "../../shopify/admin-client.server";
import { GET_ORDER, GET_ORDER_COST, type GetOrderResult } from "../../shopify/graphql/orders/get-order";
import {
  LIST_ORDERS_UPDATED_SINCE,
  LIST_ORDERS_UPDATED_SINCE_COST,
  type ListOrdersUpdatedSinceResult,
} from "../../shopify/graphql/orders/list-orders-updated-since";
import { paginate } from "../../shopify/paginate.server";
import { recordOrderSnapshot } from "../orders/order-snapshots.server";
import { orderFromAdminApi } from "../orders/shopify-order";

export const ORDERS_STREAM = "orders";
/** Re-read this much before the watermark on every run. */
export const WATERMARK_OVERLAP_MS = 10 * 60 * 1000;
/** A shop never polled before is read this far back. */
export const FIRST_RUN_LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

export interface ReconcileOutcome {
  read: number;
  applied: number;
  watermark: string;
}

export async function reconcileOrders(db: PrismaClient, client: AdminClient, shop: string, now = new Date()): Promise<ReconcileOutcome> {
  const mark = await db.syncWatermark.findUnique({ where: { shop_stream: { shop, stream: ORDERS_STREAM } } });
  const since = new Date((mark?.watermark.getTime() ?? now.getTime() - FIRST_RUN_LOOKBACK_MS + WATERMARK_OVERLAP_MS) - WATERMARK_OVERLAP_MS);
  let latest = mark?.watermark ?? since;
  let read = 0;
  let applied = 0;
  const pages = paginate<ListOrdersUpdatedSinceResult, { id: string; updatedAt: string }>(
    client,
    LIST_ORDERS_UPDATED_SINCE,
    { query: `updated_at:>='${since.toISOString()}'` },
    (result) => result.orders,
    LIST_ORDERS_UPDATED_SINCE_COST,
  );
  for await (const changes of pages) {
    const held = await db.orderSnapshot.findMany({
      where: { shop, orderId: { in: changes.map((change) => change.id) } },
      select: { orderId: true, shopifyUpdatedAt: true },
    });
    const heldAt = new Map(held.map((row) => [row.orderId, row.shopifyUpdatedAt.getTime()]));
    for (const change of changes) {
      read++;
      const changedAt = new Date(change.updatedAt);
      if (changedAt > latest) latest = changedAt;
      if ((heldAt.get(change.id) ?? -1) >= changedAt.getTime()) continue; // already have this version
      const { order } = await client.request<GetOrderResult>(GET_ORDER, { id: change.id }, GET_ORDER_COST);
      if (order && (await recordOrderSnapshot(db, shop, orderFromAdminApi(order), "reconcile")) === "applied") applied++;
    }
  }
  await db.syncWatermark.upsert({
    where: { shop_stream: { shop, stream: ORDERS_STREAM } },
    create: { shop, stream: ORDERS_STREAM, watermark: latest },
    update: { watermark: latest },
  });
  return { read, applied, watermark: latest.toISOString() };
}
