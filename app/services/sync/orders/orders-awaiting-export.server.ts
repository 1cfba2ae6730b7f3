/**
 * The safety net under the webhooks: orders whose ERP side is not yet in step
 * with their newest snapshot, for the reconciliation job to queue again. It
 * finds orders never tried (an enqueue lost to a crash), orders waiting whose
 * snapshot changed since (paid now, or an ERP now connected), retries that
 * stalled, exported orders edited or cancelled since their export, and
 * exported orders with a refund not settled for a while (its retry stalled).
 */
import type { PrismaClient } from "@prisma/client";
import { erpRoutesForShop } from "../../erp/erp-connections.server";
import { erpForCountry, routingCountry } from "../../erp/erp-routing";
import { orderFromSnapshot } from "../../shopify/shopify-order";
import type { ErpConnectionId, ShopDomain } from "../../ids";

/** A retry older than this is taken as stalled (its job gave up or was lost). */
const STALLED_RETRY_MS = 5 * 60_000;

export async function ordersAwaitingExport(db: PrismaClient, shop: ShopDomain, now = new Date(), limit = 500): Promise<string[]> {
  const stalledBefore = new Date(now.getTime() - STALLED_RETRY_MS);
  const rows = await db.$queryRaw<Array<{ orderId: string }>>`
    select s."orderId"
      from "OrderSnapshot" s
      left join "OrderExport" e on e.shop = s.shop and e."orderId" = s."orderId"
     where s.shop = ${shop}
       and (e."orderId" is null
            or (e.status = 'waiting' and e."updatedAt" < s."receivedAt")
            or (e.status = 'retrying' and e."updatedAt" < ${stalledBefore})
            or (e.status = 'exported' and e."exportedVersion" < s."shopifyUpdatedAt")
            or (e.status = 'exported' and exists (select 1 from "RefundRecord" r
                  where r.shop = s.shop and r."orderId" = s."orderId" and r.status in ('waiting', 'retrying') and r."updatedAt" < ${stalledBefore})))
     order by s."shopifyUpdatedAt"
     limit ${limit}`;
  return rows.map((row) => row.orderId);
}

/** Queues every order of the shop that waits for an ERP (after the merchant connects one). */
export async function ordersWaitingForErp(db: PrismaClient, shop: ShopDomain): Promise<string[]> {
  const rows = await db.orderExport.findMany({ where: { shop, status: { in: ["waiting", "retrying", "failed"] } }, select: { orderId: true } });
  return rows.map((row) => row.orderId);
}

/**
 * Of these orders, those that go to one of the named ERPs: an exported
 * order to the ERP that has it, any other where its shipping country routes
 * it (a schedule's ERP filter).
 */
export async function ordersGoingTo(db: PrismaClient, shop: ShopDomain, orderIds: string[], erpIds: ErpConnectionId[]): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const routes = await erpRoutesForShop(db, shop);
  const [snapshots, exports] = await Promise.all([
    db.orderSnapshot.findMany({ where: { shop, orderId: { in: orderIds } }, select: { orderId: true, order: true } }),
    db.orderExport.findMany({
      where: { shop, orderId: { in: orderIds }, erpOrderId: { not: null } },
      select: { orderId: true, erpConnectionId: true },
    }),
  ]);
  const holder = new Map(exports.map((row) => [row.orderId, row.erpConnectionId]));
  const destination = new Map(
    snapshots.map((row) => [row.orderId, holder.get(row.orderId) ?? erpForCountry(routes, routingCountry(orderFromSnapshot(row.order)))?.id ?? null]),
  );
  return orderIds.filter((orderId) => erpIds.some((erpId) => erpId === destination.get(orderId)));
}
