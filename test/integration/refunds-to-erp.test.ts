// GIVEN orders placed in the Shopify emulator, exported to the ERP through the app's own webhook routes and inbox, and
//       refunds made on them afterwards with refundCreate (the emulator sends refunds/create and orders/updated as
//       Shopify does), the shop's ERP set to book refunds as credit notes, and its Shopify location mapped to an ERP
//       warehouse
// WHEN the inbox is drained (each order's export settles its refunds)
// THEN each refund after export is one credit note, whatever the deliveries: its lines, shipping and taxes come to
//      what Shopify's transactions refunded, to the cent; goods restocked go back into the mapped warehouse (the HTTP
//      ERP's stock; Tryton's return sale from that warehouse) and goods not restocked move nowhere; a refund made
//      before the order was exported only changes the exported sale; the same refund delivered three times and out
//      of order with the order's updates books one credit note; against the HTTP ERP and a real Tryton 6.0
import type { PrismaClient } from "@prisma/client";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import type { ErpConnector } from "../../app/services/erp/erp-connector";
import type { ErpCreditNote } from "../../app/services/erp/erp.types";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { TrytonAdapter } from "../../app/services/erp/tryton/tryton.adapter.server";
import { erpRecordId, shopDomain, type ErpConnectionId } from "../../app/services/ids";
import { amount } from "../../app/services/money/money";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { exportSnapshotToErp } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { recordOrderSnapshot } from "../../app/services/sync/orders/order-snapshots.server";
import { orderFromSnapshot } from "../../app/services/shopify/shopify-order";
import { ordersAwaitingExport } from "../../app/services/sync/orders/orders-awaiting-export.server";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { drainInboxBatch } from "../../app/services/webhooks/process-inbox-event.server";
import { startErpEmulator } from "../../emulators/erp/server";
import { eventSubscriptionsFromToml, webhookSubscriptionsFromToml } from "../../emulators/shopify/app-config";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { startRouteServer } from "../support/route-server";
import { createTestDatabase } from "../support/test-database";
import { signedWebhookRequest } from "../support/signed-webhook";
import { startTryton, type TrytonServer } from "../support/tryton-server";
import { processWholeReturn, shipAndReturnFirstLine, type AdminGraphql, type MadeReturn } from "../support/shopify-returns";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const withinACent = (a: string, b: string) => amount(a).minus(b).abs().lessThanOrEqualTo("0.01");

interface ErpUnderTest {
  name: string;
  start(): Promise<{
    input: Record<string, string>;
    adapter: ErpConnector;
    /** The ERP warehouse the Shopify location is mapped to. */
    warehouseId: string;
    /** What the ERP holds of a SKU in that warehouse now, where the ERP says so at once (the HTTP ERP); null for Tryton. */
    stockOf(sku: string): Promise<number | null>;
    stop(): Promise<void>;
  }>;
}

const ERPS: ErpUnderTest[] = [
  {
    name: "the HTTP ERP",
    async start() {
      const erp = await startErpEmulator({ apiKey: "refunds-key" });
      await fetch(`${erp.url}/_control/warehouses`, { method: "POST", body: JSON.stringify({ id: "WH-MI", name: "Magazzino Milano" }) });
      return {
        input: { kind: "http", url: erp.url, secret: erp.apiKey },
        adapter: new HttpErpAdapter({ baseUrl: erp.url, apiKey: erp.apiKey }),
        warehouseId: "WH-MI",
        stockOf: async (sku) => {
          const books = (await (await fetch(`${erp.url}/_control/books`)).json()) as {
            catalog: { stock: Array<{ warehouseId: string; levels: Array<[string, number]> }> };
          };
          const levels = books.catalog.stock.find((entry) => entry.warehouseId === "WH-MI")?.levels ?? [];
          return levels.find(([held]) => held === sku)?.[1] ?? 0;
        },
        stop: () => erp.close(),
      };
    },
  },
  {
    name: "Tryton 6.0",
    async start() {
      const tryton: TrytonServer = await startTryton();
      const adapter = new TrytonAdapter({ url: tryton.url, database: tryton.database, login: tryton.login, password: tryton.password });
      const [warehouse] = await adapter.listWarehouses();
      return {
        input: { kind: "tryton", url: tryton.url, database: tryton.database, login: tryton.login, secret: tryton.password },
        adapter,
        warehouseId: warehouse!.id,
        stockOf: async () => null,
        stop: () => tryton.stop(),
      };
    },
  },
];

let db: PrismaClient;
let env: TestAppEnvironment;
let shopify: ShopifyEmulator;
let routes: Awaited<ReturnType<typeof startRouteServer>>;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase("refunds");
  env = useTestAppEnvironment(databaseUrl, { apiSecret: randomBytes(16).toString("hex") });
  db = createPrismaClient(databaseUrl);
  routes = await startRouteServer();
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: env.apiKey, apiSecret: env.apiSecret, url: routes.url },
    shops: [DEMO_SHOP],
    webhookSubscriptions: webhookSubscriptionsFromToml(),
    eventSubscriptions: eventSubscriptionsFromToml(),
    webhookRetryDelaysMs: [200, 400],
  });
  await seedSandbox(db, env.encryptionKey, DEMO_SHOP);
  // An ERP computes a line's tax on its net, Shopify prorates the tax it charged: a refunded share may differ by a cent, as a sale may.
  await db.shopSettings.upsert({
    where: { shop },
    create: { shop, ordersToErp: "all", totalsTolerance: "0.01" },
    update: { ordersToErp: "all", totalsTolerance: "0.01" },
  });
}, 120_000);

afterAll(async () => {
  await shopify?.close();
  await routes?.close();
  await db?.$disconnect();
});

async function control(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${shopify.url}/_control${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${shopify.url}/admin/api/2026-07/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": DEMO_SHOP.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const REFUND_CREATE = `mutation Refund($input: RefundInput!) {
  refundCreate(input: $input) {
    refund { id totalRefundedSet { shopMoney { amount } } refundLineItems(first: 10) { nodes { quantity restockType subtotalSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } } } }
    userErrors { field message }
  }
}`;

interface RefundAnswer {
  refundCreate: {
    refund: {
      id: string;
      refundLineItems: { nodes: Array<{ subtotalSet: { shopMoney: { amount: string } }; totalTaxSet: { shopMoney: { amount: string } } }> };
    } | null;
    userErrors: Array<{ message: string }>;
  };
}

describe.each(ERPS)("refunds after export become credit notes in $name", (erpUnderTest) => {
  let erp: Awaited<ReturnType<ErpUnderTest["start"]>>;
  let erpId: ErpConnectionId;
  const box = () => new SecretBox(env.encryptionKey);
  const location = () => shopify.state.shop(shop)!.locations[0]!.id;

  beforeAll(async () => {
    erp = await erpUnderTest.start();
    // Each ERP on its own: links and connections of the one before are gone.
    await db.externalLink.deleteMany({ where: { shop } });
    await db.erpConnection.deleteMany({ where: { shop } });
    erpId = (await saveErpConnection(db, box(), shop, erp.input)).id;
    await db.erpConnection.update({ where: { id: erpId }, data: { refundsMode: "book" } });
    await db.posLocationStock.upsert({
      where: { shop_locationId: { shop, locationId: `gid://shopify/Location/${location()}` } },
      create: {
        shop,
        locationId: `gid://shopify/Location/${location()}`,
        locationName: "Main warehouse",
        source: "warehouse",
        warehouseId: erp.warehouseId,
      },
      update: { source: "warehouse", warehouseId: erp.warehouseId },
    });
  }, 180_000);
  afterAll(async () => {
    await erp?.stop();
  });

  /** Waits for Shopify's deliveries, then drains the inbox as the worker does (each order exported, its refunds settled). */
  async function drain(): Promise<void> {
    await shopify.webhooks.settled();
    const client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
    const deps = {
      db,
      shopify: async () => client,
      onOrderChanged: async (eventShop: typeof shop, orderId: string) => {
        await exportSnapshotToErp({ db, box: box(), shopify: async () => client }, eventShop, orderId);
      },
    };
    while ((await drainInboxBatch(deps, { batchSize: 50, concurrency: 4 })) > 0);
  }

  async function placeAndExport(order: Record<string, unknown>) {
    const placed = await control(`/shops/${shop}/orders`, order);
    await drain();
    const record = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: placed.id as string } } });
    expect(record.status).toBe("exported");
    return {
      id: placed.id as string,
      legacyId: placed.legacyResourceId as number,
      lineIds: (placed.lineItems as Array<{ id: number }> | undefined)?.map((l) => l.id),
      record,
    };
  }

  async function lineIdsOf(legacyId: number): Promise<number[]> {
    const order = shopify.state.shop(shop)!.orders.require(legacyId);
    return order.lineItems.map((line) => line.id);
  }

  async function refund(input: Record<string, unknown>) {
    const answer = await graphql<RefundAnswer>(REFUND_CREATE, { input });
    expect(answer.refundCreate.userErrors).toEqual([]);
    return answer.refundCreate.refund!;
  }

  async function creditNoteOf(orderId: string): Promise<{ records: Awaited<ReturnType<typeof db.refundRecord.findMany>>; notes: ErpCreditNote[] }> {
    const records = await db.refundRecord.findMany({ where: { shop, orderId }, orderBy: { refundedAt: "asc" } });
    const exported = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId } } });
    const notes: ErpCreditNote[] = [];
    for (const record of records) {
      const note = await erp.adapter.findCreditNoteByReference(`${exported.erpReference}/R${record.refundId.split("/").pop()}`);
      if (note) notes.push(note);
    }
    return { records, notes };
  }

  const coffee = { sku: "CAF-GRANI-1KG", title: "Caffè in grani 1 kg", quantity: 3, price: "18.90", taxLines: [{ title: "IVA", rate: 0.22 }] };
  const moka = { sku: "MOKA-3", title: "Moka 3 tazze", quantity: 1, price: "29.00", discount: "2.90", taxLines: [{ title: "IVA", rate: 0.22 }] };
  const buyer = (name: string) => ({
    customer: { email: `${name}@example.it`, firstName: "Cliente", lastName: name },
    shippingAddress: { firstName: "Cliente", lastName: name, address1: "Via Roma 1", city: "Milano", zip: "20121", countryCode: "IT" },
    shippingLines: [{ title: "Corriere", price: "5.90", taxLines: [{ title: "IVA", rate: 0.22 }] }],
    taxesIncluded: true,
  });

  it("a partial refund of one line, returned to stock: one credit note of 18.90 (IVA 3.41), the goods back in the mapped warehouse", async () => {
    const order = await placeAndExport({ ...buyer("parziale"), lines: [coffee, moka] });
    const before = await erp.stockOf("CAF-GRANI-1KG");
    const [coffeeLine] = await lineIdsOf(order.legacyId);
    await refund({
      orderId: order.id,
      note: "one bag came back",
      refundLineItems: [
        {
          lineItemId: `gid://shopify/LineItem/${coffeeLine}`,
          quantity: 1,
          restockType: "RETURN",
          locationId: `gid://shopify/Location/${location()}`,
        },
      ],
      transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "18.90" }],
    });
    await drain();
    const { records, notes } = await creditNoteOf(order.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: "booked", expectedTotal: "18.90", shopifyTotal: "18.90 EUR", totalsDiffer: false, reason: null });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ total: "18.90", tax: "3.41", currency: "EUR", number: records[0]!.creditNoteNumber });
    expect(notes[0]!.lines).toHaveLength(1);
    expect(notes[0]!.lines[0]).toMatchObject({ quantity: 1, restockWarehouseId: erp.warehouseId });
    if (before !== null) expect(await erp.stockOf("CAF-GRANI-1KG")).toBe(before + 1);
    // The sale keeps what was sold: the refund is the credit note's, not an edit of the sale.
    const sale = await erp.adapter.getSalesOrder(erpRecordId("sale", order.record.erpOrderId!));
    expect(sale!.lines.find((line) => line.description === coffee.title)?.quantity).toBe(3);
  });

  it("a refund of shipping only: one credit note on the shipping article, nothing back in stock", async () => {
    const order = await placeAndExport({ ...buyer("spedizione"), lines: [moka] });
    const before = await erp.stockOf("MOKA-3");
    await refund({
      orderId: order.id,
      shipping: { fullRefund: true },
      transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "5.90" }],
    });
    await drain();
    const { records, notes } = await creditNoteOf(order.id);
    expect(records[0]).toMatchObject({ status: "booked", expectedTotal: "5.90", totalsDiffer: false });
    expect(notes[0]).toMatchObject({ total: "5.90", tax: "1.06" });
    expect(notes[0]!.lines.map((line) => line.restockWarehouseId)).toEqual([null]);
    if (before !== null) expect(await erp.stockOf("MOKA-3")).toBe(before);
  });

  it("a full refund after fulfilment, goods not restocked: every line and the shipping, to the order's total", async () => {
    const order = await placeAndExport({ ...buyer("completo"), lines: [coffee, moka] });
    const fulfillmentOrder = shopify.state.shop(shop)!.orders.require(order.legacyId).fulfillmentOrderId;
    await graphql(
      `
        mutation F($fulfillment: FulfillmentInput!) {
          fulfillmentCreate(fulfillment: $fulfillment) {
            fulfillment {
              id
            }
            userErrors {
              message
            }
          }
        }
      `,
      { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fulfillmentOrder}` }] } },
    );
    const before = await erp.stockOf("CAF-GRANI-1KG");
    const [coffeeLine, mokaLine] = await lineIdsOf(order.legacyId);
    // 3 × 18.90 + (29.00 - 2.90) + 5.90 = 88.70, taxes included.
    await refund({
      orderId: order.id,
      refundLineItems: [
        { lineItemId: `gid://shopify/LineItem/${coffeeLine}`, quantity: 3, restockType: "NO_RESTOCK" },
        { lineItemId: `gid://shopify/LineItem/${mokaLine}`, quantity: 1, restockType: "NO_RESTOCK" },
      ],
      shipping: { fullRefund: true },
      transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "88.70" }],
    });
    await drain();
    const { records, notes } = await creditNoteOf(order.id);
    expect(records[0]).toMatchObject({ status: "booked", expectedTotal: "88.70", shopifyTotal: "88.70 EUR", totalsDiffer: false });
    // The ERP taxes each line's net itself: within the shop's cent of tolerance of what Shopify refunded, and kept as it computed it.
    expect(withinACent(notes[0]!.total, "88.70")).toBe(true);
    expect(records[0]!.erpTotal).toBe(notes[0]!.total);
    expect(notes[0]!.lines.every((line) => line.restockWarehouseId === null)).toBe(true);
    if (before !== null) expect(await erp.stockOf("CAF-GRANI-1KG")).toBe(before);
  });

  it("a refund delivered three times and out of order with the order's updates books one credit note", async () => {
    const order = await placeAndExport({ ...buyer("ripetuto"), lines: [coffee] });
    const [coffeeLine] = await lineIdsOf(order.legacyId);
    await control("/webhooks", { copies: 3 });
    await control("/webhooks", { hold: true });
    await refund({
      orderId: order.id,
      refundLineItems: [
        {
          lineItemId: `gid://shopify/LineItem/${coffeeLine}`,
          quantity: 2,
          restockType: "CANCEL",
          locationId: `gid://shopify/Location/${location()}`,
        },
      ],
      transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "37.80" }],
    });
    await control(`/shops/${shop}/orders/${order.legacyId}/update`, { note: "after the refund" });
    await control("/webhooks", { release: "reverse" });
    await drain();
    await control("/webhooks", { copies: 1 });
    const refundEvents = await db.webhookEvent.count({ where: { shop, topic: "REFUNDS_CREATE" } });
    expect(refundEvents).toBeGreaterThanOrEqual(1);
    const { records, notes } = await creditNoteOf(order.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: "booked", expectedTotal: "37.80", totalsDiffer: false });
    expect(notes).toHaveLength(1);
    expect(withinACent(notes[0]!.total, "37.80")).toBe(true);
    // The order's updates after the refund change nothing the refund does not explain: the order is not flagged.
    expect((await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } })).flag).toBeNull();
    // Settling again (a retry, another worker) finds the credit note and books nothing more.
    await control(`/shops/${shop}/orders/${order.legacyId}/update`, { note: "once more" });
    await drain();
    expect((await creditNoteOf(order.id)).notes).toHaveLength(1);
  });

  it("a refund whose webhooks never came is found by the reconciliation and booked with the order's next export", async () => {
    const order = await placeAndExport({ ...buyer("perso"), lines: [moka] });
    const [mokaLine] = await lineIdsOf(order.legacyId);
    await control("/webhooks", { enabled: false });
    await refund({
      orderId: order.id,
      refundLineItems: [{ lineItemId: `gid://shopify/LineItem/${mokaLine}`, quantity: 1, restockType: "NO_RESTOCK" }],
      transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "26.10" }],
    });
    await control("/webhooks", { enabled: true });
    expect(await db.refundRecord.count({ where: { shop, orderId: order.id } })).toBe(0);
    const client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
    await reconcileOrders(db, client, shop);
    expect(await ordersAwaitingExport(db, shop)).toContain(order.id);
    await exportSnapshotToErp({ db, box: box(), shopify: async () => client }, shop, order.id);
    const { records, notes } = await creditNoteOf(order.id);
    expect(records[0]).toMatchObject({ status: "booked", expectedTotal: "26.10", shopifyTotal: "26.10 EUR" });
    expect(notes).toHaveLength(1);
  });

  it("an item added to the order after a refund is not lost: the sale keeps what was sold and the order is flagged", async () => {
    const order = await placeAndExport({ ...buyer("aggiunto"), lines: [coffee] });
    const [coffeeLine] = await lineIdsOf(order.legacyId);
    await refund({
      orderId: order.id,
      refundLineItems: [{ lineItemId: `gid://shopify/LineItem/${coffeeLine}`, quantity: 1, restockType: "NO_RESTOCK" }],
      transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "18.90" }],
    });
    await drain();
    expect((await creditNoteOf(order.id)).notes).toHaveLength(1);
    // An edit in Shopify adds a moka (the emulator has no order editing: the edited order is written as its webhook would bring it).
    const held = await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
    const edited = orderFromSnapshot(held.order);
    const later = new Date(new Date(edited.updatedAt).getTime() + 60_000).toISOString();
    await recordOrderSnapshot(
      db,
      shop,
      {
        ...edited,
        updatedAt: later,
        lines: [
          ...edited.lines,
          { ...edited.lines[0]!, id: "gid://shopify/LineItem/999999" as never, sku: "MOKA-3", title: "Moka 3 tazze", quantity: 1, price: "29.00" },
        ],
      },
      "webhook",
    );
    const client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
    const outcome = await exportSnapshotToErp({ db, box: box(), shopify: async () => client }, shop, order.id);
    expect(outcome).toMatchObject({ status: "flagged" });
    const record = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
    expect(record.flag).toMatch(/^Changed in Shopify after a refund, beyond what the refund took back/);
    const sale = await erp.adapter.getSalesOrder(erpRecordId("sale", order.record.erpOrderId!));
    expect(sale!.lines.find((line) => line.description === coffee.title)?.quantity).toBe(3);
    expect(sale!.lines.some((line) => line.description === "Moka 3 tazze")).toBe(false);
  });

  it("a refund paid back in the buyer's currency (USD) on a EUR order is booked in EUR and says what the buyer got", async () => {
    const order = await placeAndExport({ ...buyer("dollari"), lines: [moka] });
    const [mokaLine] = await lineIdsOf(order.legacyId);
    // Shopify's refunds/create for a buyer who paid in dollars: shop money in EUR, presentment money and the transaction in USD.
    const bag = (eur: string, usd: string) => ({
      shop_money: { amount: eur, currency_code: "EUR" },
      presentment_money: { amount: usd, currency_code: "USD" },
    });
    const payload = {
      id: 7700 + order.legacyId,
      admin_graphql_api_id: `gid://shopify/Refund/${7700 + order.legacyId}`,
      order_id: order.legacyId,
      created_at: new Date(Date.now() + 1000).toISOString(),
      note: null,
      restock: false,
      refund_line_items: [
        {
          id: 1,
          quantity: 1,
          line_item_id: mokaLine,
          location_id: null,
          restock_type: "no_restock",
          subtotal_set: bag("26.10", "28.19"),
          total_tax_set: bag("4.71", "5.08"),
          line_item: {
            admin_graphql_api_id: `gid://shopify/LineItem/${mokaLine}`,
            title: moka.title,
            sku: moka.sku,
            quantity: 1,
            tax_lines: [{ title: "IVA", rate: 0.22, price_set: bag("4.71", "5.08") }],
          },
        },
      ],
      refund_shipping_lines: [],
      order_adjustments: [],
      transactions: [{ id: 1, kind: "refund", status: "success", amount: "28.19", currency: "USD" }],
    };
    const request = signedWebhookRequest({
      topic: "refunds/create",
      shop,
      payload,
      secret: env.apiSecret,
      url: `${routes.url}/webhooks/refunds/create`,
    });
    const answer = await fetch(request.url, { method: "POST", headers: request.headers, body: await request.text() });
    expect(answer.status).toBe(200);
    await drain();
    const { records, notes } = await creditNoteOf(order.id);
    expect(records[0]).toMatchObject({
      status: "booked",
      expectedTotal: "26.10",
      shopifyTotal: "28.19 USD",
      totalsDiffer: false,
      reason: "Booked in EUR; the buyer was refunded 28.19 USD.",
    });
    expect(notes[0]).toMatchObject({ currency: "EUR" });
    expect(withinACent(notes[0]!.total, "26.10")).toBe(true);
  });

  const admin: AdminGraphql = (query, variables) => graphql(query, variables ?? {});
  /** Ships the whole order, then makes a return of its first line (1 unit), exchanged for `exchangeSku` (1 unit) when given. */
  async function returnOfFirstLine(order: { id: string }, exchangeSku?: string) {
    const variant = exchangeSku ? [...shopify.state.shop(shop)!.catalog.variants.values()].find((v) => v.sku === exchangeSku)! : null;
    return shipAndReturnFirstLine(admin, order.id, variant ? `gid://shopify/ProductVariant/${variant.id}` : undefined);
  }

  /** Processes the whole return: the goods restocked at the mapped location, its exchange item if any, and `refund` sent back when given. */
  const processReturn = (made: MadeReturn, refund?: string) =>
    processWholeReturn(admin, made, { restockAt: `gid://shopify/Location/${location()}`, refund });

  it("a return closed with its goods restocked and nothing refunded brings them back into the warehouse, with a credit note of no money", async () => {
    const order = await placeAndExport({ ...buyer("reso"), lines: [moka] });
    const before = await erp.stockOf("MOKA-3");
    const made = await returnOfFirstLine(order);
    await processReturn(made);
    await drain();
    const record = await db.returnRecord.findUniqueOrThrow({ where: { shop_returnId: { shop, returnId: made.id } } });
    expect(record).toMatchObject({ status: "booked", reason: null });
    const note = await erp.adapter.findCreditNoteByReference(`${order.record.erpReference}/S${made.id.split("/").pop()}`);
    expect(note).toMatchObject({ total: "0.00", number: record.creditNoteNumber });
    expect(note!.lines.map((line) => [line.quantity, line.restockWarehouseId])).toEqual([[1, erp.warehouseId]]);
    if (before !== null) expect(await erp.stockOf("MOKA-3")).toBe(before + 1);
    // No refund, so no credit note of money.
    expect(await db.refundRecord.count({ where: { shop, orderId: order.id } })).toBe(0);
  });

  async function exchangeProduct(sku: string, price: string) {
    if ([...shopify.state.shop(shop)!.catalog.variants.values()].some((v) => v.sku === sku)) return;
    await control(`/shops/${shop}/products`, { title: `Moka ${sku}`, variants: [{ sku, price }] });
  }

  it("a return exchanged for a cheaper item: the new item is a sale of its own, the goods back a credit note, and the refund is the difference", async () => {
    await exchangeProduct("MOKA-1", "19.00");
    const order = await placeAndExport({ ...buyer("cambio"), lines: [{ ...moka, discount: undefined }] });
    const made = await returnOfFirstLine(order, "MOKA-1");
    await processReturn(made, "10.00");
    await drain();

    // The refund: the returned moka at its full 29.00, Shopify's 10.00 back being the moka less the new 19.00 item.
    const { records, notes } = await creditNoteOf(order.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: "booked", reason: null, totalsDiffer: false, shopifyTotal: "10.00 EUR" });
    expect(notes).toHaveLength(1);
    expect(withinACent(notes[0]!.total, "29.00")).toBe(true);
    // The exchange: a sale of the new item, linked to the order's sale by its reference; the goods back in the warehouse.
    const record = await db.returnRecord.findUniqueOrThrow({ where: { shop_returnId: { shop, returnId: made.id } } });
    expect(record).toMatchObject({ status: "booked", reason: null, exchangeExpectedTotal: "19.00" });
    const sale = await erp.adapter.findSalesOrderByReference(`${order.record.erpReference}/X${made.id.split("/").pop()}`);
    expect(sale).toMatchObject({
      number: record.exchangeSaleNumber,
      customerId: (await erp.adapter.getSalesOrder(erpRecordId("sale", order.record.erpOrderId!)))!.customerId,
    });
    expect(withinACent(sale!.total, "19.00")).toBe(true);
    expect(sale!.lines.map((line) => line.quantity)).toEqual([1]);
    const stock = await erp.adapter.findCreditNoteByReference(`${order.record.erpReference}/S${made.id.split("/").pop()}`);
    expect(stock).toMatchObject({ total: "0.00", number: record.creditNoteNumber });
    expect(stock!.lines.map((line) => [line.quantity, line.restockWarehouseId])).toEqual([[1, erp.warehouseId]]);
    // The order's sale keeps what was sold; the new line is the exchange's, not an edit to flag.
    const exported = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
    expect(exported.flag).toBeNull();
    const original = await erp.adapter.getSalesOrder(erpRecordId("sale", exported.erpOrderId!));
    expect(original!.lines.map((line) => line.description)).toEqual([moka.title, "Corriere"]);

    // Delivered again, nothing more is booked.
    await exportSnapshotToErp(
      { db, box: box(), shopify: async () => new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url }) },
      shop,
      order.id,
    );
    expect(await db.returnRecord.findUniqueOrThrow({ where: { shop_returnId: { shop, returnId: made.id } } })).toMatchObject({
      exchangeSaleNumber: record.exchangeSaleNumber,
      attempts: 1,
    });
  });

  it("a return exchanged for a dearer item with nothing refunded: the goods back at their value and the new item's sale, the buyer's difference between them", async () => {
    await exchangeProduct("MOKA-6", "39.00");
    const order = await placeAndExport({ ...buyer("scambio"), lines: [{ ...moka, discount: undefined }] });
    const made = await returnOfFirstLine(order, "MOKA-6");
    await processReturn(made);
    await drain();
    expect(await db.refundRecord.count({ where: { shop, orderId: order.id } })).toBe(0);
    const record = await db.returnRecord.findUniqueOrThrow({ where: { shop_returnId: { shop, returnId: made.id } } });
    expect(record).toMatchObject({ status: "booked", reason: null, exchangeExpectedTotal: "39.00" });
    const note = await erp.adapter.findCreditNoteByReference(`${order.record.erpReference}/S${made.id.split("/").pop()}`);
    // The moka back at what it was sold for (29.00 with IVA), into the warehouse.
    expect(withinACent(note!.total, "29.00")).toBe(true);
    expect(note!.lines.map((line) => [line.quantity, line.restockWarehouseId])).toEqual([[1, erp.warehouseId]]);
    const sale = await erp.adapter.findSalesOrderByReference(`${order.record.erpReference}/X${made.id.split("/").pop()}`);
    expect(withinACent(sale!.total, "39.00")).toBe(true);
    // 10.00 for the buyer to pay: the new sale less the credit.
    expect(amount(sale!.total).minus(note!.total).toFixed(2)).toBe("10.00");
    const exported = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
    expect(exported.flag).toBeNull();
    const original = await erp.adapter.getSalesOrder(erpRecordId("sale", exported.erpOrderId!));
    expect(original!.lines.map((line) => line.description)).toEqual([moka.title, "Corriere"]);
  });

  it("an exchange whose webhooks never came is found by the reconciliation and booked with the order's next export", async () => {
    await exchangeProduct("MOKA-1", "19.00");
    const order = await placeAndExport({ ...buyer("cambio-perso"), lines: [{ ...moka, discount: undefined }] });
    const made = await returnOfFirstLine(order, "MOKA-1");
    await drain();
    await control("/webhooks", { enabled: false });
    await processReturn(made);
    await control("/webhooks", { enabled: true });
    expect(await db.returnRecord.count({ where: { shop, returnId: made.id } })).toBe(0);
    const client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
    await reconcileOrders(db, client, shop);
    expect(await ordersAwaitingExport(db, shop)).toContain(order.id);
    await exportSnapshotToErp({ db, box: box(), shopify: async () => client }, shop, order.id);
    const record = await db.returnRecord.findUniqueOrThrow({ where: { shop_returnId: { shop, returnId: made.id } } });
    expect(record).toMatchObject({ status: "booked", exchangeExpectedTotal: "19.00" });
    expect(await erp.adapter.findSalesOrderByReference(`${order.record.erpReference}/X${made.id.split("/").pop()}`)).toMatchObject({
      number: record.exchangeSaleNumber,
    });
    expect((await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } })).flag).toBeNull();
  });

  it("with refunds set to be kept only, a refund after export is recorded with its money and the ERP gets nothing", async () => {
    await db.erpConnection.update({ where: { id: erpId }, data: { refundsMode: "record" } });
    try {
      const order = await placeAndExport({ ...buyer("registrato"), lines: [moka] });
      const [mokaLine] = await lineIdsOf(order.legacyId);
      await refund({
        orderId: order.id,
        refundLineItems: [{ lineItemId: `gid://shopify/LineItem/${mokaLine}`, quantity: 1, restockType: "NO_RESTOCK" }],
        transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "26.10" }],
      });
      await drain();
      const { records, notes } = await creditNoteOf(order.id);
      expect(records[0]).toMatchObject({ status: "recorded", expectedTotal: "26.10", shopifyTotal: "26.10 EUR", creditNoteNumber: null });
      expect(notes).toHaveLength(0);
    } finally {
      await db.erpConnection.update({ where: { id: erpId }, data: { refundsMode: "book" } });
    }
  });

  it("a refund made before the order was exported only changes the exported sale: no credit note", async () => {
    await control("/webhooks", { hold: true });
    const placed = await control(`/shops/${shop}/orders`, { ...buyer("prima"), lines: [coffee] });
    const [coffeeLine] = await lineIdsOf(placed.legacyResourceId as number);
    await refund({
      orderId: placed.id,
      refundLineItems: [
        {
          lineItemId: `gid://shopify/LineItem/${coffeeLine}`,
          quantity: 1,
          restockType: "CANCEL",
          locationId: `gid://shopify/Location/${location()}`,
        },
      ],
      transactions: [{ orderId: placed.id, kind: "REFUND", gateway: "manual", amount: "18.90" }],
    });
    await control("/webhooks", { release: "original" });
    await drain();
    const { records, notes } = await creditNoteOf(placed.id as string);
    expect(records).toHaveLength(1);
    expect(records[0]!.status).toBe("in-sale");
    expect(notes).toHaveLength(0);
    const exported = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: placed.id as string } } });
    const sale = await erp.adapter.getSalesOrder(erpRecordId("sale", exported.erpOrderId!));
    expect(sale!.lines.find((line) => line.description === coffee.title)?.quantity).toBe(2);
  });
});
