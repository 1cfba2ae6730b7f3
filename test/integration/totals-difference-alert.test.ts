// GIVEN a shop whose ERP has its IVA set up at 10% while the store charges 22% (the HTTP ERP emulator, the Shopify emulator)
// WHEN an order is exported, and the ERP status sync runs
// THEN the order is flagged with both totals, the status sync names it in its run log and fails, which opens the
//      failure alert; the next run, with nothing new, completes and closes it; the difference is reported once
import { runLog } from "../../app/services/runs/job-runs.server";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { noteRunOutcome, openAlerts } from "../../app/services/runs/run-alerts.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { exportSnapshotToErp } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { runAction, type ActionDependencies } from "../../app/services/sync/tracked-actions.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { testActionDependencies } from "../support/action-dependencies";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const key = Buffer.alloc(32, 7).toString("base64");
let db: PrismaClient;
let shopify: ShopifyEmulator;
let erp: ErpEmulator;
let actions: ActionDependencies;

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("totals-alert"));
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  erp = await startErpEmulator({ apiKey: "totals-alert-key" });
  process.env.PONTE_SANDBOX = "1";
  process.env.PONTE_SANDBOX_SHOPIFY_URL = shopify.url;
  await seedSandbox(db, key, DEMO_SHOP);
  await saveErpConnection(db, new SecretBox(key), shop, { kind: "http", url: erp.url, secret: erp.apiKey });
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ordersToErp: "all" }, update: { ordersToErp: "all" } });
  const unused = async () => {};
  actions = testActionDependencies(db, key, {
    enqueueExport: unused,
    enqueuePosDispatch: unused,
    onRunFinished: (run) => noteRunOutcome({ db, mailer: null, recipientOf: async () => null }, run),
  });
});
afterAll(async () => {
  delete process.env.PONTE_SANDBOX;
  delete process.env.PONTE_SANDBOX_SHOPIFY_URL;
  await shopify?.close();
  await erp?.close();
  await db?.$disconnect();
});

const lastStatusRun = () => db.jobRun.findFirstOrThrow({ where: { shop, kind: "erp-statuses" }, orderBy: { startedAt: "desc" } });

describe("an order booked with other totals than Shopify's", () => {
  it("is flagged, named in the status sync's run log, and raises the failure alert once", async () => {
    erp.books.setup.taxRates = { IVA: "10" };
    const response = await fetch(`${shopify.url}/_control/shops/${shop}/orders`, {
      method: "POST",
      body: JSON.stringify({
        customer: { email: "luca@example.it", firstName: "Luca", lastName: "Neri" },
        lines: [{ sku: "MOKA-3", title: "Moka", quantity: 1, price: "29.00", taxLines: [{ title: "IVA", rate: 0.22 }] }],
      }),
    });
    const order = (await response.json()) as { id: string; name: string };
    await reconcileOrders(db, new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url }), shop);
    expect(
      await exportSnapshotToErp(
        {
          db,
          box: new SecretBox(key),
          shopify: (s) => Promise.resolve(new AdminClient({ shop: s, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url })),
        },
        shop,
        order.id,
      ),
    ).toMatchObject({
      status: "exported",
      totals: { differs: true },
    });
    const flagged = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
    expect(flagged.flag).toMatch(/^Booked with a difference: ERP 31\.90, Shopify 35\.38 EUR \(tax: ERP 2\.90, Shopify 6\.38\)/);

    await runAction(actions, shop, "erp-statuses", { trigger: "manual" }).catch(() => {});
    const failed = await lastStatusRun();
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe(`1 order was booked in the ERP with other totals than Shopify's (${order.name}); the Orders page shows the figures`);
    expect((await runLog(db, failed.id)).map((line) => [line.level, line.message])).toContainEqual([
      "warning",
      `Order ${order.name}: ${flagged.flag}`,
    ]);
    expect(await openAlerts(db, shop)).toEqual([expect.objectContaining({ kind: "erp-statuses", failures: 1, lastError: failed.error })]);

    // Nothing new: the next run completes, and the alert closes; the order stays flagged on the Orders page.
    await runAction(actions, shop, "erp-statuses", { trigger: "manual" });
    expect((await lastStatusRun()).status).toBe("completed");
    expect(await openAlerts(db, shop)).toEqual([]);
    expect((await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } })).flag).toBe(flagged.flag);
  });
});
