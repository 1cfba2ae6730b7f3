/**
 * What the catalog tests share: the Shopify emulator with its seeded demo shop and an Admin client for it, and a
 * piece of work run as a recorded run (as a worker runs it) with its counts and log read back.
 */
import type { PrismaClient } from "@prisma/client";
import { runTracked, type RunCounts, type RunHandle, runLog } from "../../app/services/runs/job-runs.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { seedDemoShop } from "../../emulators/shopify/demo-data";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP, type EmulatedShop } from "../../emulators/shopify/state";
import { type ShopDomain, shopDomain } from "../../app/services/ids";

export interface DemoShopify {
  shopify: ShopifyEmulator;
  client: AdminClient;
  emulatedShop: () => EmulatedShop;
}

export async function startDemoShopify(): Promise<DemoShopify> {
  const shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  const emulatedShop = () => shopify.state.shop(DEMO_SHOP.myshopifyDomain)!;
  seedDemoShop(emulatedShop());
  return {
    shopify,
    client: new AdminClient({ shop: shopDomain(DEMO_SHOP.myshopifyDomain), accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url }),
    emulatedShop,
  };
}

/** Runs the work as a recorded run, as a worker does, and returns its counts and log. */
export async function recordedRun(db: PrismaClient, shop: ShopDomain, kind: string, work: (run: RunHandle) => Promise<RunCounts>) {
  const outcome = await runTracked(db, { shop, kind, trigger: "manual" }, work);
  const run = await db.jobRun.findUniqueOrThrow({ where: { id: outcome.id } });
  return { counts: outcome.counts!, log: (await runLog(db, run.id)).map((entry) => entry.message) };
}
