/**
 * While a shop's POS is unavailable, each order waiting on it backs off on its
 * own. This watch asks the POS every half minute whether it answers again
 * (PONTE_POS_PROBE_MS); the moment it does, every order kept as "retrying"
 * for the POS is queued at once, as the ERP's watch does for the ERP.
 */
import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../crypto/secret-box.server";
import { cassaConnector, posConnectorForShop, type PosConnectorFactory } from "../../pos/pos-connections.server";
import type { ShopDomain } from "../../ids";

/** How often a watch asks an unavailable POS whether it answers again (PONTE_POS_PROBE_MS, default 30 s). */
export const POS_COMEBACK_PROBE_MS = Number(process.env.PONTE_POS_PROBE_MS) || 30_000;

export type PosComebackCheck = { state: "still-down"; error: string } | { state: "back"; requeued: number } | { state: "no-pos" };

export async function requeueRetryingDispatchesIfPosIsBack(
  deps: { db: PrismaClient; box: SecretBox | null; connectorFor?: PosConnectorFactory },
  shop: ShopDomain,
  enqueueDispatch: (orderId: string) => Promise<void>,
): Promise<PosComebackCheck> {
  const pos = deps.box ? await posConnectorForShop(deps.db, deps.box, shop, deps.connectorFor ?? cassaConnector) : null;
  if (!pos) return { state: "no-pos" };
  const check = await pos.testConnection();
  if (!check.ok) return { state: "still-down", error: check.error };
  const retrying = await deps.db.posOrderAllocation.findMany({ where: { shop, status: "retrying" }, select: { orderId: true } });
  for (const { orderId } of retrying) await enqueueDispatch(orderId);
  return { state: "back", requeued: retrying.length };
}
