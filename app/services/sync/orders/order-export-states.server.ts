/**
 * Where each order stands on its way to the ERP (OrderExport), written so
 * that an exported order is never marked back as waiting or failed: a late
 * or racing writer cannot undo an export.
 */
import type { PrismaClient } from "@prisma/client";
import type { TotalsCheck } from "./totals-check";

import type { OrderExportStatus } from "../../database/column-values";
import type { ErpConnectionId, ShopDomain } from "../../ids";
export type ExportStatus = OrderExportStatus;

export interface OrderRef {
  id: string;
  name: string;
}

/** Records a state short of "exported" (waiting, retrying, failed, skipped), unless the order is already exported. */
export async function recordPendingState(
  db: PrismaClient,
  shop: ShopDomain,
  order: OrderRef,
  /** erpId: the ERP the order is on its way to, when one was chosen. */
  state: { status: Exclude<ExportStatus, "exported">; reason: string | null; erpId?: string | null },
  countAttempt: boolean,
): Promise<void> {
  const attempt = countAttempt ? 1 : 0;
  await db.$executeRaw`
    insert into "OrderExport" (shop, "orderId", "orderName", status, reason, attempts, "erpConnectionId", "updatedAt")
    values (${shop}, ${order.id}, ${order.name}, ${state.status}, ${state.reason}, ${attempt}, ${state.erpId ?? null}, now())
    on conflict (shop, "orderId") do update set
      "orderName" = excluded."orderName",
      status = excluded.status,
      reason = excluded.reason,
      "erpConnectionId" = coalesce(excluded."erpConnectionId", "OrderExport"."erpConnectionId"),
      attempts = "OrderExport".attempts + ${attempt},
      "updatedAt" = now()
    where "OrderExport".status <> 'exported'`;
}

export async function recordExported(
  db: PrismaClient,
  shop: ShopDomain,
  order: OrderRef & { updatedAt: string },
  sale: { id: string; number: string; state: string },
  exportedDigest: string,
  erpId: ErpConnectionId,
  erpReference: string,
): Promise<void> {
  const state = {
    status: "exported",
    erpConnectionId: erpId,
    erpOrderId: sale.id,
    erpNumber: sale.number,
    erpReference,
    erpState: sale.state,
    reason: null,
    exportedVersion: new Date(order.updatedAt),
    exportedDigest,
  };
  await db.orderExport.upsert({
    where: { shop_orderId: { shop, orderId: order.id } },
    create: { shop, orderId: order.id, orderName: order.name, ...state, attempts: 1 },
    update: { orderName: order.name, ...state, attempts: { increment: 1 } },
  });
}

/**
 * Keeps the totals check of the sale just created or updated. A difference
 * flags the order with its figures; a check that passes clears an earlier
 * difference's flag (and only that one).
 */
export async function recordTotalsCheck(db: PrismaClient, shop: ShopDomain, orderId: string, check: TotalsCheck): Promise<void> {
  const current = await db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId } }, select: { flag: true, totalsDiffer: true } });
  const flag = check.differs ? check.message : current?.totalsDiffer ? null : (current?.flag ?? null);
  await db.orderExport.update({
    where: { shop_orderId: { shop, orderId } },
    // Every check is news: a difference found now is reported (run log, alert) even if an earlier one was.
    data: {
      erpTotal: check.erpTotal,
      erpTax: check.erpTax,
      shopifyTotal: check.shopifyTotal,
      shopifyTax: check.shopifyTax,
      totalsDiffer: check.differs,
      totalsReportedAt: null,
      flag,
    },
  });
}

/** Sets or clears what the merchant must see to on an exported order. */
export async function recordFlag(
  db: PrismaClient,
  shop: ShopDomain,
  orderId: string,
  flag: string | null,
  change: { erpState?: string; exportedVersion?: Date } = {},
): Promise<void> {
  await db.orderExport.update({ where: { shop_orderId: { shop, orderId } }, data: { flag, ...change } });
}
