/** Everything the dashboard shows, gathered for one shop. */
import { rememberShopOverview } from "../shopify/shop-clock.server";
import type { Environment } from "../config/environment";
import type { PrismaClient } from "@prisma/client";
import { readConnectionOverview, type ConnectionOverview } from "../connections/connection-status.server";
import { checkDatabaseHealth, type DatabaseHealth } from "../health/database-health.server";
import { findOrRecordShop } from "../shops/shop-registry.server";
import { listServiceRestarts, type ServiceRestarts } from "../workers/supervised-services.server";
import { listLiveWorkers, type LiveWorker } from "../workers/worker-heartbeat.server";
import { readStoreSyncOverview, type StoreSyncOverview } from "./store-sync-overview.server";
import type { ShopDomain } from "../ids";

export interface Dashboard {
  shop: { domain: string; installedAt: string };
  connections: ConnectionOverview;
  database: DatabaseHealth;
  workers: Array<Omit<LiveWorker, "startedAt" | "lastSeenAt"> & { startedAt: string; lastSeenAt: string }>;
  /** What the launchers' supervisors restarted (services they run: app, workers). */
  restarts: ServiceRestarts[];
  jobStore: "postgres" | "mongodb";
  sync: StoreSyncOverview;
}

export interface DashboardInput {
  db: PrismaClient;
  shop: ShopDomain;
  accessToken: string;
  env?: Environment;
}

export async function loadDashboard({ db, shop, accessToken, env = process.env }: DashboardInput): Promise<Dashboard> {
  const [record, connections, database, workers, sync, restarts] = await Promise.all([
    findOrRecordShop(db, shop),
    readConnectionOverview(db, shop, accessToken),
    checkDatabaseHealth(db, env.PONTE_DATABASE_KIND === "embedded" ? "embedded" : "external"),
    listLiveWorkers(db),
    readStoreSyncOverview(db, shop),
    listServiceRestarts(db),
  ]);
  if (connections.store.state === "connected") rememberShopOverview(shop, { shop: connections.store.shop, locations: connections.store.locations });
  return {
    shop: { domain: shop, installedAt: record.installedAt.toISOString() },
    connections,
    database,
    workers: workers.map((worker) => ({
      ...worker,
      startedAt: worker.startedAt.toISOString(),
      lastSeenAt: worker.lastSeenAt.toISOString(),
    })),
    restarts,
    jobStore: env.MONGODB_URL ? "mongodb" : "postgres",
    sync,
  };
}
