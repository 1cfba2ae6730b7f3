/**
 * What the Catalog page shows for a shop: where products and stock come
 * from (and whether those systems are connected), which stock each Shopify
 * location shows (sale points from the POS, warehouses from the ERP), what
 * travels with the products, the listing rules, and how the first product
 * sync and the stock push stand.
 */
import type { PrismaClient } from "@prisma/client";
import type { FirstSyncState } from "../database/column-values";
import type { SecretBox } from "../crypto/secret-box.server";
import { erpConnectorForShop } from "../erp/erp-connections.server";
import type { ErpWarehouse } from "../erp/erp.types";
import { hasPosConnection, listShopSalePoints, type ShopSalePoint } from "../pos/pos-connections.server";
import { listLocationMappings, type LocationMapping } from "../pos/pos-locations.server";
import { runningRunOf } from "../runs/job-runs.server";
import { readCatalogSettings, type CatalogSettings } from "./catalog-settings.server";
import { missingCatalogSystems } from "./catalog-settings";
import type { ShopDomain } from "../ids";

export interface CatalogPageData {
  settings: CatalogSettings;
  posConnected: boolean;
  erpConnected: boolean;
  /** Why the chosen sources cannot be read (a system not connected), or null. */
  /** The systems the chosen sources need that are not connected yet. */
  sourcesMissing: Array<"pos" | "erp"> | null;
  salePoints: ShopSalePoint[];
  /** The ERP's warehouses when stock comes from it; `warehousesError`: the ERP's answer when it could not be asked. */
  warehouses: ErpWarehouse[];
  warehousesError: string | null;
  locations: LocationMapping[];
  catalog: CatalogOverview;
}

export async function readCatalogPage(
  db: PrismaClient,
  box: SecretBox,
  shop: ShopDomain,
  shopifyLocations: Array<{ id: string; name: string }>,
): Promise<CatalogPageData> {
  const settings = await readCatalogSettings(db, shop);
  const posConnected = await hasPosConnection(db, shop);
  const erpConnected = (await db.erpConnection.findFirst({ where: { shop }, select: { shop: true } })) !== null;
  const missing = missingCatalogSystems(settings, { pos: posConnected, erp: erpConnected });
  let warehouses: ErpWarehouse[] = [];
  let warehousesError: string | null = null;
  // The ERP is asked (its key opened) only when its warehouses feed the locations.
  const erp = settings.stockSource === "erp" && erpConnected ? await erpConnectorForShop(db, box, shop) : null;
  if (erp) {
    try {
      warehouses = await keptWarehouses(shop, () => erp.listWarehouses());
    } catch (error) {
      warehousesError = (error as Error).message;
    }
  }
  return {
    settings,
    posConnected,
    erpConnected,
    sourcesMissing: missing.length ? missing : null,
    salePoints: posConnected ? await listShopSalePoints(db, shop) : [],
    warehouses,
    warehousesError,
    locations: await listLocationMappings(db, shop, shopifyLocations),
    catalog: await readCatalogOverview(db, shop),
  };
}

/** The first product sync and the stock push, as the Catalog page shows them. */
export interface CatalogOverview {
  firstSync: FirstSyncState;
  /** Waiting at Shopify's limit on new variants: when it goes on by itself. */
  resumeAt: string | null;
  total: number | null;
  done: number;
  linked: number;
  created: number;
  failed: number;
  completedAt: string | null;
  /** The product sync or stock push going now, for its run page. */
  runningSyncRunId: string | null;
  /** How far the running sync is, in percent, as its run reports it (it moves while a bulk operation makes products, before the checkpoint does). */
  runningSyncProgress: number | null;
  runningPushRunId: string | null;
  /** A full resync going now, with how far it is in percent (its run's progress). */
  runningResync: { runId: string; progress: number } | null;
  lastPush: { runId: string; at: string; status: string; changed: number | null } | null;
}

async function readCatalogOverview(db: PrismaClient, shop: ShopDomain): Promise<CatalogOverview> {
  const sync = await db.catalogSync.findUnique({ where: { shop } });
  const syncRun = await runningWithProgress(db, shop, "product-sync");
  const lastPush = await db.jobRun.findFirst({
    where: { shop, kind: "stock-push", status: { in: ["completed", "failed", "cancelled"] } },
    orderBy: { startedAt: "desc" },
  });
  return {
    firstSync: (sync?.firstSync as FirstSyncState | undefined) ?? "not-started",
    resumeAt: sync?.firstSync === "waiting" ? (sync.resumeAt?.toISOString() ?? null) : null,
    total: sync?.total ?? null,
    done: sync?.done ?? 0,
    linked: sync?.linked ?? 0,
    created: sync?.created ?? 0,
    failed: sync?.failed ?? 0,
    completedAt: sync?.completedAt?.toISOString() ?? null,
    runningSyncRunId: syncRun?.runId ?? null,
    runningSyncProgress: syncRun?.progress ?? null,
    runningPushRunId: await runningRunOf(db, shop, "stock-push"),
    runningResync: await runningWithProgress(db, shop, "full-resync").then((run) => (run ? { runId: run.runId, progress: run.progress ?? 0 } : null)),
    lastPush: lastPush
      ? {
          runId: lastPush.id,
          at: (lastPush.finishedAt ?? lastPush.startedAt).toISOString(),
          status: lastPush.status,
          changed: (lastPush.counts as Record<string, number> | null)?.changed ?? null,
        }
      : null,
  };
}

/**
 * The ERP's warehouses, asked at most every 30 s per shop: the Catalog page refreshes every 1.5 s while a run goes,
 * and the ERP is not asked each time. A failure is not kept: the next refresh asks again.
 */
const WAREHOUSES_KEPT_MS = 30_000;
const knownWarehouses = new Map<string, { warehouses: ErpWarehouse[]; at: number }>();

async function keptWarehouses(shop: ShopDomain, list: () => Promise<ErpWarehouse[]>, now = Date.now()): Promise<ErpWarehouse[]> {
  const kept = knownWarehouses.get(shop);
  if (kept && now - kept.at < WAREHOUSES_KEPT_MS) return kept.warehouses;
  const warehouses = await list();
  knownWarehouses.set(shop, { warehouses, at: now });
  return warehouses;
}

/** The run of this kind going now and its progress as its run reports it (null until it has reported any). */
async function runningWithProgress(db: PrismaClient, shop: ShopDomain, kind: string): Promise<{ runId: string; progress: number | null } | null> {
  const runId = await runningRunOf(db, shop, kind);
  if (!runId) return null;
  const run = await db.jobRun.findUnique({ where: { id: runId }, select: { progress: true } });
  return { runId, progress: run?.progress ?? null };
}
