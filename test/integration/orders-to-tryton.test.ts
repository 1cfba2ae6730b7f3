// GIVEN the Shopify emulator delivering signed webhooks to the app's routes, real worker processes,
//       and a real Tryton 6.0 behind a JSON-RPC proxy that can cut it off or hold a call
// WHEN orders are placed, delivered 3 times, raced by two workers, exported while a worker is killed,
//      or placed while the ERP is down
// THEN each Shopify order becomes exactly one Tryton sale with the right party, address, lines and totals
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { TrytonAdapter } from "../../app/services/erp/tryton/tryton.adapter.server";
import { erpReferenceFor } from "../../app/services/sync/orders/order-to-erp.mapper";
import { eventSubscriptionsFromToml, webhookSubscriptionsFromToml } from "../../emulators/shopify/app-config";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { startRouteServer } from "../support/route-server";
import { startRpcProxy, type RpcProxy } from "../support/rpc-proxy";
import { createTestDatabase } from "../support/test-database";
import { invoiceInTryton, shipInTryton, startTryton, type TrytonServer } from "../support/tryton-server";
import { startSandboxWorker, waitFor, type WorkerProcess } from "../support/worker-processes";
import { erpRecordId, shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
let db: PrismaClient;
let env: TestAppEnvironment;
let emulator: ShopifyEmulator;
let routes: Awaited<ReturnType<typeof startRouteServer>>;
let tryton: TrytonServer;
let proxy: RpcProxy;
let erp: TrytonAdapter;
let queue: Agenda;
let databaseUrl: string;
const workers: WorkerProcess[] = [];

interface CreatedOrder {
  id: string;
  name: string;
  legacyResourceId: number;
}

async function control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emulator.url}/_control${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<T>;
}

async function startWorker(id: string): Promise<WorkerProcess> {
  const worker = await startSandboxWorker(id, {
    databaseUrl,
    encryptionKey: env.encryptionKey,
    shopifyUrl: emulator.url,
    env: { PONTE_EXPORT_LOCK_MS: "4000", PONTE_ERP_PROBE_MS: "3000" },
  });
  workers.push(worker);
  return worker;
}

const placeOrder = (who: string, lines = [{ sku: "CAF-GRANI-1KG", title: "Caffè in grani 1 kg", quantity: 2, price: "18.90" }]) =>
  control<CreatedOrder>(`/shops/${shop}/orders`, {
    customer: { email: `${who}@example.it`, firstName: "Giulia", lastName: who },
    shippingAddress: { firstName: "Giulia", lastName: who, address1: "Via Torino 12", city: "Milano", zip: "20123", countryCode: "IT" },
    lines,
    note: `order of ${who}`,
  });

const exportOf = (orderId: string) => db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId } } });
const exported = (order: CreatedOrder, timeoutMs = 60_000) =>
  waitFor(
    () => exportOf(order.id),
    (row) => row?.status === "exported",
    timeoutMs,
    `export of ${order.name}`,
  );
/** The reference names the store and the order. */
const referenceOf = (order: { name: string }) => erpReferenceFor(shop, order);
const salesWithReference = (reference: string) => erp.rpc.model<number[]>("sale.sale", "search", [["reference", "=", reference]], 0, null, null);

beforeAll(async () => {
  databaseUrl = await createTestDatabase("orders-tryton");
  env = useTestAppEnvironment(databaseUrl, { apiSecret: randomBytes(16).toString("hex") });
  db = createPrismaClient(databaseUrl);
  routes = await startRouteServer();
  emulator = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: env.apiKey, apiSecret: env.apiSecret, url: routes.url },
    shops: [DEMO_SHOP],
    webhookSubscriptions: webhookSubscriptionsFromToml(),
    eventSubscriptions: eventSubscriptionsFromToml(),
    webhookRetryDelaysMs: [200, 400],
  });
  await seedSandbox(db, env.encryptionKey, DEMO_SHOP);
  tryton = await startTryton();
  proxy = await startRpcProxy(tryton.url);
  erp = new TrytonAdapter({ url: tryton.url, database: tryton.database, login: tryton.login, password: tryton.password });
  await saveErpConnection(db, new SecretBox(env.encryptionKey), shop, {
    kind: "tryton",
    url: proxy.url,
    database: tryton.database,
    login: tryton.login,
    secret: tryton.password,
  });
  queue = createAgenda({ databaseUrl, name: "orders-tryton-test" });
  await queue.ready;
  await startWorker("tryton-worker-a");
}, 240_000);

afterAll(async () => {
  if (process.env.PONTE_TEST_WORKER_LOG)
    for (const worker of workers)
      (await import("node:fs")).appendFileSync(process.env.PONTE_TEST_WORKER_LOG, `=== ${worker.id}\n${worker.output()}\n`);
  for (const worker of workers) await worker.terminate();
  await queue?.stop(true).catch(() => {});
  await proxy?.close();
  await tryton?.stop();
  await emulator?.close();
  await routes?.close();
  await db?.$disconnect();
});

describe("Shopify orders into a real Tryton, exactly once", () => {
  it("turns an order delivered by webhook into a Tryton sale with its party, address, lines and totals; an unknown SKU gets an article", async () => {
    const order = await placeOrder("bianchi", [
      { sku: "CAF-GRANI-1KG", title: "Caffè in grani 1 kg", quantity: 2, price: "18.90" },
      { sku: "GIFT-BOX-XL", title: "Confezione regalo", quantity: 1, price: "6.50" },
    ]);
    const record = await exported(order);
    const sale = (await erp.findSalesOrderByReference(referenceOf(order)))!;
    expect(sale).toMatchObject({ id: record!.erpOrderId, number: record!.erpNumber, reference: referenceOf(order), currency: "EUR", total: "44.30" });
    expect(sale.lines.map((l) => [l.description, l.quantity, l.unitPrice])).toEqual([
      ["Caffè in grani 1 kg", 2, "18.90"],
      ["Confezione regalo", 1, "6.50"],
    ]);
    // the known SKU is the bootstrap's product; the unknown one was created, coded by its SKU
    expect(await erp.findArticleBySku("CAF-GRANI-1KG")).toMatchObject({ id: sale.lines[0]!.articleId, name: "Caffè in grani 1 kg" });
    expect(await erp.findArticleBySku("GIFT-BOX-XL")).toMatchObject({ id: sale.lines[1]!.articleId, name: "Confezione regalo" });
    const party = (await erp.findCustomer({ email: "bianchi@example.it" }))!;
    expect(party).toMatchObject({ id: sale.customerId, name: "Giulia bianchi", externalRef: expect.stringMatching(/^gid:\/\/shopify\/Customer\//) });
    expect(party.addresses).toContainEqual(
      expect.objectContaining({ name: "Giulia bianchi", street: "Via Torino 12", city: "Milano", zip: "20123", countryCode: "IT" }),
    );
  });

  it("carries a discount, tax included in the prices and shipping as a line into the Tryton sale, with Tryton's own 22% tax", async () => {
    const order = await control<CreatedOrder>(`/shops/${shop}/orders`, {
      customer: { email: "iva@example.it", firstName: "Ivo", lastName: "Valli" },
      taxesIncluded: true,
      lines: [
        {
          sku: "CAF-MOKA-250",
          title: "Caffè macinato moka",
          quantity: 4,
          price: "5.49",
          discount: "2.20",
          taxLines: [{ title: "IVA 22%", rate: 0.22 }],
        },
      ],
      shippingLines: [{ title: "Corriere espresso", price: "7.32", taxLines: [{ title: "IVA 22%", rate: 0.22 }] }],
    });
    await exported(order);
    const sale = (await erp.findSalesOrderByReference(referenceOf(order)))!;
    // Shopify's total: 4 × 5.49 − 2.20 + 7.32 = 27.08 with tax; Tryton recomputes it from net prices and its own tax.
    expect(Math.abs(Number(sale.total) - 27.08)).toBeLessThanOrEqual(0.02);
    expect(sale.lines.map((l) => [l.description, l.quantity, l.unitPrice])).toEqual([
      ["Caffè macinato moka", 4, "4.05"],
      ["Corriere espresso", 1, "6.00"],
    ]);
    expect(await erp.findArticleBySku("SHIPPING")).toMatchObject({ id: sale.lines[1]!.articleId, name: "Shipping" });
    const taxes = await erp.rpc.model<Array<{ taxes: number[] }>>("sale.line", "search_read", [["sale", "=", Number(sale.id)]], 0, null, null, [
      "taxes",
    ]);
    const [vat] = await erp.rpc.model<number[]>("account.tax", "search", [["name", "=", "IVA 22%"]], 0, 1, null);
    expect(taxes.map((line) => line.taxes)).toEqual([[vat], [vat]]);
  });

  it("makes one sale of an order whose webhooks arrive three times", async () => {
    await emulator.webhooks.settled();
    const before = emulator.webhooks.attempts.length;
    await control("/webhooks", { copies: 3 });
    const order = await placeOrder("thrice");
    await emulator.webhooks.settled();
    await control("/webhooks", { copies: 1 });
    expect(emulator.webhooks.attempts.slice(before).filter((a) => a.topic === "orders/create" && a.status === 200)).toHaveLength(3);
    await exported(order);
    expect(await salesWithReference(referenceOf(order))).toHaveLength(1);
  });

  it("makes one sale when the worker is killed after Tryton made it but before Ponte recorded it, and another worker takes over", async () => {
    const held = proxy.hold("model.sale.sale.quote", "after-erp");
    const order = await placeOrder("killed");
    await held.reached;
    // Tryton has the sale; the worker has not heard back. Kill it there.
    const victim = workers.find((w) => w.child.exitCode === null)!;
    victim.child.kill("SIGKILL");
    await new Promise((resolve) => victim.child.once("exit", resolve));
    held.release();
    expect(await salesWithReference(referenceOf(order))).toHaveLength(1);
    expect((await exportOf(order.id))?.status).not.toBe("exported");

    await startWorker("tryton-worker-b");
    const record = await exported(order, 90_000);
    expect(await salesWithReference(referenceOf(order))).toEqual([Number(record!.erpOrderId)]);
  });

  it("makes one sale when two workers take the same order at once", async () => {
    await startWorker("tryton-worker-c");
    const held = proxy.hold("model.sale.sale.create", "before-erp");
    const order = await placeOrder("raced");
    await held.reached;
    // One worker is inside the export, holding the order; two more runs of it are queued for any worker.
    await queue.now(JobNames.exportOrder, { shop, orderId: order.id });
    await queue.now(JobNames.exportOrder, { shop, orderId: order.id });
    const busy = await waitFor(
      async () => (await queue.queryJobs({ name: JobNames.exportOrder })).jobs.filter((job) => /another worker/.test(job.failReason ?? "")),
      (jobs) => jobs.length > 0,
      60_000,
      "a second run to find the order busy",
    );
    expect(busy.length).toBeGreaterThan(0);
    held.release();
    await exported(order);
    await waitFor(
      async () => (await queue.queryJobs({ name: JobNames.exportOrder, data: { orderId: order.id } })).jobs.map((job) => job.state),
      // A run that completes is removed from the job store (removeOnComplete): finished means none is left waiting or running.
      (states) => states.every((state) => state === "completed"),
      60_000,
      "every run of the raced order to finish",
    );
    expect(await salesWithReference(referenceOf(order))).toHaveLength(1);
  });

  it("keeps orders placed while Tryton is down, with the reason, and makes their sales once it is back", async () => {
    proxy.setDown(true);
    const orders = [await placeOrder("down1"), await placeOrder("down2")];
    for (const order of orders) {
      const record = await waitFor(
        () => exportOf(order.id),
        (row) => row?.status === "retrying",
        60_000,
        `${order.name} to be retrying`,
      );
      expect(record!.reason).toMatch(/Tryton at .* did not answer/);
    }
    proxy.setDown(false);
    for (const order of orders) {
      await exported(order, 120_000);
      expect(await salesWithReference(referenceOf(order))).toHaveLength(1);
    }
    // The test's own budget covers its waits above (2 x 60 s, then 2 x 120 s) rather than the 120 s default.
  }, 360_000);
});

interface EmulatedOrder {
  cancelled_at: string | null;
  tags: string;
  fulfillment_status: string | null;
  fulfillments: Array<{
    tracking: { company: string | null; number: string | null } | null;
    events?: Array<{ status: string; happenedAt: string }>;
  }>;
}

describe("Tryton's states on the Shopify order", () => {
  const emulatedOrder = (order: CreatedOrder) => control<EmulatedOrder>(`/shops/${shop}/orders/${order.legacyResourceId}`);
  const syncStatuses = () => queue.now(JobNames.syncErpStatuses, { shop });
  const whenSynced = (order: CreatedOrder, done: (o: EmulatedOrder) => boolean, what: string) =>
    waitFor(
      async () => {
        await syncStatuses();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        return emulatedOrder(order);
      },
      done,
      90_000,
      what,
    );

  it("cancels the Shopify order when the sale is cancelled in Tryton", async () => {
    const order = await placeOrder("cancelled-in-erp");
    const record = await exported(order);
    await erp.cancelSalesOrder(erpRecordId("sale", record!.erpOrderId!));
    const shopified = await whenSynced(order, (o) => o.cancelled_at !== null, "the cancellation to reach Shopify");
    expect(shopified.cancelled_at).not.toBeNull();
    // The sync writes the order's record after its calls to Shopify, so it is read once written, not the moment
    // Shopify shows the cancellation.
    const cancelledRecord = await waitFor(
      () => exportOf(order.id),
      (row) => row?.storeCancelled === true,
      30_000,
      "the cancellation to be recorded",
    );
    expect(cancelledRecord).toMatchObject({ erpState: "cancelled", storeCancelled: true, flag: null });
  });

  it("fulfils the Shopify order with the shipment's tracking when Tryton ships it, delivered on its done date, then tags it invoiced; an invoiced order does not move back", async () => {
    const order = await placeOrder("shipped-in-erp");
    const record = await exported(order);
    await shipInTryton(erp.rpc, Number(record!.erpOrderId));
    const sale = (await erp.getSalesOrder(erpRecordId("sale", record!.erpOrderId!)))!;
    expect(sale.shipment?.trackingNumber).toBeTruthy();
    // No carrier module: the shipment's effective date (the day it was done) stands in for its delivery.
    const [saleRow] = await erp.rpc.model<Array<{ shipments: number[] }>>("sale.sale", "read", [Number(record!.erpOrderId)], ["shipments"]);
    const [shipment] = await erp.rpc.model<Array<{ effective_date: { year: number; month: number; day: number } }>>(
      "stock.shipment.out",
      "read",
      saleRow!.shipments,
      ["effective_date"],
    );
    const doneOn = [shipment!.effective_date.year, shipment!.effective_date.month, shipment!.effective_date.day]
      .map((part, index) => String(part).padStart(index === 0 ? 4 : 2, "0"))
      .join("-");
    expect(sale.shipment?.deliveredAt).toBe(doneOn);
    const shipped = await whenSynced(
      order,
      (o) => o.fulfillment_status === "fulfilled" && (o.fulfillments[0]?.events?.length ?? 0) > 0,
      "the shipment to reach Shopify",
    );
    expect(shipped.fulfillments).toEqual([
      expect.objectContaining({
        tracking: expect.objectContaining({ number: sale.shipment!.trackingNumber }),
        events: [expect.objectContaining({ status: "DELIVERED", happenedAt: `${doneOn}T12:00:00.000Z` })],
      }),
    ]);

    await invoiceInTryton(erp.rpc, Number(record!.erpOrderId));
    const invoiced = await whenSynced(order, (o) => o.tags.includes("erp-invoiced"), "the invoice to reach Shopify");
    expect(invoiced.fulfillments).toHaveLength(1);
    // Read once the sync has written it (after its calls to Shopify).
    const invoicedRecord = await waitFor(
      () => exportOf(order.id),
      (row) => row?.storeInvoiced === true,
      30_000,
      "the invoice to be recorded",
    );
    expect(invoicedRecord).toMatchObject({ erpState: "invoiced", storeShipped: true, storeDelivered: true, storeInvoiced: true });
    expect((await emulatedOrder(order)).fulfillments[0]!.events).toHaveLength(1);

    // Cancelled in Shopify now: Tryton keeps its invoiced sale, the order is flagged, nothing moves back.
    await control(`/shops/${shop}/orders/${order.legacyResourceId}/cancel`, {});
    const flagged = await waitFor(
      () => exportOf(order.id),
      (row) => row?.flag != null,
      60_000,
      "the refused cancellation to be flagged",
    );
    expect(flagged!.flag).toMatch(/Cancelled in Shopify, but the ERP keeps its sale/);
    expect((await erp.getSalesOrder(erpRecordId("sale", record!.erpOrderId!)))?.state).toBe("invoiced");
    await syncStatuses();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await exportOf(order.id)).toMatchObject({ status: "exported", erpState: "invoiced", storeInvoiced: true, storeCancelled: false });
    expect(await salesWithReference(referenceOf(order))).toHaveLength(1);
  });
});
