// GIVEN a real database and the generic HTTP ERP (emulator) behind Ponte's adapter
// WHEN orders are exported, repeated, raced, recovered after a crash, or not yet paid
// THEN each Shopify order makes exactly one ERP sale, with its customer (never duplicated) and articles
import { testOrder } from "../support/order-builder";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RetryableError } from "../../app/services/errors";
import { ErpRefusedError } from "../../app/services/erp/erp-connector";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { ANONYMOUS_CUSTOMER_NAME, exportOrderToErp } from "../../app/services/sync/orders/export-order-to-erp.use-case.server";
import { erpReferenceFor } from "../../app/services/sync/orders/order-to-erp.mapper";
import type { ShopifyOrder, ShopifyOrderInput } from "../../app/services/shopify/shopify-order";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { createTestDatabase } from "../support/test-database";
import { prepareDatabase } from "../../app/services/database/prepare-database.server";
import type { LinkedSystem } from "../../app/services/bindings/binder.server";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";
import { exportContextStatement, readExportContext, readLinks, serviceArticleLinkKey } from "../../app/services/sync/orders/export-context.server";
import { erpConnectionId, shopDomain } from "../../app/services/ids";

const shop = shopDomain("export.myshopify.com");
let db: PrismaClient;
let url: string;
let erpEmulator: ErpEmulator;
const deps = () => ({ db, erpId: erpConnectionId("main"), erp: new HttpErpAdapter({ baseUrl: erpEmulator.url, apiKey: erpEmulator.apiKey }) });

function shopifyOrder(change: Partial<ShopifyOrderInput> = {}): ShopifyOrder {
  return testOrder(
    "E",
    {
      email: "giulia@example.it",
      customer: { id: "gid://shopify/Customer/77", email: "giulia@example.it", firstName: "Giulia", lastName: "Rossi" },
      shippingAddress: { name: "Giulia Rossi", address1: "Via Torino 12", city: "Milano", zip: "20123", countryCode: "IT" },
      ...change,
    },
    [
      { sku: "CAF-1KG", title: "Caffè 1 kg", quantity: 2, price: "18.90", variantId: "gid://shopify/ProductVariant/5" },
      { sku: null, title: "A product since deleted", quantity: 1, price: "3.00" },
    ],
  );
}

beforeAll(async () => {
  url = await createTestDatabase("export");
  db = createPrismaClient(url);
  erpEmulator = await startErpEmulator({ apiKey: "erp-export-key" });
});
afterAll(async () => {
  await erpEmulator.close();
  await db.$disconnect();
});

/** Every statement sent to PostgreSQL (by Prisma and by the lock connections, both on pg) until stop(). */
function countStatements(): { texts: string[]; stop(): void } {
  const texts: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    texts.push(String(typeof first === "string" ? first : first?.text).trim());
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { texts, stop: () => void (pg.Client.prototype.query = original) };
}

/** The sales made for an order: its reference names the store and the order. */
const salesFor = (order: { name: string }) => [...erpEmulator.books.salesOrders.values()].filter((o) => o.reference === erpReferenceFor(shop, order));

describe("exporting Shopify orders to the ERP", () => {
  it("makes one sale with a new customer (with address), and articles created for unknown SKUs and deleted products", async () => {
    const order = shopifyOrder();
    const outcome = await exportOrderToErp(deps(), shop, order);
    expect(outcome).toMatchObject({ status: "exported", recovered: false });
    const [sale] = salesFor(order);
    expect(sale).toMatchObject({
      currency: "EUR",
      total: "40.80",
      lines: [
        { quantity: 2, unitPrice: "18.90" },
        { quantity: 1, unitPrice: "3.00" },
      ],
    });
    const customer = erpEmulator.books.customers.get(sale!.customerId)!;
    expect(customer).toMatchObject({
      name: "Giulia Rossi",
      email: "giulia@example.it",
      externalRef: "gid://shopify/Customer/77",
      addresses: [{ city: "Milano", countryCode: "IT" }],
    });
    expect([...erpEmulator.books.articles.values()].map((a) => a.sku).sort()).toEqual(
      ["CAF-1KG", `SHOPIFY-${order.lines[1]!.id.split("/").pop()}`].sort(),
    );
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } })).toMatchObject({
      status: "exported",
      erpNumber: sale!.number,
      attempts: 1,
    });
  });

  it("exports the same order once, however often it is asked", async () => {
    const order = shopifyOrder();
    await exportOrderToErp(deps(), shop, order);
    expect(await exportOrderToErp(deps(), shop, order)).toMatchObject({ status: "already-exported" });
    expect(await exportOrderToErp(deps(), shop, order)).toMatchObject({ status: "already-exported" });
    expect(salesFor(order)).toHaveLength(1);
  });

  it("matches the known customer and the existing article: nothing duplicated", async () => {
    const customersBefore = erpEmulator.books.customers.size;
    const articlesBefore = erpEmulator.books.articles.size;
    await exportOrderToErp(
      deps(),
      shop,
      shopifyOrder({
        lines: [
          {
            id: "gid://shopify/LineItem/999",
            sku: "CAF-1KG",
            title: "Caffè 1 kg",
            quantity: 1,
            price: "18.90",
            discount: "0",
            taxes: [],
            variantId: "gid://shopify/ProductVariant/5",
          },
        ],
      }),
    );
    expect(erpEmulator.books.customers.size).toBe(customersBefore);
    expect(erpEmulator.books.articles.size).toBe(articlesBefore);
  });

  it("creates a new customer with both its shipping and its billing address", async () => {
    const office = { name: "Studio Verdi", address1: "Piazza Duomo 1", city: "Milano", zip: "20121", countryCode: "IT" };
    const order = shopifyOrder({
      email: "luca@example.it",
      customer: { id: "gid://shopify/Customer/501", email: "luca@example.it", firstName: "Luca", lastName: "Verdi" },
      billingAddress: office,
    });
    const sale = (await exportOrderToErp(deps(), shop, order)) as { erpOrderId: string };
    const customer = erpEmulator.books.customers.get(erpEmulator.books.salesOrders.get(sale.erpOrderId)!.customerId)!;
    // The billing address is the invoice address, the shipping address the delivery address.
    expect(customer.addresses.map((a) => [a.street, a.invoice, a.delivery])).toEqual([
      ["Piazza Duomo 1", true, false],
      ["Via Torino 12", false, true],
    ]);
  });

  it("matches a guest checkout by email", async () => {
    const before = erpEmulator.books.customers.size;
    const guest = shopifyOrder({ customer: null, email: "giulia@example.it" });
    await exportOrderToErp(deps(), shop, guest);
    expect(erpEmulator.books.customers.size).toBe(before);
    expect(salesFor(guest)[0]!.customerId).toBe([...erpEmulator.books.customers.values()].find((c) => c.email === "giulia@example.it")!.id);
  });

  it("recovers after a crash between the ERP's answer and our commit: the sale is found by reference, not made again", async () => {
    const order = shopifyOrder();
    // The ERP made the sale, but Ponte died before recording it.
    const erp = deps().erp;
    const customer = await erp.createCustomer({ name: "Giulia Rossi", email: "x@example.it", externalRef: null, addresses: [] });
    const article = await erp.createArticle({ sku: "CRASH-1", name: "x", listPrice: "1.00" });
    await erp.createSalesOrder({
      reference: erpReferenceFor(shop, order),
      customerId: customer.id,
      currency: "EUR",
      lines: [{ articleId: article.id, description: "x", quantity: 1, unitPrice: "1.00" }],
      shippingAddress: null,
      note: null,
    });
    expect(await exportOrderToErp(deps(), shop, order)).toMatchObject({ status: "exported", recovered: true });
    expect(salesFor(order)).toHaveLength(1);
  });

  it("makes one sale when two workers race on one order", async () => {
    const order = shopifyOrder();
    erpEmulator.faults.latencyMs = 150;
    const results = await Promise.allSettled([exportOrderToErp(deps(), shop, order), exportOrderToErp(deps(), shop, order)]);
    erpEmulator.faults.latencyMs = 0;
    expect(salesFor(order)).toHaveLength(1);
    const failures = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(failures.every((e) => e instanceof RetryableError)).toBe(true);
  });

  it("holds no database transaction open while the ERP answers, only the order's advisory lock, and lets it go after", async () => {
    const order = shopifyOrder();
    erpEmulator.faults.latencyMs = 400;
    const exporting = exportOrderToErp(deps(), shop, order);
    const seen: Array<{ openTransactions: number; advisoryLocks: number }> = [];
    try {
      for (let look = 0; look < 8; look++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const [row] = await db.$queryRaw<Array<{ open: bigint; locks: bigint }>>`
          select (select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%') as open,
                 (select count(*) from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())) as locks`;
        seen.push({ openTransactions: Number(row!.open), advisoryLocks: Number(row!.locks) });
      }
    } finally {
      erpEmulator.faults.latencyMs = 0;
    }
    expect(await exporting).toMatchObject({ status: "exported" });
    // Every look fell while an ERP call was under way (each takes 400 ms, an export makes several).
    expect(seen.every((look) => look.openTransactions === 0)).toBe(true);
    expect(seen.some((look) => look.advisoryLocks >= 1)).toBe(true);
    const [after] = await db.$queryRaw<
      Array<{ locks: bigint }>
    >`select count(*) as locks from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`;
    expect(Number(after!.locks)).toBe(0);
  });

  it("makes one customer and one article when two orders of a new customer, with a new SKU, are exported at once", async () => {
    const customer = { id: "gid://shopify/Customer/4242", email: "marco@example.it", firstName: "Marco", lastName: "Bianchi" };
    const line = {
      id: "",
      sku: "TAZZA-ROSSA",
      title: "Tazza rossa",
      quantity: 1,
      price: "9.00",
      discount: "0",
      taxes: [],
      variantId: "gid://shopify/ProductVariant/4242",
    };
    const orders = [1, 2].map((k) => shopifyOrder({ email: customer.email, customer, lines: [{ ...line, id: `gid://shopify/LineItem/4242${k}` }] }));
    // A guest checkout with the same email, at the same time: matched to the same ERP customer.
    orders.push(shopifyOrder({ email: customer.email, customer: null, lines: [{ ...line, id: "gid://shopify/LineItem/42423", variantId: null }] }));
    erpEmulator.faults.latencyMs = 100;
    const outcomes = await Promise.all(orders.map((order) => exportOrderToErp(deps(), shop, order))).finally(() => {
      erpEmulator.faults.latencyMs = 0;
    });
    expect(outcomes.map((o) => o.status)).toEqual(["exported", "exported", "exported"]);
    const customers = [...erpEmulator.books.customers.values()].filter((c) => c.email === customer.email);
    expect(customers).toHaveLength(1);
    expect([...erpEmulator.books.articles.values()].filter((a) => a.sku === line.sku)).toHaveLength(1);
    expect(orders.map((order) => salesFor(order)[0]?.customerId)).toEqual([customers[0]!.id, customers[0]!.id, customers[0]!.id]);
  });

  it("never sends a cancelled order, and holds an unpaid one until paid when only paid orders go", async () => {
    const cancelled = shopifyOrder({ cancelledAt: "2026-11-20T11:00:00.000Z" });
    expect(await exportOrderToErp(deps(), shop, cancelled)).toMatchObject({ status: "skipped" });
    const unpaid = shopifyOrder({ financialStatus: "PENDING" });
    expect(await exportOrderToErp(deps(), shop, unpaid)).toMatchObject({ status: "waiting" });
    expect(salesFor(cancelled).concat(salesFor(unpaid))).toHaveLength(0);
    expect(await exportOrderToErp(deps(), shop, { ...unpaid, financialStatus: "PAID" })).toMatchObject({ status: "exported" });
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: unpaid.id } } })).toMatchObject({
      status: "exported",
      attempts: 1,
    });
  });

  it("carries a later edit over to the ERP sale while it may change, and flags the order once it may not", async () => {
    const order = shopifyOrder();
    const exported = await exportOrderToErp(deps(), shop, order);
    const saleId = (exported as { erpOrderId: string }).erpOrderId;
    const moreCoffee = { ...order, updatedAt: "2026-11-20T12:00:00.000Z", lines: [{ ...order.lines[0]!, quantity: 5 }, order.lines[1]!] };
    expect(await exportOrderToErp(deps(), shop, moreCoffee)).toMatchObject({ status: "updated", erpOrderId: saleId });
    expect(erpEmulator.books.salesOrders.get(saleId)).toMatchObject({ total: "97.50", lines: [{ quantity: 5 }, { quantity: 1 }] });

    // a payment or a repeat of the same version changes nothing in the ERP
    expect(await exportOrderToErp(deps(), shop, { ...moreCoffee, updatedAt: "2026-11-20T12:30:00.000Z" })).toMatchObject({
      status: "already-exported",
    });
    expect(await exportOrderToErp(deps(), shop, moreCoffee)).toMatchObject({ status: "already-exported" });

    erpEmulator.books.ship(saleId, "BRT", "BRT-1");
    const lessCoffee = { ...moreCoffee, updatedAt: "2026-11-20T13:00:00.000Z", lines: [{ ...order.lines[0]!, quantity: 1 }] };
    const flagged = await exportOrderToErp(deps(), shop, lessCoffee);
    expect(flagged).toMatchObject({ status: "flagged" });
    expect(erpEmulator.books.salesOrders.get(saleId)).toMatchObject({ total: "97.50" });
    const record = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } });
    expect(record).toMatchObject({ status: "exported", flag: expect.stringContaining("can no longer be edited") });
    expect(salesFor(order)).toHaveLength(1);
  });

  it("cancels the ERP sale when the order is cancelled in Shopify after export, or flags it when the ERP refuses", async () => {
    const open = shopifyOrder();
    const openSale = (await exportOrderToErp(deps(), shop, open)) as { erpOrderId: string };
    expect(
      await exportOrderToErp(deps(), shop, { ...open, cancelledAt: "2026-11-20T11:00:00.000Z", updatedAt: "2026-11-20T11:00:00.000Z" }),
    ).toMatchObject({ status: "cancelled-in-erp" });
    expect(erpEmulator.books.salesOrders.get(openSale.erpOrderId)?.state).toBe("cancelled");
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: open.id } } })).toMatchObject({
      status: "exported",
      erpState: "cancelled",
      flag: null,
    });

    const invoiced = shopifyOrder();
    const invoicedSale = (await exportOrderToErp(deps(), shop, invoiced)) as { erpOrderId: string };
    erpEmulator.books.invoice(invoicedSale.erpOrderId);
    expect(
      await exportOrderToErp(deps(), shop, { ...invoiced, cancelledAt: "2026-11-20T11:00:00.000Z", updatedAt: "2026-11-20T11:00:00.000Z" }),
    ).toMatchObject({ status: "flagged" });
    expect(erpEmulator.books.salesOrders.get(invoicedSale.erpOrderId)?.state).toBe("invoiced");
    expect((await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: invoiced.id } } })).flag).toMatch(
      /Cancelled in Shopify/,
    );
  });

  it("costs an order whose customer and articles are known four statements, and looks a service article up in the ERP once, not per order", async () => {
    const calls: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      calls.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    const counted = { ...deps(), erp: new HttpErpAdapter({ baseUrl: erpEmulator.url, apiKey: erpEmulator.apiKey, fetch: recordingFetch }) };
    const withShipping = (name: string) =>
      testOrder(
        "RT",
        {
          name,
          email: "giulia@example.it",
          customer: { id: "gid://shopify/Customer/77", email: "giulia@example.it", firstName: "Giulia", lastName: "Rossi" },
          shippingLines: [{ title: "Corriere", price: "6.90", taxes: [] }],
        },
        [{ sku: "CAF-1KG", title: "Caffè 1 kg", quantity: 1, price: "18.90", variantId: "gid://shopify/ProductVariant/5" }],
      );
    expect(await exportOrderToErp(counted, shop, withShipping("#RT1"))).toMatchObject({ status: "exported" });
    expect(calls.filter((call) => call === "GET /articles")).toHaveLength(1); // SHIPPING, found or made once

    calls.length = 0;
    const statements = countStatements();
    try {
      expect(await exportOrderToErp(counted, shop, withShipping("#RT2"))).toMatchObject({ status: "exported" });
    } finally {
      statements.stop();
    }
    expect(calls).toEqual(["GET /sales-orders", "POST /sales-orders/check", "POST /sales-orders"]);
    expect(statements.texts.map((text) => text.split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "select pg_try_advisory_lock($1)", // the order's lock
      "SELECT (SELECT", // readExportContext: settings, record, links
      "WITH links", // recordSaleBooked: the links, the record, the totals check
      "select pg_advisory_unlock_all()",
    ]);
  });

  it("keeps a customer made in the ERP linked when the sale then fails, and finds one it lost the link to by the Shopify id it was made for", async () => {
    const order = shopifyOrder({
      name: "#KEEP1",
      email: null,
      customer: { id: "gid://shopify/Customer/4242", email: null, firstName: "Nadia", lastName: "Senza Email" },
    });
    const customersOf = () => [...erpEmulator.books.customers.values()].filter((c) => c.externalRef === "gid://shopify/Customer/4242");
    erpEmulator.faults.refuseSalesOrders = "sales are closed today";
    await expect(exportOrderToErp(deps(), shop, order)).rejects.toBeInstanceOf(Error);
    erpEmulator.faults.refuseSalesOrders = null;
    expect(customersOf()).toHaveLength(1);
    const link = { shop, system: "erp:main", entity: "customer", shopifyId: "gid://shopify/Customer/4242" };
    expect(await db.externalLink.findFirst({ where: link, select: { externalId: true } })).toEqual({ externalId: customersOf()[0]!.id });

    // A crash before the link was kept: the export finds the customer by the Shopify id it was made for.
    await db.externalLink.deleteMany({ where: link });
    expect(await exportOrderToErp(deps(), shop, order)).toMatchObject({ status: "exported" });
    expect(customersOf()).toHaveLength(1);
    expect(salesFor(order)).toHaveLength(1);
  });

  it("a retryable ERP failure leaves nothing half-done: the retry makes the one sale", async () => {
    const order = shopifyOrder();
    erpEmulator.faults.down = true;
    await expect(exportOrderToErp(deps(), shop, order)).rejects.toBeInstanceOf(RetryableError);
    erpEmulator.faults.down = false;
    expect(await exportOrderToErp(deps(), shop, order)).toMatchObject({ status: "exported" });
    expect(salesFor(order)).toHaveLength(1);
  });

  it("reads every sale back and flags an order the ERP booked with other money than Shopify (an ERP whose IVA is set up at 10%)", async () => {
    const taxed = { taxes: [{ title: "IVA", rate: "22", amount: "8.32" }] };
    const line = {
      id: "gid://shopify/LineItem/7001",
      sku: "CAF-1KG",
      title: "Caffè 1 kg",
      quantity: 2,
      price: "18.90",
      discount: "0",
      variantId: "gid://shopify/ProductVariant/5",
      ...taxed,
    };
    const order = shopifyOrder({ lines: [line], totals: { total: "46.12", tax: "8.32" } });
    // As Shopify charged it: the ERP agrees.
    expect(await exportOrderToErp(deps(), shop, order)).toMatchObject({
      status: "exported",
      totals: { differs: false, erpTotal: "46.12", erpTax: "8.32" },
    });

    erpEmulator.books.setup.taxRates = { IVA: "10" };
    try {
      const misbooked = shopifyOrder({ lines: [{ ...line, id: "gid://shopify/LineItem/7002" }], totals: { total: "46.12", tax: "8.32" } });
      expect(await exportOrderToErp(deps(), shop, misbooked)).toMatchObject({
        status: "exported",
        totals: { differs: true, erpTotal: "41.58", erpTax: "3.78" },
      });
      const record = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: misbooked.id } } });
      expect(record).toMatchObject({
        totalsDiffer: true,
        erpTotal: "41.58",
        shopifyTotal: "46.12",
        flag: expect.stringContaining("Booked with a difference: ERP 41.58, Shopify 46.12 EUR (tax: ERP 3.78, Shopify 8.32)"),
      });

      // A tolerance the merchant set lets a difference that small pass.
      await db.shopSettings.upsert({ where: { shop }, create: { shop, totalsTolerance: "5.00" }, update: { totalsTolerance: "5.00" } });
      const tolerated = shopifyOrder({ lines: [{ ...line, id: "gid://shopify/LineItem/7003" }], totals: { total: "46.12", tax: "8.32" } });
      expect(await exportOrderToErp(deps(), shop, tolerated)).toMatchObject({ totals: { differs: false } });
      expect((await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: tolerated.id } } })).flag).toBeNull();
    } finally {
      erpEmulator.books.setup.taxRates = {};
      await db.shopSettings.update({ where: { shop }, data: { totalsTolerance: "0.00" } });
    }
  });

  it("refuses an order the ERP cannot book (its currency) before making its customer or articles", async () => {
    const customersBefore = erpEmulator.books.customers.size;
    const articlesBefore = erpEmulator.books.articles.size;
    const order = shopifyOrder({
      currency: "XAF",
      email: "new-buyer@example.cm",
      customer: { id: "gid://shopify/Customer/88001", email: "new-buyer@example.cm", firstName: "Nouvel", lastName: "Acheteur" },
      lines: [
        {
          id: "gid://shopify/LineItem/88001",
          sku: "NEW-SKU-XAF",
          title: "Café",
          quantity: 1,
          price: "5000",
          discount: "0",
          taxes: [],
          variantId: null,
        },
      ],
    });
    const refused = await exportOrderToErp(deps(), shop, order).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ErpRefusedError);
    expect((refused as ErpRefusedError).code).toBe("cannot_book");
    expect(erpEmulator.books.customers.size).toBe(customersBefore);
    expect(erpEmulator.books.articles.size).toBe(articlesBefore);
    expect(salesFor(order)).toHaveLength(0);
  });

  it("sends orders with no customer, no name and no email to one anonymous customer; an empty email is no email", async () => {
    const anonymous = (n: number) =>
      shopifyOrder({
        email: "",
        customer: null,
        shippingAddress: null,
        billingAddress: null,
        lines: [
          {
            id: `gid://shopify/LineItem/8900${n}`,
            sku: "CAF-1KG",
            title: "Caffè",
            quantity: 1,
            price: "18.90",
            discount: "0",
            taxes: [],
            variantId: null,
          },
        ],
      });
    const first = (await exportOrderToErp(deps(), shop, anonymous(1))) as { erpOrderId: string };
    const second = (await exportOrderToErp(deps(), shop, anonymous(2))) as { erpOrderId: string };
    const customerOf = (saleId: string) => erpEmulator.books.customers.get(erpEmulator.books.salesOrders.get(saleId)!.customerId)!;
    expect(customerOf(first.erpOrderId).name).toBe(ANONYMOUS_CUSTOMER_NAME);
    expect(customerOf(second.erpOrderId).id).toBe(customerOf(first.erpOrderId).id);
  });

  it("books custom lines, gift cards and tips on one service article per kind, described by the line's title", async () => {
    const lines = [
      {
        id: "gid://shopify/LineItem/9101",
        sku: null,
        title: "Engraving: Giulia",
        kind: "custom",
        quantity: 1,
        price: "5.00",
        discount: "0",
        taxes: [],
        variantId: null,
      },
      {
        id: "gid://shopify/LineItem/9102",
        sku: null,
        title: "Gift card €25",
        kind: "gift_card",
        quantity: 1,
        price: "25.00",
        discount: "0",
        taxes: [],
        variantId: "gid://shopify/ProductVariant/9102",
      },
      {
        id: "gid://shopify/LineItem/9103",
        sku: null,
        title: "Tip",
        kind: "tip",
        quantity: 1,
        price: "2.00",
        discount: "0",
        taxes: [],
        variantId: null,
      },
    ];
    const first = (await exportOrderToErp(deps(), shop, shopifyOrder({ lines }))) as { erpOrderId: string };
    const articles = () => [...erpEmulator.books.articles.values()];
    const serviceIds = ["PONTE-CUSTOM", "PONTE-GIFT-CARD", "PONTE-TIP"].map((sku) => articles().find((a) => a.sku === sku)?.id);
    expect(erpEmulator.books.salesOrders.get(first.erpOrderId)!.lines.map((l) => [l.articleId, l.description])).toEqual([
      [serviceIds[0], "Engraving: Giulia"],
      [serviceIds[1], "Gift card €25"],
      [serviceIds[2], "Tip"],
    ]);
    const count = articles().length;
    await exportOrderToErp(deps(), shop, shopifyOrder({ lines: lines.map((l) => ({ ...l, id: `${l.id}9`, title: `${l.title} (again)` })) }));
    expect(articles().length).toBe(count);
  });

  it("reads an order's context by a few index probes however many links the shop has, in a database that sorts text by locale", async () => {
    // A managed PostgreSQL sorts text by a locale ("en_US.UTF-8"), where a LIKE on a prefix cannot use a plain index.
    const localeUrl = await createTestDatabase("export_locale", { collation: "C.utf8" });
    await prepareDatabase({ databaseUrl: localeUrl });
    const client = new pg.Client(poolConfigFromUrl(localeUrl));
    await client.connect();
    try {
      const big = shopDomain("many-links.myshopify.com");
      const system = "erp:main" as LinkedSystem;
      // Months of trading: 20,000 orders, 5,000 customers and 3,000 articles linked, and the shipping article.
      for (const [entity, prefix, count] of [
        ["order", "gid://shopify/Order/", 20_000],
        ["customer", "gid://shopify/Customer/", 5_000],
        ["article", "gid://shopify/ProductVariant/", 3_000],
      ] as const) {
        await client.query(
          `INSERT INTO "ExternalLink" (id, shop, system, entity, "shopifyId", "externalId")
           SELECT gen_random_uuid()::text, $1, $2, $3, $4 || n, $3 || '-' || n FROM generate_series(1, $5::int) n`,
          [big, system, entity, prefix, count],
        );
      }
      await client.query(
        `INSERT INTO "ExternalLink" (id, shop, system, entity, "shopifyId", "externalId") VALUES (gen_random_uuid()::text, $1, $2, 'article', $3, 'ship')`,
        [big, system, serviceArticleLinkKey("SHIPPING")],
      );
      await client.query(`ANALYZE`);
      const query = {
        shop: big,
        erpId: erpConnectionId("main"),
        system,
        orderId: "gid://shopify/Order/777",
        customerId: "gid://shopify/Customer/55",
        variantIds: ["gid://shopify/ProductVariant/12", "gid://shopify/ProductVariant/13"],
      };

      // What it finds: the order's sale, its customer, its two articles and the shipping article, and nothing else.
      const localeDb = createPrismaClient(localeUrl);
      try {
        const context = await readExportContext(localeDb, query);
        expect(context.sale).toBe("order-777");
        expect(context.customer).toBe("customer-55");
        expect(Object.fromEntries(context.articles)).toEqual({
          "gid://shopify/ProductVariant/12": "article-12",
          "gid://shopify/ProductVariant/13": "article-13",
          [serviceArticleLinkKey("SHIPPING")]: "ship",
        });
        const again = await readLinks(localeDb, {
          shop: big,
          system,
          customerId: null,
          articleKeys: ["gid://shopify/ProductVariant/99", serviceArticleLinkKey("SHIPPING")],
        });
        expect(Object.fromEntries(again.articles)).toEqual({
          "gid://shopify/ProductVariant/99": "article-99",
          [serviceArticleLinkKey("SHIPPING")]: "ship",
        });
      } finally {
        await localeDb.$disconnect();
      }

      // How: the plan a prepared statement keeps (the generic one), run, reads a few index pages, not the shop's links.
      const statement = exportContextStatement(query);
      await client.query("BEGIN");
      await client.query("SET LOCAL plan_cache_mode = force_generic_plan");
      await client.query(`PREPARE context_read AS ${statement.text}`);
      // EXPLAIN takes no bound values: each one written out as a literal.
      const literal = (value: unknown): string =>
        Array.isArray(value) ? `ARRAY[${value.map(literal).join(", ")}]::text[]` : value === null ? "NULL" : client.escapeLiteral(String(value));
      const { rows } = await client.query<{ "QUERY PLAN": Array<{ Plan: Record<string, unknown> }> }>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE context_read(${statement.values.map(literal).join(", ")})`,
      );
      await client.query("ROLLBACK");
      const plan = rows[0]!["QUERY PLAN"][0]!.Plan;
      const nodes = (node: Record<string, unknown>): Array<Record<string, unknown>> => [
        node,
        ...((node.Plans as Array<Record<string, unknown>> | undefined) ?? []).flatMap(nodes),
      ];
      const linkReads = nodes(plan).filter((node) => node["Relation Name"] === "ExternalLink");
      expect(linkReads.length).toBeGreaterThanOrEqual(3);
      for (const read of linkReads) {
        expect(read["Index Name"]).toBe("ExternalLink_shop_system_entity_shopifyId_key");
        expect(read["Rows Removed by Filter"] ?? 0).toBe(0);
      }
      expect(plan["Shared Hit Blocks"]).toBeLessThan(100);
    } finally {
      await client.end();
    }
  });
});
