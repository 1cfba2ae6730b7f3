// GIVEN the Shopify emulator over HTTP, the generic HTTP ERP emulator, and orders exported to it
// WHEN the ERP ships (with carrier and tracking), learns the delivery, invoices or cancels them, and the status job runs;
//      or an unpaid order is paid while its webhook is lost
// THEN the Shopify orders are fulfilled with that carrier and tracking, get a delivered event at the ERP's date, are
//      tagged invoiced, cancelled — each once — and the paid order is picked up for export
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { ShopifyOrderActions } from "../../app/services/shopify/order-status.adapter.server";
import { exportOrderToErp } from "../../app/services/sync/orders/export-order-to-erp.use-case.server";
import { recheckPendingPayments } from "../../app/services/sync/orders/recheck-pending-payments.server";
import { orderFromSnapshot } from "../../app/services/shopify/shopify-order";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { DELIVERY_WATCH_DAYS, syncErpStatuses } from "../../app/services/sync/statuses/sync-erp-statuses.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { createTestDatabase } from "../support/test-database";
import { erpConnectionId, erpRecordId, shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
let db: PrismaClient;
let shopify: ShopifyEmulator;
let erpEmulator: ErpEmulator;
let client: AdminClient;
let erp: HttpErpAdapter;

async function control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${shopify.url}/_control/shops/${shop}${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<T>;
}

/** An order placed in Shopify, brought in by reconciliation and exported: its ERP sale id. */
async function exportedOrder(who: string): Promise<{ legacyId: number; orderId: string; saleId: string }> {
  const order = await control<{ id: string; legacyResourceId: number }>("/orders", {
    customer: { email: `${who}@example.it`, firstName: who, lastName: "Test" },
    lines: [{ sku: "CAF", title: "Caffè", quantity: 1, price: "5.00" }],
  });
  await reconcileOrders(db, client, shop);
  const snapshot = await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
  const outcome = await exportOrderToErp({ db, erp, erpId: erpConnectionId("main") }, shop, orderFromSnapshot(snapshot.order));
  return { legacyId: order.legacyResourceId, orderId: order.id, saleId: (outcome as { erpOrderId: string }).erpOrderId };
}

/** The order's app-owned metafields erp_number and erp_state, as Shopify holds them. */
async function saleMetafields(orderId: string) {
  return client.requestBuilt(
    `query ($id: ID!) { order(id: $id) { number: metafield(namespace: "$app", key: "erp_number") { value }
      state: metafield(namespace: "$app", key: "erp_state") { value } } }`,
    { id: orderId },
    (data) => (data as { order: { number: { value: string } | null; state: { value: string } | null } }).order,
  );
}

const deps = () => ({ db, erp, erpId: erpConnectionId("main"), store: new ShopifyOrderActions(client) });

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("erp-statuses"));
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  erpEmulator = await startErpEmulator({ apiKey: "statuses-key" });
  client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
  erp = new HttpErpAdapter({ baseUrl: erpEmulator.url, apiKey: erpEmulator.apiKey });
});
afterAll(async () => {
  await shopify.close();
  await erpEmulator.close();
  await db.$disconnect();
});

interface EmulatedOrder {
  cancelled_at: string | null;
  tags: string;
  fulfillment_status: string | null;
  fulfillments: Array<{ tracking: { company: string | null; number: string | null } | null }>;
}

describe("ERP states on the Shopify order", () => {
  it("fulfils with the ERP's carrier and tracking once shipped, tags once invoiced, and does each only once", async () => {
    const order = await exportedOrder("shipped");
    erpEmulator.books.ship(order.saleId, "BRT", "BRT-0042");
    // The fulfilment, and the sale's number and state written on the order.
    expect(await syncErpStatuses(deps(), shop)).toMatchObject({ applied: 2, flagged: 0 });
    expect(await saleMetafields(order.orderId)).toEqual({ number: { value: expect.stringMatching(/\S/) }, state: { value: "shipped" } });
    let shopifyOrder = await control<EmulatedOrder>(`/orders/${order.legacyId}`);
    expect(shopifyOrder.fulfillment_status).toBe("fulfilled");
    expect(shopifyOrder.fulfillments).toEqual([
      expect.objectContaining({ tracking: expect.objectContaining({ company: "BRT", number: "BRT-0042" }) }),
    ]);

    erpEmulator.books.invoice(order.saleId);
    await syncErpStatuses(deps(), shop);
    await syncErpStatuses(deps(), shop);
    shopifyOrder = await control<EmulatedOrder>(`/orders/${order.legacyId}`);
    expect(shopifyOrder.tags).toBe("erp-invoiced");
    expect(shopifyOrder.fulfillments).toHaveLength(1);
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.orderId } } })).toMatchObject({
      erpState: "invoiced",
      storeShipped: true,
      storeInvoiced: true,
      storeErpState: "invoiced",
    });
    expect((await saleMetafields(order.orderId)).state).toEqual({ value: "invoiced" });
    // Nothing changed since: nothing is written again.
    expect(await syncErpStatuses(deps(), shop)).toMatchObject({ applied: 0 });
  });

  it("adds the delivered event, at the ERP's delivery time, to the fulfillment once; an ERP that never says it stops being asked", async () => {
    const order = await exportedOrder("delivered");
    erpEmulator.books.ship(order.saleId, "GLS", "GLS-77");
    await syncErpStatuses(deps(), shop);
    const erpControl = (path: string, body: unknown) =>
      fetch(`${erpEmulator.url}/_control/sales-orders/${order.saleId}/${path}`, { method: "POST", body: JSON.stringify(body) });
    expect((await erpControl("deliver", { deliveredAt: "2026-12-02T10:15:00+01:00" })).status).toBe(200);

    expect(await syncErpStatuses(deps(), shop)).toMatchObject({ flagged: 0 });
    const fulfillments = () =>
      client.requestBuilt(
        `query ($id: ID!) { order(id: $id) { fulfillments { displayStatus deliveredAt events(first: 10) { nodes { status happenedAt } } } } }`,
        { id: order.orderId },
        (data) =>
          (
            data as {
              order: {
                fulfillments: Array<{
                  displayStatus: string;
                  deliveredAt: string | null;
                  events: { nodes: Array<{ status: string; happenedAt: string }> };
                }>;
              };
            }
          ).order.fulfillments,
      );
    expect(await fulfillments()).toEqual([
      {
        displayStatus: "DELIVERED",
        deliveredAt: "2026-12-02T09:15:00.000Z",
        events: { nodes: [{ status: "DELIVERED", happenedAt: "2026-12-02T09:15:00.000Z" }] },
      },
    ]);
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.orderId } } })).toMatchObject({
      storeShipped: true,
      storeDelivered: true,
      erpDeliveredAt: new Date("2026-12-02T09:15:00.000Z"),
    });
    // Read again (invoiced since): no second event.
    erpEmulator.books.invoice(order.saleId);
    await syncErpStatuses(deps(), shop);
    await syncErpStatuses(deps(), shop);
    expect((await fulfillments())[0]!.events.nodes).toHaveLength(1);

    // Shipped and invoiced, and the ERP says nothing of the delivery: read while its delivery is watched, then no more.
    const quiet = await exportedOrder("never-delivered");
    erpEmulator.books.ship(quiet.saleId, "GLS", "GLS-78");
    erpEmulator.books.invoice(quiet.saleId);
    await syncErpStatuses(deps(), shop);
    const watched = async () =>
      (await db.orderExport.findMany({ where: { shop, storeDelivered: false, storeShipped: true, storeInvoiced: true } })).length;
    const before = await syncErpStatuses(deps(), shop);
    expect(before.checked).toBeGreaterThanOrEqual(1);
    expect(await watched()).toBeGreaterThanOrEqual(1);
    await db.orderExport.update({
      where: { shop_orderId: { shop, orderId: quiet.orderId } },
      data: { storeShippedAt: new Date(Date.now() - (DELIVERY_WATCH_DAYS + 1) * 86_400_000) },
    });
    const after = await syncErpStatuses(deps(), shop);
    expect(after.checked).toBe(before.checked - 1);
  });

  it("passes over, without a flag, an order deleted in Shopify whose sale it would write on the order", async () => {
    const order = await exportedOrder("deleted-in-shopify");
    // Ponte's record of an order Shopify no longer has (deleted there after the export).
    const gone = "gid://shopify/Order/987654321";
    await db.orderExport.update({ where: { shop_orderId: { shop, orderId: order.orderId } }, data: { orderId: gone, storeErpState: null } });
    await syncErpStatuses(deps(), shop);
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: gone } } })).toMatchObject({
      flag: null,
      storeErpState: "confirmed",
    });
  });

  it("refuses a delivery date the contract does not allow, at the edge", async () => {
    const order = await exportedOrder("bad-date");
    erpEmulator.books.ship(order.saleId, "GLS", "GLS-79");
    erpEmulator.books.salesOrders.get(order.saleId)!.shipment!.deliveredAt = "yesterday";
    await expect(erp.getSalesOrder(erpRecordId("sale", order.saleId))).rejects.toThrow(/deliveredAt/);
    erpEmulator.books.salesOrders.get(order.saleId)!.shipment!.deliveredAt = "2026-12-03";
    expect((await erp.getSalesOrder(erpRecordId("sale", order.saleId)))?.shipment?.deliveredAt).toBe("2026-12-03");
  });

  it("cancels the Shopify order the ERP cancelled, once; flags an order Shopify refuses to cancel", async () => {
    const order = await exportedOrder("cancelled");
    await erp.cancelSalesOrder(erpRecordId("sale", order.saleId));
    await syncErpStatuses(deps(), shop);
    expect((await control<EmulatedOrder>(`/orders/${order.legacyId}`)).cancelled_at).not.toBeNull();
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.orderId } } })).toMatchObject({
      erpState: "cancelled",
      storeCancelled: true,
      flag: null,
    });

    // Fulfilled in Shopify already, then cancelled in the ERP: Shopify will not cancel a fulfilled order.
    const fulfilled = await exportedOrder("fulfilled-first");
    erpEmulator.books.ship(fulfilled.saleId, "SDA", "SDA-7");
    await syncErpStatuses(deps(), shop);
    erpEmulator.books.salesOrders.get(fulfilled.saleId)!.state = "cancelled";
    await syncErpStatuses(deps(), shop);
    expect((await control<EmulatedOrder>(`/orders/${fulfilled.legacyId}`)).cancelled_at).toBeNull();
    expect((await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: fulfilled.orderId } } })).flag).toMatch(
      /Shopify refused to cancel the order.*fulfilled/,
    );
  });

  it("re-checks an order waiting for payment: paid in Shopify with no webhook, it is picked up for export", async () => {
    const order = await control<{ id: string; legacyResourceId: number }>("/orders", {
      customer: { email: "later@example.it", firstName: "Later", lastName: "Test" },
      financialStatus: "PENDING",
      lines: [{ sku: "CAF", title: "Caffè", quantity: 1, price: "5.00" }],
    });
    await reconcileOrders(db, client, shop);
    const snapshot = await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
    expect(await exportOrderToErp({ db, erp, erpId: erpConnectionId("main") }, shop, orderFromSnapshot(snapshot.order))).toMatchObject({
      status: "waiting",
    });

    const changed: string[] = [];
    const noteChange = async (_shop: string, orderId: string) => void changed.push(orderId);
    expect(await recheckPendingPayments(db, client, shop, noteChange)).toEqual({ checked: 1, changed: 0 });
    await control(`/orders/${order.legacyResourceId}/update`, { financialStatus: "PAID" });
    expect(await recheckPendingPayments(db, client, shop, noteChange)).toEqual({ checked: 1, changed: 1 });
    expect(changed).toEqual([order.id]);
    const paid = await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
    expect(await exportOrderToErp({ db, erp, erpId: erpConnectionId("main") }, shop, orderFromSnapshot(paid.order))).toMatchObject({
      status: "exported",
    });
  });
});
