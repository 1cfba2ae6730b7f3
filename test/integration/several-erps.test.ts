// GIVEN a real worker process, the Shopify emulator, and two HTTP ERP emulators: "Italia", the shop's main ERP, and
//       "Polska", which takes the orders shipping to Poland
// WHEN orders to Italy and Poland are imported, and the merchant runs schedules filtered to one ERP
// THEN each order becomes one sale in the ERP of its shipping country, never in the other; a schedule filtered to
//      Polska imports only Poland's new orders and reads statuses only from Polska, its log naming the ERP;
//      a schedule naming an ERP no longer connected is refused
import { runLog } from "../../app/services/runs/job-runs.server";
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection, type ErpConnectionSummary } from "../../app/services/erp/erp-connections.server";
import { FormRefusal } from "../../app/services/forms/form-refusal";
import { startScheduleNow } from "../../app/services/schedules/run-schedule-now.server";
import { saveSchedule } from "../../app/services/schedules/schedules.server";
import { erpReferenceFor } from "../../app/services/sync/orders/order-to-erp.mapper";
import { listOrderSyncStates } from "../../app/services/sync/orders/order-export-list.server";
import { orderListQuerySchema } from "../../app/services/sync/orders/order-sync-states";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { useTestAppEnvironment } from "../support/app-environment";
import { createTestDatabase } from "../support/test-database";
import { startSandboxWorker, waitFor, waitForCatchUpImport, type WorkerProcess } from "../support/worker-processes";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
let db: PrismaClient;
let shopify: ShopifyEmulator;
let italiaErp: ErpEmulator;
let polskaErp: ErpEmulator;
let italia: ErpConnectionSummary;
let polska: ErpConnectionSummary;
let queue: Agenda;
let worker: WorkerProcess | undefined;

interface PlacedOrder {
  id: string;
  legacyResourceId: number;
  name: string;
}

async function placeOrder(who: string, countryCode: string): Promise<PlacedOrder> {
  const address = { firstName: who, lastName: "Test", address1: "Main street 1", city: "City", zip: "00100", countryCode };
  const response = await fetch(`${shopify.url}/_control/shops/${shop}/orders`, {
    method: "POST",
    body: JSON.stringify({
      customer: { email: `${who}@example.com`, firstName: who, lastName: "Test" },
      shippingAddress: address,
      lines: [{ sku: "CAF", title: "Caffè", quantity: 1, price: "5.00" }],
    }),
  });
  return (await response.json()) as PlacedOrder;
}

const references = (erp: ErpEmulator) => [...erp.books.salesOrders.values()].map((sale) => sale.reference);
const saleOf = (erp: ErpEmulator, order: PlacedOrder) =>
  [...erp.books.salesOrders.values()].find((sale) => sale.reference === erpReferenceFor(shop, order));
const exportOf = (order: PlacedOrder) => db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } });
const fulfilmentOf = async (order: PlacedOrder) =>
  ((await (await fetch(`${shopify.url}/_control/shops/${shop}/orders/${order.legacyResourceId}`)).json()) as { fulfillment_status: string | null })
    .fulfillment_status;

/** Runs a schedule now on the worker, and waits for each of its runs to end. */
async function runScheduleNow(scheduleId: string) {
  const queued = await startScheduleNow(db, queue, shop, scheduleId);
  const ids = queued.map((run) => run.id);
  return waitFor(
    () => db.jobRun.findMany({ where: { id: { in: ids } }, orderBy: { startedAt: "asc" } }),
    (runs) => runs.length === ids.length && runs.every((run) => !["queued", "running"].includes(run.status)),
    60_000,
    "the schedule's runs to end",
  );
}

const everyDay = { frequency: "daily", times: ["03:00"], timeZone: "Europe/Rome" };

beforeAll(async () => {
  const databaseUrl = await createTestDatabase("several-erps");
  const env = useTestAppEnvironment(databaseUrl);
  db = createPrismaClient(databaseUrl);
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: env.apiKey, apiSecret: env.apiSecret, url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  italiaErp = await startErpEmulator({ apiKey: "italia-key" });
  polskaErp = await startErpEmulator({ apiKey: "polska-key" });
  await seedSandbox(db, env.encryptionKey, DEMO_SHOP);
  const box = new SecretBox(env.encryptionKey);
  italia = await saveErpConnection(db, box, shop, { name: "Italia", kind: "http", url: italiaErp.url, secret: italiaErp.apiKey });
  polska = await saveErpConnection(db, box, shop, {
    connectionId: "new",
    name: "Polska",
    countries: "PL",
    kind: "http",
    url: polskaErp.url,
    secret: polskaErp.apiKey,
  });
  queue = createAgenda({ databaseUrl, name: "several-erps-test" });
  await queue.ready;
  worker = await startSandboxWorker("several-erps-worker", { databaseUrl, encryptionKey: env.encryptionKey, shopifyUrl: shopify.url });
  await waitForCatchUpImport(db, shop);
}, 120_000);

afterAll(async () => {
  await worker?.terminate();
  await queue?.stop(true).catch(() => {});
  await shopify?.close();
  await italiaErp?.close();
  await polskaErp?.close();
  await db?.$disconnect();
});

describe("a shop with two ERPs", () => {
  it("sends each order to the ERP of its shipping country, once, and never to the other", async () => {
    const rome = await placeOrder("rome", "IT");
    const warsaw = await placeOrder("warsaw", "PL");
    const everything = await saveSchedule(db, shop, { name: "Everything", actions: ["import-orders"], when: everyDay });
    expect((await runScheduleNow(everything.id)).map((run) => run.status)).toEqual(["completed"]);

    await waitFor(
      () => Promise.all([exportOf(rome), exportOf(warsaw)]),
      (rows) => rows.every((row) => row?.status === "exported"),
      60_000,
      "both orders to be exported",
    );
    expect(await exportOf(rome)).toMatchObject({ erpConnectionId: italia.id, erpOrderId: saleOf(italiaErp, rome)?.id });
    expect(await exportOf(warsaw)).toMatchObject({ erpConnectionId: polska.id, erpOrderId: saleOf(polskaErp, warsaw)?.id });
    expect(references(polskaErp)).toEqual([erpReferenceFor(shop, warsaw)]);
    expect(references(italiaErp)).toContain(erpReferenceFor(shop, rome));
    expect(references(italiaErp)).not.toContain(erpReferenceFor(shop, warsaw));
    // The Orders page names each order's ERP.
    const list = await listOrderSyncStates(db, shop, orderListQuerySchema.parse({}));
    expect(list.rows.find((row) => row.orderId === warsaw.id)).toMatchObject({ erpName: "Polska", erpNumber: saleOf(polskaErp, warsaw)?.number });
    expect(list.rows.find((row) => row.orderId === rome.id)).toMatchObject({ erpName: "Italia" });
    // The customer of each order was made in its own ERP only.
    expect([...polskaErp.books.customers.values()].map((c) => c.email)).toEqual(["warsaw@example.com"]);
    expect([...italiaErp.books.customers.values()].map((c) => c.email)).not.toContain("warsaw@example.com");
  });

  it("imports only the new orders going to Polska, and reads statuses only from Polska, when a schedule is filtered to it", async () => {
    const onlyPolska = await saveSchedule(db, shop, {
      name: "Poland only",
      actions: ["import-orders", "sync-statuses"],
      when: everyDay,
      erpConnectionIds: [polska.id],
    });
    expect(onlyPolska.erpConnectionIds).toEqual([polska.id]);
    const milan = await placeOrder("milan", "IT");
    const krakow = await placeOrder("krakow", "PL");

    const [imported] = await runScheduleNow(onlyPolska.id);
    expect(imported).toMatchObject({ kind: "import-orders", status: "completed" });
    expect((await runLog(db, imported!.id)).map((line) => line.message)).toContain("1 order queued for the ERP (only those going to Polska).");
    await waitFor(
      () => exportOf(krakow),
      (row) => row?.status === "exported",
      60_000,
      "the Polish order to be exported",
    );
    expect(saleOf(polskaErp, krakow)).toBeDefined();
    // Milan's order was read from Shopify but not queued: it waits for a run that covers Italia.
    expect(await exportOf(milan)).toBeNull();
    expect(saleOf(italiaErp, milan)).toBeUndefined();

    // Both ERPs ship an order; the filtered status sync carries only Polska's to Shopify.
    // Both emulators number their sales S1, S2…: Italia's sale is found among Italia's exports only.
    const rome = [...italiaErp.books.salesOrders.values()].find((sale) => sale.reference !== krakow.name)!;
    const romeOrder = await db.orderExport.findFirstOrThrow({ where: { shop, erpConnectionId: italia.id, erpOrderId: rome.id } });
    italiaErp.books.ship(rome.id, "BRT", "BRT-1");
    polskaErp.books.ship(saleOf(polskaErp, krakow)!.id, "InPost", "INP-1");
    const statusRuns = await runScheduleNow(onlyPolska.id);
    const statuses = statusRuns.find((run) => run.kind === "erp-statuses")!;
    expect(statuses.status).toBe("completed");
    expect((await runLog(db, statuses.id)).map((line) => line.message)).toContainEqual(
      // Krakow's fulfilment, and each Polish order's ERP sale number and state written on it (unless the worker's own
      // status sync wrote the other order's already): what reached Shopify is checked order by order below.
      expect.stringMatching(/^Polska: 2 orders checked, [23] changes carried to Shopify\.$/),
    );
    expect(await fulfilmentOf(krakow)).toBe("fulfilled");
    expect((await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: romeOrder.orderId } } })).storeShipped).toBe(false);

    // Run for every ERP, Italia's shipment reaches Shopify too, and Milan's order its ERP.
    const everyErp = await saveSchedule(db, shop, { name: "Every ERP", actions: ["import-orders", "sync-statuses"], when: everyDay });
    // The schedule's status sync is skipped if the worker's own one is running at that moment, and that one may have
    // read Italia before its shipment: the schedule is run again until its own status sync has run.
    for (let attempt = 1; attempt <= 5; attempt++) {
      const runs = await runScheduleNow(everyErp.id);
      if (runs.find((run) => run.kind === "erp-statuses")?.status === "completed") break;
    }
    await waitFor(
      () => db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: romeOrder.orderId } } }),
      (row) => row.storeShipped,
      60_000,
      "Italia's shipment to reach Shopify",
    );
    await waitFor(
      () => exportOf(milan),
      (row) => row?.status === "exported",
      60_000,
      "the Italian order to be exported",
    );
    expect(await exportOf(milan)).toMatchObject({ erpConnectionId: italia.id });
  });

  it("refuses a schedule that names an ERP the shop does not have", async () => {
    const error = await saveSchedule(db, shop, {
      name: "Ghost",
      actions: ["sync-customers"],
      when: everyDay,
      erpConnectionIds: ["not-an-erp"],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormRefusal);
    expect((error as Error).message).toBe("One of the chosen ERPs is no longer connected");
    // A filter is dropped from a schedule none of whose actions it applies to.
    const stock = await saveSchedule(db, shop, { name: "Stock", actions: ["push-stock"], when: everyDay, erpConnectionIds: [polska.id] });
    expect(stock.erpConnectionIds).toEqual([]);
  });
});
