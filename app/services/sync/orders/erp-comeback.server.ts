/**
 * While a shop's ERP is unavailable, each order waiting on it backs off on
 * its own, for minutes at a time. This watch asks the ERP, every half
 * minute, whether it answers again; the moment it does, every order kept as
 * "retrying" is queued at once, so a back-online ERP gets its orders in
 * seconds, not at the end of each order's longest backoff.
 */
import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../crypto/secret-box.server";
import { erpsForShop } from "../../erp/erp-connections.server";
import type { ShopDomain } from "../../ids";

/** How often a watch asks an unavailable ERP whether it answers again (PONTE_ERP_PROBE_MS, default 30 s). */
export const ERP_COMEBACK_PROBE_MS = Number(process.env.PONTE_ERP_PROBE_MS) || 30_000;

export type ComebackCheck = { state: "still-down"; error: string } | { state: "back"; requeued: number } | { state: "no-erp" };

/**
 * Asks each of the shop's ERPs that orders are retrying for whether it
 * answers; queues the retrying orders of those that do. "still-down" while
 * any of them does not (the watch goes on), "back" once none is left.
 */
export async function requeueRetryingOrdersIfErpIsBack(
  deps: { db: PrismaClient; box: SecretBox | null },
  shop: ShopDomain,
  enqueueExport: (orderId: string) => Promise<void>,
): Promise<ComebackCheck> {
  const erps = deps.box ? await erpsForShop(deps.db, deps.box, shop) : [];
  if (erps.length === 0) return { state: "no-erp" };
  const retrying = await deps.db.orderExport.findMany({ where: { shop, status: "retrying" }, select: { orderId: true, erpConnectionId: true } });
  // An order that has not yet been routed to an ERP waits on the main one.
  const waitsOn = (order: { erpConnectionId: string | null }) => order.erpConnectionId ?? erps[0]!.id;
  const waitedFor = erps.filter((erp) => retrying.some((order) => waitsOn(order) === erp.id));
  let requeued = 0;
  const down: string[] = [];
  for (const erp of waitedFor.length > 0 ? waitedFor : erps.slice(0, 1)) {
    const check = await erp.connector.testConnection();
    if (!check.ok) {
      down.push(erps.length > 1 ? `${erp.name}: ${check.error}` : check.error);
      continue;
    }
    const orders = retrying.filter((order) => waitsOn(order) === erp.id);
    for (const { orderId } of orders) await enqueueExport(orderId);
    requeued += orders.length;
  }
  if (down.length > 0) return { state: "still-down", error: down.join("; ") };
  return { state: "back", requeued };
}
