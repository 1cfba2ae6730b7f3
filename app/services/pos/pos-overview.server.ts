/** What the POS page shows for a shop: the connection, its sale points in order, and how orders stand with the POS. */
import type { PrismaClient } from "@prisma/client";
import { SETTING_ADVICE } from "./pos-connector";
import { listShopSalePoints, type ShopSalePoint } from "./pos-connections.server";
import type { IncompatibleSetting } from "./pos.types";
import type { ShopDomain } from "../ids";

export interface PosOverview {
  connected: boolean;
  blockingSetting: { setting: IncompatibleSetting; advice: string } | null;
  salePoints: ShopSalePoint[];
  orders: { dispatched: number; waiting: number; held: Array<{ orderName: string; status: string; reason: string | null }> };
}

export async function readPosOverview(db: PrismaClient, shop: ShopDomain): Promise<PosOverview> {
  const connection = await db.posConnection.findUnique({ where: { shop } });
  const setting = connection?.blockingSetting as IncompatibleSetting | null | undefined;
  const [dispatched, waiting, held] = await Promise.all([
    db.posOrderAllocation.count({ where: { shop, status: "dispatched" } }),
    db.posOrderAllocation.count({ where: { shop, status: { in: ["planned", "retrying", "waiting"] } } }),
    db.posOrderAllocation.findMany({
      where: { shop, status: { in: ["unservable", "failed", "cancel-flagged"] } },
      orderBy: { updatedAt: "desc" },
      take: 20,
      select: { orderName: true, status: true, reason: true },
    }),
  ]);
  return {
    connected: connection !== null,
    blockingSetting: setting && setting in SETTING_ADVICE ? { setting, advice: SETTING_ADVICE[setting] } : null,
    salePoints: connection ? await listShopSalePoints(db, shop) : [],
    orders: { dispatched, waiting, held },
  };
}
