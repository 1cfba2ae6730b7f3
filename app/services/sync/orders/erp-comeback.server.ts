/**
 * While a shop's ERP is unavailable, each order waiting on it backs off on
 * its own, for minutes at a time. This watch asks the ERP, every half
 * minute, whether it answers again; the moment it does, every order kept as
 * "retrying" is queued at once, so a back-online ERP gets its orders in
 * seconds, not at the end of each order's longest backoff.
 */
import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../crypto/secret-box.server";
import { erpConnectorForShop } from "../../erp/erp-connections.server";

/** How often a watch asks an unavailable ERP whether it answers again (PONTE_ERP_PROBE_MS, default 30 s). */
export const ERP_COMEBACK_PROBE_MS = Number(process.env.PONTE_ERP_PROBE_MS) || 30_000;

export type ComebackCheck = { state: "still-down"; error: string } | { state: "back"; requeued: number } | { state: "no-erp" };

/** Asks the shop's ERP whether it answers; if it does, queues every order kept as retrying. */
export async function requeueRetryingOrdersIfErpIsBack(
  deps: { db: PrismaClient; box: SecretBox | null },
  shop: string,
  enqueueExport: (orderId: string) => Promise<void>,
): Promise<ComebackCheck> {
  const erp = deps.box ? await erpConnectorForShop(deps.db, deps.box, shop) : null;
  if (!erp) return { state: "no-erp" };
  const check = await erp.testConnection();
  if (!check.ok) return { state: "still-down", error: check.error };
  const retrying = await deps.db.orderExport.findMany({ where: { shop, status: "retrying" }, select: { orderId: true } });
  for (const { orderId } of retrying) await enqueueExport(orderId);
  return { state: "back", requeued: retrying.length };
}
