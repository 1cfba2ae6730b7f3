/**
 * The set-up the order tests share: a test database, the demo shop on the Shopify emulator with its offline session
 * seeded (as the sandbox seeds it), connected to the HTTP ERP emulator, every order going to the ERP; and the steps
 * they take with it (place an order in Shopify and let the reconciliation bring it in, export it, fault the ERP).
 */
import type { PrismaClient } from "@prisma/client";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { shopDomain, type ShopDomain } from "../../app/services/ids";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { exportSnapshotToErp } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type EmulatedApp, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { createTestDatabase } from "./test-database";

export interface DemoShopWithErp {
  db: PrismaClient;
  shopify: ShopifyEmulator;
  erp: ErpEmulator;
  shop: ShopDomain;
  /** The key the shop's secrets (ERP key, session token) are sealed with. */
  key: string;
  client(): AdminClient;
  /** A new order in Shopify, brought into Ponte by the reconciliation. */
  placeOrder(order: Record<string, unknown>, via?: AdminClient): Promise<{ id: string; name: string; legacyResourceId: number }>;
  /** The export job's work for one order (from its newest snapshot). */
  exportOrder(orderId: string, via?: AdminClient): ReturnType<typeof exportSnapshotToErp>;
  /** The ERP emulator's faults (refuseSalesOrders, down…). */
  erpFaults(body: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

export async function startDemoShopWithErp(options: {
  databaseName?: string;
  databaseUrl?: string;
  key?: string;
  app?: EmulatedApp;
  erpName?: string;
}): Promise<DemoShopWithErp> {
  const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
  const key = options.key ?? Buffer.alloc(32, 9).toString("base64");
  const db = createPrismaClient(options.databaseUrl ?? (await createTestDatabase(options.databaseName ?? "demo-shop")));
  const shopify = await startShopifyEmulator({
    app: options.app ?? { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  const erp = await startErpEmulator({ apiKey: "demo-erp-key" });
  await seedSandbox(db, key, DEMO_SHOP);
  await db.erpConnection.deleteMany({ where: { shop } });
  await saveErpConnection(db, new SecretBox(key), shop, { kind: "http", url: erp.url, secret: erp.apiKey, name: options.erpName ?? "ERP" });
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ordersToErp: "all" }, update: { ordersToErp: "all" } });
  const client = () => new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
  return {
    db,
    shopify,
    erp,
    shop,
    key,
    client,
    async placeOrder(order, via = client()) {
      const placed = await fetch(`${shopify.url}/_control/shops/${shop}/orders`, { method: "POST", body: JSON.stringify(order) });
      const made = (await placed.json()) as { id: string; name: string; legacyResourceId: number };
      await reconcileOrders(db, via, shop);
      return made;
    },
    exportOrder: (orderId, via = client()) => exportSnapshotToErp({ db, box: new SecretBox(key), shopify: async () => via }, shop, orderId),
    erpFaults: (body) => fetch(`${erp.url}/_control/faults`, { method: "POST", body: JSON.stringify(body) }),
    async close() {
      await shopify.close();
      await erp.close();
      await db.$disconnect();
    },
  };
}
