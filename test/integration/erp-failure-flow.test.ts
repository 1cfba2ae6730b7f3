// GIVEN a shop on the HTTP ERP emulator and the Shopify emulator, whose Flow trigger "Order could not be sent to the
//       ERP" is declared in extensions/order-erp-failed
// WHEN an order's export is refused for good (and retried), or the ERP books an order with other money than Shopify's,
//      then books it right, then wrong again
// THEN Shopify receives the trigger once per failure streak, with the order's id, the reason in the shop's language
//      and the ERP's name, checked by the emulator against the trigger's declared fields; a retry inside a streak
//      sends nothing more
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { shopDomain } from "../../app/services/ids";
import { exportSnapshotToErp } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { recordOrderSnapshot } from "../../app/services/sync/orders/order-snapshots.server";
import { readOrder } from "../../app/services/shopify/order-reader.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { createTestDatabase } from "../support/test-database";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const key = Buffer.alloc(32, 9).toString("base64");
let db: PrismaClient;
let shopify: ShopifyEmulator;
let erp: ErpEmulator;

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("erp-failure-flow"));
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  erp = await startErpEmulator({ apiKey: "flow-key" });
  await seedSandbox(db, key, DEMO_SHOP);
  await db.erpConnection.deleteMany({ where: { shop } });
  await saveErpConnection(db, new SecretBox(key), shop, { kind: "http", url: erp.url, secret: erp.apiKey, name: "Gestionale" });
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ordersToErp: "all" }, update: { ordersToErp: "all" } });
});
afterAll(async () => {
  await shopify?.close();
  await erp?.close();
  await db?.$disconnect();
});

const client = () => new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
const exportOrder = (orderId: string) => exportSnapshotToErp({ db, box: new SecretBox(key), shopify: async () => client() }, shop, orderId);
const triggers = async () =>
  (await (await fetch(`${shopify.url}/_control/shops/${shop}/flow-triggers`)).json()) as Array<{ handle: string; payload: Record<string, unknown> }>;
const faults = (body: Record<string, unknown>) => fetch(`${erp.url}/_control/faults`, { method: "POST", body: JSON.stringify(body) });

async function placeOrder(email: string): Promise<{ id: string; legacyResourceId: number }> {
  const response = await fetch(`${shopify.url}/_control/shops/${shop}/orders`, {
    method: "POST",
    body: JSON.stringify({
      customer: { email, firstName: "Luca", lastName: "Neri" },
      lines: [{ sku: "MOKA-3", title: "Moka", quantity: 1, price: "29.00", taxLines: [{ title: "IVA", rate: 0.22 }] }],
    }),
  });
  const order = (await response.json()) as { id: string; legacyResourceId: number };
  await reconcileOrders(db, client(), shop);
  return order;
}

/** The merchant edits the order's note in Shopify; Ponte keeps the new version (as its orders/updated would). */
async function editNote(order: { id: string; legacyResourceId: number }, note: string): Promise<void> {
  await fetch(`${shopify.url}/_control/shops/${shop}/orders/${order.legacyResourceId}/update`, { method: "POST", body: JSON.stringify({ note }) });
  await recordOrderSnapshot(db, shop, (await readOrder(client(), order.id))!, "reconcile");
}

describe("the Flow trigger of an order that could not be sent to the ERP", () => {
  it("is sent once while the ERP keeps refusing the order, and not again once it goes through", async () => {
    const before = (await triggers()).length;
    const order = await placeOrder("rifiutato@example.it");
    await faults({ refuseSalesOrders: "Cliente bloccato per insoluti" });
    expect(await exportOrder(order.id)).toMatchObject({ status: "failed" });
    expect(await exportOrder(order.id)).toMatchObject({ status: "failed" });
    const sent = (await triggers()).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ handle: "order-erp-failed", payload: { order_id: order.legacyResourceId, ERP: "Gestionale" } });
    expect(String(sent[0]!.payload.Reason)).toContain("Cliente bloccato per insoluti");

    await faults({ refuseSalesOrders: null });
    expect(await exportOrder(order.id)).toMatchObject({ status: "exported" });
    expect((await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } })).flowAlertedAt).toBeNull();
    expect((await triggers()).length).toBe(before + 1);
  });

  it("is sent when the ERP books other money than Shopify's, and again only after a booking with the right money", async () => {
    const before = (await triggers()).length;
    erp.books.setup.taxRates = { IVA: "10" };
    const order = await placeOrder("totali@example.it");
    expect(await exportOrder(order.id)).toMatchObject({ status: "exported", totals: { differs: true } });
    expect((await triggers()).slice(before).map((t) => t.payload.order_id)).toEqual([order.legacyResourceId]);

    // Corrected in the ERP's set-up, and the order edited: the sale is rewritten with Shopify's money; the streak ends.
    erp.books.setup.taxRates = { IVA: "22" };
    await editNote(order, "regalo");
    expect(await exportOrder(order.id)).toMatchObject({ status: "updated", totals: { differs: false } });
    expect((await triggers()).length).toBe(before + 1);

    // Wrong again: a new streak, a new trigger.
    erp.books.setup.taxRates = { IVA: "10" };
    await editNote(order, "regalo, urgente");
    expect(await exportOrder(order.id)).toMatchObject({ status: "updated", totals: { differs: true } });
    expect((await triggers()).slice(before).map((t) => t.payload.order_id)).toEqual([order.legacyResourceId, order.legacyResourceId]);
    erp.books.setup.taxRates = {};
  });

  it("is refused by Shopify when its payload does not match the trigger's declared fields", async () => {
    const order = await placeOrder("campi@example.it");
    const answer = (await client().requestBuilt(
      `mutation ($payload: JSON!) { flowTriggerReceive(handle: "order-erp-failed", payload: $payload) { userErrors { field message } } }`,
      { payload: { order_id: order.legacyResourceId, Reason: "x" } },
      (data) => data,
    )) as { flowTriggerReceive: { userErrors: Array<{ message: string }> } };
    expect(answer.flowTriggerReceive.userErrors[0]!.message).toMatch(/Missing payload fields: ERP/);
  });
});
