/**
 * The POS dispatch job's work for one (shop, order): the newest snapshot,
 * the shop's POS, the dispatch. What goes wrong is kept on the order's
 * PosOrderAllocation with its reason (a passing failure rethrown so the job
 * backs off); an account setting that blocks orders is also kept on the
 * connection, for the POS page to name.
 */
import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../crypto/secret-box.server";
import { isRetryable } from "../../errors";
import { PosSettingError } from "../../pos/pos-connector";
import { cassaConnector, posConnectorForShop, type PosConnectorFactory } from "../../pos/pos-connections.server";
import { orderFromSnapshot } from "../../shopify/shopify-order";
import { dispatchOrderToPos, type DispatchOutcome } from "./dispatch-order-to-pos.use-case.server";
import type { ShopDomain } from "../../ids";

export async function dispatchSnapshotToPos(
  deps: { db: PrismaClient; box: SecretBox | null; connectorFor?: PosConnectorFactory },
  shop: ShopDomain,
  orderId: string,
): Promise<DispatchOutcome | { status: "no-pos" } | { status: "failed"; reason: string }> {
  const { db, box } = deps;
  const pos = box ? await posConnectorForShop(db, box, shop, deps.connectorFor ?? cassaConnector) : null;
  if (!pos) return { status: "no-pos" };
  const snapshot = await db.orderSnapshot.findUnique({ where: { shop_orderId: { shop, orderId } } });
  if (!snapshot) return { status: "skipped", reason: "no such order" };
  const order = orderFromSnapshot(snapshot.order);
  const connection = await db.posConnection.findUniqueOrThrow({ where: { shop } });
  if (new Date(order.createdAt) < connection.createdAt) return { status: "skipped", reason: "placed before the POS was connected" };
  try {
    return await dispatchOrderToPos({ db, pos }, shop, order);
  } catch (error) {
    const reason = (error as Error).message;
    const status = isRetryable(error) ? "retrying" : "failed";
    await db.posOrderAllocation.upsert({
      where: { shop_orderId: { shop, orderId } },
      create: { shop, orderId, orderName: order.name, status, reason },
      update: { status, reason },
    });
    if (error instanceof PosSettingError) await db.posConnection.updateMany({ where: { shop }, data: { blockingSetting: error.setting } });
    if (isRetryable(error)) throw error;
    return { status: "failed", reason };
  }
}

/**
 * Orders the POS still owes: never tried, unservable (stock may have come), retrying, planned but not all sent,
 * newly paid, or cancelled after dispatch (to be flagged); failed ones too when the merchant forces a run.
 */
export async function ordersAwaitingPos(
  db: PrismaClient,
  shop: ShopDomain,
  options: { includeFailed?: boolean; limit?: number } = {},
): Promise<string[]> {
  const statuses = options.includeFailed ? ["unservable", "retrying", "planned", "failed"] : ["unservable", "retrying", "planned"];
  const rows = await db.$queryRaw<Array<{ orderId: string }>>`
    select s."orderId" from "OrderSnapshot" s
      left join "PosOrderAllocation" a on a.shop = s.shop and a."orderId" = s."orderId"
      join "PosConnection" c on c.shop = s.shop
     where s.shop = ${shop}
       and (s."order"->>'createdAt')::timestamptz >= c."createdAt"
       and (a."orderId" is null or a.status = any(${statuses}) or (a.status = 'waiting' and a."updatedAt" < s."receivedAt")
            or (a.status = 'dispatched' and s."cancelledAt" is not null))
     order by s."shopifyUpdatedAt" limit ${options.limit ?? 200}`;
  return rows.map((row) => row.orderId);
}
