/** What the POS page shows for a shop: the connection, its sale points in order, and how orders stand with the POS. */
import type { PrismaClient } from "@prisma/client";
import { runningRunOf } from "../runs/job-runs.server";
import { SETTING_ADVICE } from "./pos-connector";
import { listShopSalePoints, type ShopSalePoint } from "./pos-connections.server";
import { listLocationMappings, type LocationMapping } from "./pos-locations.server";
import type { IncompatibleSetting } from "./pos.types";

export interface PosOverview {
  connected: boolean;
  syncSettings: { syncCategories: boolean; syncImages: boolean; draftWhenOutOfStock: boolean; draftWhenNotOffered: boolean };
  locations: LocationMapping[];
  blockingSetting: { setting: IncompatibleSetting; advice: string } | null;
  salePoints: ShopSalePoint[];
  orders: { dispatched: number; waiting: number; held: Array<{ orderName: string; status: string; reason: string | null }> };
  catalog: CatalogOverview;
}

/** The first product sync and the stock push, as the POS page shows them. */
export interface CatalogOverview {
  firstSync: "not-started" | "running" | "completed" | "failed" | "cancelled";
  total: number | null;
  done: number;
  linked: number;
  created: number;
  failed: number;
  completedAt: string | null;
  /** The product sync or stock push going now, for its run page. */
  runningSyncRunId: string | null;
  runningPushRunId: string | null;
  lastPush: { runId: string; at: string; status: string; changed: number | null } | null;
}

export async function readPosOverview(db: PrismaClient, shop: string, shopifyLocations: Array<{ id: string; name: string }>): Promise<PosOverview> {
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
    syncSettings: {
      syncCategories: connection?.syncCategories ?? true,
      syncImages: connection?.syncImages ?? true,
      draftWhenOutOfStock: connection?.draftWhenOutOfStock ?? false,
      draftWhenNotOffered: connection?.draftWhenNotOffered ?? true,
    },
    locations: connection ? await listLocationMappings(db, shop, shopifyLocations) : [],
    blockingSetting: setting && setting in SETTING_ADVICE ? { setting, advice: SETTING_ADVICE[setting] } : null,
    salePoints: connection ? await listShopSalePoints(db, shop) : [],
    orders: { dispatched, waiting, held },
    catalog: await readCatalogOverview(db, shop),
  };
}

async function readCatalogOverview(db: PrismaClient, shop: string): Promise<CatalogOverview> {
  const sync = await db.catalogSync.findUnique({ where: { shop } });
  const lastPush = await db.jobRun.findFirst({ where: { shop, kind: "stock-push", status: { in: ["completed", "failed", "cancelled"] } }, orderBy: { startedAt: "desc" } });
  return {
    firstSync: (sync?.firstSync as CatalogOverview["firstSync"] | undefined) ?? "not-started",
    total: sync?.total ?? null,
    done: sync?.done ?? 0,
    linked: sync?.linked ?? 0,
    created: sync?.created ?? 0,
    failed: sync?.failed ?? 0,
    completedAt: sync?.completedAt?.toISOString() ?? null,
    runningSyncRunId: await runningRunOf(db, shop, "product-sync"),
    runningPushRunId: await runningRunOf(db, shop, "stock-push"),
    lastPush: lastPush
      ? { runId: lastPush.id, at: (lastPush.finishedAt ?? lastPush.startedAt).toISOString(), status: lastPush.status, changed: (lastPush.counts as Record<string, number> | null)?.changed ?? null }
      : null,
  };
}
