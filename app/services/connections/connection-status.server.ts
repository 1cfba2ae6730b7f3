/**
 * The state of Ponte's three connections for one shop: the store (Shopify),
 * the ERP and the POS.
 */
import type { PrismaClient } from "@prisma/client";
import { erpConnectionOverview } from "../erp/erp-connections.server";
import { AdminClient, ShopifyApiError } from "../shopify/admin-client.server";
import { GET_SHOP_OVERVIEW, GET_SHOP_OVERVIEW_COST, type GetShopOverviewResult } from "../shopify/graphql/shop/get-shop-overview";

export type StoreConnection =
  | { state: "connected"; shop: GetShopOverviewResult["shop"]; locations: GetShopOverviewResult["locations"]["nodes"] }
  | { state: "unreachable"; error: string };

/** ERP and POS connections are set up on their own pages; until then they are not configured. */
export type ExternalConnection = { state: "not_configured" };

/** The ERP as saved on its page, with how its orders stand (never its secret). */
export type ErpConnectionState =
  | ExternalConnection
  | { state: "configured"; kind: "tryton" | "http"; url: string; /** ERPs beside the main one. */ others: number; exported: number; failed: number; flagged: number };

/** The POS once its key is validated: how many sale points serve orders. */
export type PosConnectionState = ExternalConnection | { state: "configured"; activeSalePoints: number; salePoints: number; blocked: boolean };

export interface ConnectionOverview {
  store: StoreConnection;
  erp: ErpConnectionState;
  pos: PosConnectionState;
}

export async function readStoreConnection(shop: string, accessToken: string): Promise<StoreConnection> {
  try {
    const result = await new AdminClient({ shop, accessToken }).request<GetShopOverviewResult>(GET_SHOP_OVERVIEW, undefined, GET_SHOP_OVERVIEW_COST);
    return { state: "connected", shop: result.shop, locations: result.locations.nodes };
  } catch (error) {
    const message = error instanceof ShopifyApiError ? error.message : String(error);
    return { state: "unreachable", error: message };
  }
}

export async function readErpConnectionState(db: PrismaClient, shop: string): Promise<ErpConnectionState> {
  const erp = await erpConnectionOverview(db, shop);
  if (!erp) return { state: "not_configured" };
  const [exported, failed, flagged] = await Promise.all([
    db.orderExport.count({ where: { shop, status: "exported" } }),
    db.orderExport.count({ where: { shop, status: "failed" } }),
    db.orderExport.count({ where: { shop, flag: { not: null } } }),
  ]);
  return { state: "configured", ...erp, exported, failed, flagged };
}

export async function readPosConnectionState(db: PrismaClient, shop: string): Promise<PosConnectionState> {
  const connection = await db.posConnection.findUnique({ where: { shop }, select: { blockingSetting: true } });
  if (!connection) return { state: "not_configured" };
  const [salePoints, activeSalePoints] = await Promise.all([db.posSalePoint.count({ where: { shop } }), db.posSalePoint.count({ where: { shop, active: true } })]);
  return { state: "configured", salePoints, activeSalePoints, blocked: connection.blockingSetting !== null };
}

export async function readConnectionOverview(db: PrismaClient, shop: string, accessToken: string): Promise<ConnectionOverview> {
  const [store, erp, pos] = await Promise.all([readStoreConnection(shop, accessToken), readErpConnectionState(db, shop), readPosConnectionState(db, shop)]);
  return { store, erp, pos };
}
