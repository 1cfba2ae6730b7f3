// GIVEN 23 real Shopify orders captured from live stores and published in public repositories
//       (test/fixtures/shopify-orders: CAD with GST + QST, PLN with 23% VAT, HKD with discount codes, JPY with
//       no decimals, AUD with GST added and included; draft and app orders without a customer; a custom line), the app's webhook
//       route, a real worker, the HTTP ERP emulator and a real Tryton 6.0, each ERP shared by two stores
// WHEN each order is delivered as a signed orders/create webhook to each store
// THEN each becomes exactly one ERP sale whose total and tax, as the ERP computed them from the lines and taxes
//      it received, equal Shopify's current total and tax to the minor unit; two stores' #1001 are two sales,
//      and cancelling one leaves the other; an order without a customer, name or email goes to the anonymous
//      customer; custom lines to one service article
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import type { ErpConnector } from "../../app/services/erp/erp-connector";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { TrytonAdapter } from "../../app/services/erp/tryton/tryton.adapter.server";
import { format } from "../../app/services/money/money";
import { ANONYMOUS_CUSTOMER_NAME } from "../../app/services/sync/orders/export-order-to-erp.use-case.server";
import { erpReferenceFor } from "../../app/services/sync/orders/order-to-erp.mapper";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP, type ShopSeed } from "../../emulators/shopify/state";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { capturedOrders, type CapturedOrder } from "../support/captured-orders";
import { startRouteServer } from "../support/route-server";
import { signedWebhookRequest } from "../support/signed-webhook";
import { createTestDatabase } from "../support/test-database";
import { startTryton, type TrytonServer } from "../support/tryton-server";
import { startSandboxWorker, waitFor, type WorkerProcess } from "../support/worker-processes";
import { erpRecordId, type ShopDomain, shopDomain } from "../../app/services/ids";

let db: PrismaClient;
let env: TestAppEnvironment;
let shopify: ShopifyEmulator;
let routes: Awaited<ReturnType<typeof startRouteServer>>;
let httpErp: ErpEmulator;
let tryton: TrytonServer;
let worker: WorkerProcess;

const corpus = capturedOrders();

/** Each ERP serves two stores; a store never holds two orders of the same name (Shopify's names are unique in a store). */
const ERPS = ["http", "tryton"] as const;
type ErpName = (typeof ERPS)[number];
const storeDomain = (erp: ErpName, n: number) => shopDomain(`corpus-${erp}-${n}.myshopify.com`);
/** A store that sends only paid orders (the default), on the HTTP ERP. */
const PAID_ONLY_STORE = shopDomain("corpus-paid-only.myshopify.com");

function storesFor(orders: CapturedOrder[]): Map<CapturedOrder, number> {
  const names = [new Set<string>(), new Set<string>()];
  const placed = new Map<CapturedOrder, number>();
  for (const order of orders) {
    const n = names.findIndex((held) => !held.has(String(order.payload.name)));
    if (n < 0) throw new Error(`a third order named ${String(order.payload.name)} in the corpus: add a store`);
    names[n]!.add(String(order.payload.name));
    placed.set(order, n + 1);
  }
  return placed;
}
const storeOf = storesFor(corpus);

const shopSeed = (domain: string): ShopSeed => ({
  ...DEMO_SHOP,
  name: domain,
  myshopifyDomain: domain,
  accessToken: `shpat_${domain}`,
  locations: [{ name: "Main", isActive: true }],
});

async function deliver(shop: ShopDomain, topic: string, payload: unknown) {
  const response = await fetch(signedWebhookRequest({ topic, shop, payload, secret: env.apiSecret, url: `${routes.url}/webhooks/${topic}` }));
  expect(response.status).toBe(200);
}

const gid = (order: CapturedOrder) => String(order.payload.admin_graphql_api_id);
const exportOf = (shop: ShopDomain, order: CapturedOrder) => db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId: gid(order) } } });

let connectors: Record<ErpName, ErpConnector>;

beforeAll(async () => {
  const databaseUrl = await createTestDatabase("captured-orders");
  env = useTestAppEnvironment(databaseUrl, { apiSecret: randomBytes(16).toString("hex") });
  db = createPrismaClient(databaseUrl);
  routes = await startRouteServer();
  const shops = [...ERPS.flatMap((erp) => [1, 2].map((n) => shopSeed(storeDomain(erp, n)))), shopSeed(PAID_ONLY_STORE)];
  shopify = await startShopifyEmulator({ app: { name: "Ponte", apiKey: env.apiKey, apiSecret: env.apiSecret, url: routes.url }, shops });
  httpErp = await startErpEmulator({ apiKey: "corpus-erp-key" });
  tryton = await startTryton();
  connectors = {
    http: new HttpErpAdapter({ baseUrl: httpErp.url, apiKey: httpErp.apiKey }),
    tryton: new TrytonAdapter({ url: tryton.url, database: tryton.database, login: tryton.login, password: tryton.password }),
  };
  const box = new SecretBox(env.encryptionKey);
  for (const seed of shops) {
    await seedSandbox(db, env.encryptionKey, seed);
    const shop = shopDomain(seed.myshopifyDomain);
    const connection = !shop.includes("-tryton-")
      ? { kind: "http", url: httpErp.url, secret: httpErp.apiKey }
      : { kind: "tryton", url: tryton.url, database: tryton.database, login: tryton.login, secret: tryton.password };
    await saveErpConnection(db, box, shop, connection);
    // Draft orders are often "authorized" or "pending" when created: these stores send every order.
    if (shop !== PAID_ONLY_STORE)
      await db.shopSettings.upsert({ where: { shop }, create: { shop, ordersToErp: "all" }, update: { ordersToErp: "all" } });
  }
  worker = await startSandboxWorker("captured-orders-worker", { databaseUrl, encryptionKey: env.encryptionKey, shopifyUrl: shopify.url });
}, 240_000);

afterAll(async () => {
  await worker?.terminate();
  await shopify?.close();
  await routes?.close();
  await httpErp?.close();
  await tryton?.stop();
  await db?.$disconnect();
});

describe("real orders captured from live stores, booked in the ERP", () => {
  it("the corpus holds at least 15 orders from at least 5 sources, in several currencies (one without decimals), with taxes added and included", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
    expect(new Set(corpus.map((order) => order.source.split("#")[0])).size).toBeGreaterThanOrEqual(5);
    expect(new Set(corpus.map((order) => order.payload.currency))).toEqual(new Set(["CAD", "PLN", "HKD", "JPY", "AUD"]));
    expect(new Set(corpus.map((order) => order.payload.taxes_included))).toEqual(new Set([true, false]));
  });

  it("books every order once in each ERP, with the ERP's total and tax equal to Shopify's to the minor unit", async () => {
    for (const erp of ERPS) for (const order of corpus) await deliver(storeDomain(erp, storeOf.get(order)!), "orders/create", order.payload);

    const expected = corpus.length * ERPS.length;
    const rows = await waitFor(
      () => db.orderExport.findMany({ where: { shop: { startsWith: "corpus-" }, NOT: { shop: PAID_ONLY_STORE } } }),
      (found) => found.length === expected && found.every((row) => row.status === "exported" || row.status === "failed"),
      240_000,
      `the export of ${expected} orders`,
    );
    const failed = rows.filter((row) => row.status !== "exported").map((row) => `${row.shop} ${row.orderName}: ${row.reason}`);
    expect(failed).toEqual([]);

    for (const erp of ERPS) {
      for (const order of corpus) {
        const shop = storeDomain(erp, storeOf.get(order)!);
        const currency = String(order.payload.currency);
        // Orders captured before Shopify added the current_* fields (2020) have only total_price and total_tax.
        const shopifyTotal = format(String(order.payload.current_total_price ?? order.payload.total_price), currency);
        const shopifyTax = format(String(order.payload.current_total_tax ?? order.payload.total_tax), currency);
        const row = await exportOf(shop, order);
        expect({ source: order.source, erp, total: row?.erpTotal, tax: row?.erpTax, differs: row?.totalsDiffer, flag: row?.flag }).toEqual({
          source: order.source,
          erp,
          total: shopifyTotal,
          tax: shopifyTax,
          differs: false,
          flag: null,
        });
        // Read back from the ERP itself, by the reference that names the store.
        const sale = await connectors[erp].findSalesOrderByReference(erpReferenceFor(shop, { name: String(order.payload.name) }));
        expect({ source: order.source, erp, id: sale?.id, total: sale?.total, tax: sale?.tax, currency: sale?.currency }).toEqual({
          source: order.source,
          erp,
          id: row!.erpOrderId,
          total: shopifyTotal,
          tax: shopifyTax,
          currency,
        });
      }
    }
    // One sale per order in the HTTP ERP, none twice.
    expect([...httpErp.books.salesOrders.values()].filter((sale) => !sale.reference.startsWith("corpus-paid-only"))).toHaveLength(corpus.length);
  }, 300_000);

  it("sends orders with no customer, no name and no email to each ERP's one anonymous customer, and custom lines to one service article", async () => {
    const anonymous = corpus.find(
      (order) => order.payload.customer === null && !order.payload.email && !order.payload.billing_address && !order.payload.shipping_address,
    )!;
    expect(anonymous).toBeDefined();
    const row = await exportOf(storeDomain("http", storeOf.get(anonymous)!), anonymous);
    const sale = httpErp.books.salesOrders.get(row!.erpOrderId!)!;
    expect(httpErp.books.customers.get(sale.customerId)?.name).toBe(ANONYMOUS_CUSTOMER_NAME);
    const anonymousCustomers = [...httpErp.books.customers.values()].filter((customer) => customer.name === ANONYMOUS_CUSTOMER_NAME);
    // Each store has its own ERP connection, and so its own anonymous customer.
    expect(anonymousCustomers.length).toBeLessThanOrEqual(2);

    const withCustomLine = corpus.find((order) =>
      (order.payload.line_items as Array<Record<string, unknown>>).some((line) => !line.product_id && !line.variant_id && !line.sku),
    )!;
    const customRow = await exportOf(storeDomain("http", storeOf.get(withCustomLine)!), withCustomLine);
    const customSale = httpErp.books.salesOrders.get(customRow!.erpOrderId!)!;
    const customArticle = [...httpErp.books.articles.values()].find((article) => article.sku === "PONTE-CUSTOM");
    expect(customSale.lines.some((line) => line.articleId === customArticle?.id && line.description === "Purple Shirt")).toBe(true);
    // An address whose whole street is its second line keeps it (a real Australian order).
    const percy = corpus.find((order) => order.payload.name === "#BHQ1952")!;
    const percyRow = await exportOf(storeDomain("http", storeOf.get(percy)!), percy);
    const percyCustomer = httpErp.books.customers.get(httpErp.books.salesOrders.get(percyRow!.erpOrderId!)!.customerId)!;
    expect(percyCustomer.addresses).toContainEqual(
      expect.objectContaining({ street: "Chapman", street2: "39 Percy Crescent", provinceCode: "ACT", zip: "2611", countryCode: "AU" }),
    );
    // Never an article of its own for the one-off line.
    const customLineId = String((withCustomLine.payload.line_items as Array<Record<string, unknown>>).find((line) => !line.product_id)!.id);
    expect([...httpErp.books.articles.values()].map((article) => article.sku)).not.toContain(`SHOPIFY-${customLineId}`);
  });

  it("keeps two stores' #1001 apart on one ERP: two sales, and cancelling one leaves the other", async () => {
    const both = corpus.filter((order) => order.payload.name === "#1001");
    expect(both).toHaveLength(2);
    for (const erp of ERPS) {
      const [first, second] = await Promise.all(both.map((order) => exportOf(storeDomain(erp, storeOf.get(order)!), order)));
      expect(first!.erpOrderId).not.toBe(second!.erpOrderId);

      const cancelled = both[1]!;
      const shop = storeDomain(erp, storeOf.get(cancelled)!);
      const later = new Date(Date.parse(String(cancelled.payload.updated_at)) + 60_000).toISOString();
      await deliver(shop, "orders/cancelled", { ...cancelled.payload, cancelled_at: later, updated_at: later, cancel_reason: "customer" });
      await waitFor(
        () => exportOf(shop, cancelled),
        (row) => row?.erpState === "cancelled",
        60_000,
        `the cancellation of ${shop} #1001`,
      );
      expect((await connectors[erp].getSalesOrder(erpRecordId("sale", first!.erpOrderId!)))?.state).not.toBe("cancelled");
      expect((await connectors[erp].getSalesOrder(erpRecordId("sale", second!.erpOrderId!)))?.state).toBe("cancelled");
    }
  }, 120_000);

  it("exports once, paid, an order whose orders/create (unpaid) and orders/paid carry the same updated_at, in either order", async () => {
    const unpaid = corpus.find((order) => order.payload.financial_status === "authorized")!;
    const paidBefore = corpus.find((order) => order.payload.financial_status === "paid" && order.payload.customer)!;
    const asPaid = (order: CapturedOrder) => ({ ...order.payload, financial_status: "paid" });
    const asPending = (order: CapturedOrder) => ({ ...order.payload, financial_status: "pending" });

    // Created unpaid, then paid: the payment, though no newer, is not lost.
    await deliver(PAID_ONLY_STORE, "orders/create", unpaid.payload);
    await waitFor(
      () => exportOf(PAID_ONLY_STORE, unpaid),
      (row) => row?.status === "waiting",
      60_000,
      "the unpaid order to wait for payment",
    );
    await deliver(PAID_ONLY_STORE, "orders/paid", asPaid(unpaid));
    // The paid delivery first, the unpaid creation after it (delivered late): the order stays paid and exported.
    await deliver(PAID_ONLY_STORE, "orders/paid", asPaid(paidBefore));
    await deliver(PAID_ONLY_STORE, "orders/create", asPending(paidBefore));

    for (const order of [unpaid, paidBefore]) {
      const row = await waitFor(
        () => exportOf(PAID_ONLY_STORE, order),
        (found) => found?.status === "exported",
        60_000,
        `the export of ${String(order.payload.name)}`,
      );
      expect(row).toMatchObject({ totalsDiffer: false });
      const snapshot = await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop: PAID_ONLY_STORE, orderId: gid(order) } } });
      expect(snapshot.financialStatus).toBe("PAID");
      const reference = erpReferenceFor(PAID_ONLY_STORE, { name: String(order.payload.name) });
      expect([...httpErp.books.salesOrders.values()].filter((sale) => sale.reference === reference)).toHaveLength(1);
    }
  }, 120_000);
});
