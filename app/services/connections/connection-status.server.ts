/**
 * The state of Ponte's three connections for one shop: the store (Shopify),
 * the ERP and the POS.
 */
import { erpLinkSystem } from "../bindings/binder.server";
import type { PrismaClient } from "@prisma/client";
import { erpConnectionOverview } from "../erp/erp-connections.server";
import { AdminClient, ShopifyApiError } from "../shopify/admin-client.server";
import { readShopOverview, type ShopOverview } from "../shopify/shop.adapter.server";
import type { ShopDomain } from "../ids";

export type StoreConnection = ({ state: "connected" } & ShopOverview) | { state: "unreachable"; error: string };

/** ERP and POS connections are set up on their own pages; until then they are not configured. */
export type ExternalConnection = { state: "not_configured" };

/** How a system answered Ponte's last calls, as measured (health/connection-health.server.ts). */
export interface MeasuredHealth {
  /** Set while calls fail because it does not answer: since when, and the last reason. */
  unavailable: Array<{ name: string; since: string; error: string | null }>;
  /** The last time it answered a call; null if it never has since it was connected. */
  lastAnsweredAt: string | null;
  /** Orders that were tried and wait to go to it again. */
  waiting: number;
}

/** The ERP as saved on its page, with how its orders stand and how it answers (never its secret). */
export type ErpConnectionState =
  | ExternalConnection
  | ({
      state: "configured";
      kind: "tryton" | "http";
      url: string;
      /** ERPs beside the main one. */ others: number;
      exported: number;
      failed: number;
      flagged: number;
    } & MeasuredHealth);

/** The POS once its key is validated: how many sale points serve orders, and how it answers. */
export type PosConnectionState =
  ExternalConnection | ({ state: "configured"; activeSalePoints: number; salePoints: number; blocked: boolean } & MeasuredHealth);

export interface ConnectionOverview {
  store: StoreConnection;
  erp: ErpConnectionState;
  pos: PosConnectionState;
}

export async function readStoreConnection(shop: ShopDomain, accessToken: string): Promise<StoreConnection> {
  try {
    return { state: "connected", ...(await readShopOverview(new AdminClient({ shop, accessToken }))) };
  } catch (error) {
    const message = error instanceof ShopifyApiError ? error.message : String(error);
    return { state: "unreachable", error: message };
  }
}

export async function readErpConnectionState(db: PrismaClient, shop: ShopDomain): Promise<ErpConnectionState> {
  const erp = await erpConnectionOverview(db, shop);
  if (!erp) return { state: "not_configured" };
  const [exported, failed, flagged, waiting, health] = await Promise.all([
    db.orderExport.count({ where: { shop, status: "exported" } }),
    db.orderExport.count({ where: { shop, status: "failed" } }),
    db.orderExport.count({ where: { shop, flag: { not: null } } }),
    // Waiting on the ERP: tried and to be tried again ("waiting" orders wait for payment, not for the ERP).
    db.orderExport.count({ where: { shop, status: "retrying" } }),
    db.connectionHealth.findMany({ where: { shop, system: { in: erp.erps.map((one) => erpLinkSystem(one.id)) } } }),
  ]);
  const { erps, ...summary } = erp;
  const nameOf = (system: string) => erps.find((one) => erpLinkSystem(one.id) === system)?.name ?? "ERP";
  return { state: "configured", ...summary, exported, failed, flagged, waiting, ...measured(health, nameOf) };
}

function measured(
  rows: Array<{ system: string; failingSince: Date | null; lastError: string | null; lastSuccessAt: Date | null }>,
  nameOf: (system: string) => string,
) {
  const answers = rows.map((row) => row.lastSuccessAt?.getTime() ?? 0).filter((at) => at > 0);
  return {
    unavailable: rows
      .filter((row) => row.failingSince)
      .map((row) => ({ name: nameOf(row.system), since: row.failingSince!.toISOString(), error: row.lastError })),
    lastAnsweredAt: answers.length > 0 ? new Date(Math.max(...answers)).toISOString() : null,
  };
}

export async function readPosConnectionState(db: PrismaClient, shop: ShopDomain): Promise<PosConnectionState> {
  const connection = await db.posConnection.findUnique({ where: { shop }, select: { blockingSetting: true } });
  if (!connection) return { state: "not_configured" };
  const [salePoints, activeSalePoints, waiting, health] = await Promise.all([
    db.posSalePoint.count({ where: { shop } }),
    db.posSalePoint.count({ where: { shop, active: true } }),
    db.posOrderAllocation.count({ where: { shop, status: { in: ["planned", "retrying"] } } }),
    db.connectionHealth.findMany({ where: { shop, system: "pos" } }),
  ]);
  return {
    state: "configured",
    salePoints,
    activeSalePoints,
    blocked: connection.blockingSetting !== null,
    waiting,
    ...measured(health, () => "Cassa in Cloud"),
  };
}

export async function readConnectionOverview(db: PrismaClient, shop: ShopDomain, accessToken: string): Promise<ConnectionOverview> {
  const [store, erp, pos] = await Promise.all([
    readStoreConnection(shop, accessToken),
    readErpConnectionState(db, shop),
    readPosConnectionState(db, shop),
  ]);
  return { store, erp, pos };
}
