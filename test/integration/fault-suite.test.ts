// GIVEN Ponte's real worker processes (short locks and leases), its webhook routes, the Shopify, HTTP ERP and
//       Cassa in Cloud emulators over HTTP, and a real PostgreSQL
// WHEN a part fails: the ERP is down for a stretch; Shopify answers 5xx and THROTTLED in bursts during a stock push;
//      a worker is killed during a POS dispatch, during the first product sync, and during a schedule's run while a
//      second worker runs; the PostgreSQL under a worker is stopped and started again
// THEN, each time, nothing is lost and nothing is doubled: every order is one ERP sale and one POS order per share,
//      every product one Shopify product, every quantity set once; and the dashboard said what was measured
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readErpConnectionState, readPosConnectionState } from "../../app/services/connections/connection-status.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../../app/services/database/embedded-database.server";
import { prepareDatabase } from "../../app/services/database/prepare-database.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { enqueueOrderExport } from "../../app/services/jobs/shop-jobs.server";
import { CassaAdapter } from "../../app/services/pos/cassa/cassa.adapter.server";
import { saveLocationMapping } from "../../app/services/pos/pos-locations.server";
import { updatePosData } from "../../app/services/pos/pos-connections.server";
import { saveSchedule } from "../../app/services/schedules/schedules.server";
import { recordOrderSnapshot } from "../../app/services/sync/orders/order-snapshots.server";
import { demoCassaAccount, simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator, type CassaEmulator } from "../../emulators/cassa/server";
import { eventSubscriptionsFromToml, webhookSubscriptionsFromToml } from "../../emulators/shopify/app-config";
import { seedDemoShop } from "../../emulators/shopify/demo-data";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { Supervisor } from "../../scripts/lib/supervisor";
import { startService, workerCommand } from "../../scripts/lib/child-services";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { testOrder } from "../support/order-builder";
import { startRouteServer } from "../support/route-server";
import { createTestDatabase } from "../support/test-database";
import { startSandboxWorker, waitFor, type WorkerProcess } from "../support/worker-processes";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const box = () => new SecretBox(env.encryptionKey);
let db: PrismaClient;
let databaseUrl: string;
let env: TestAppEnvironment;
let shopify: ShopifyEmulator;
let erp: ErpEmulator;
let cassa: CassaEmulator;
let routes: Awaited<ReturnType<typeof startRouteServer>>;
let queue: Agenda;
const workers: WorkerProcess[] = [];
let orderCount = 0;

/** What each scenario checked, printed as it ends. */
function report(scenario: string, checked: string[]): void {
  console.log(`fault scenario: ${scenario}\n${checked.map((line) => `  ✓ ${line}`).join("\n")}\n  => nothing lost, nothing doubled`);
}

async function startWorker(name: string): Promise<WorkerProcess> {
  const worker = await startSandboxWorker(name, {
    databaseUrl,
    encryptionKey: env.encryptionKey,
    shopifyUrl: shopify.url,
    env: {
      PONTE_SANDBOX_CASSA_URL: cassa.url,
      PONTE_EXPORT_LOCK_MS: "4000",
      PONTE_RUN_LEASE_MS: "3000",
      PONTE_JOB_LOCK_MS: "5000",
      PONTE_ERP_PROBE_MS: "1000",
      PONTE_POS_PROBE_MS: "1000",
    },
  });
  workers.push(worker);
  return worker;
}

function kill(worker: WorkerProcess): Promise<unknown> {
  const exited = new Promise((resolve) => worker.child.once("exit", resolve));
  worker.child.kill("SIGKILL");
  return exited;
}

async function control(url: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: body === undefined ? "GET" : "POST", body: body === undefined ? undefined : JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

/** A paid order in the Shopify emulator; its webhooks go to the app's routes. */
async function placeOrder(label: string, lines: Array<[string, number]> = [["CAF-GRANI-1KG", 1]]): Promise<{ id: string; name: string }> {
  orderCount++;
  const order = await control(`${shopify.url}/_control/shops/${shop}/orders`, {
    customer: { email: `${label}-${orderCount}@example.it`, firstName: "Cliente", lastName: label },
    lines: lines.map(([sku, quantity]) => ({ sku, title: sku, quantity, price: "10.00" })),
    note: label,
  });
  return { id: order.id as string, name: order.name as string };
}

const salesFor = (orderName: string) => [...erp.books.salesOrders.values()].filter((sale) => sale.reference === `ponte-demo ${orderName}`);
const exportsOf = (ids: string[]) => db.orderExport.findMany({ where: { shop, orderId: { in: ids } } });

beforeAll(async () => {
  databaseUrl = await createTestDatabase("fault-suite");
  env = useTestAppEnvironment(databaseUrl);
  db = createPrismaClient(databaseUrl);
  routes = await startRouteServer();
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: env.apiKey, apiSecret: env.apiSecret, url: routes.url },
    shops: [DEMO_SHOP],
    webhookSubscriptions: webhookSubscriptionsFromToml(),
    eventSubscriptions: eventSubscriptionsFromToml(),
    webhookRetryDelaysMs: [300, 600],
  });
  seedDemoShop(shopify.state.shop(shop)!);
  erp = await startErpEmulator({ apiKey: "fault-suite-erp" });
  const books = demoCassaAccount();
  // Twenty products the POS sells and Shopify does not yet: the first product sync makes them.
  const [coffee] = [...books.categories.values()];
  for (let n = 1; n <= 20; n++) {
    const product = simpleCassaProduct(books, { sku: `FS-${n}`, description: `Miscela ${n}`, price: 5 + n, idCategory: coffee!.id });
    books.products.set(product.id, product);
    books.setStock(101, product, null, n);
  }
  cassa = await startCassaEmulator({ apiKey: "fault-suite-cassa", books });
  await seedSandbox(db, env.encryptionKey, DEMO_SHOP);
  await saveErpConnection(db, box(), shop, { kind: "http", url: erp.url, secret: erp.apiKey });
  await db.shopSettings.create({ data: { shop, ordersToErp: "all" } });
  expect(
    await updatePosData(db, box(), shop, { apiKey: "fault-suite-cassa" }, (apiKey) => new CassaAdapter({ apiKey, baseUrl: cassa.url })),
  ).toMatchObject({ ok: true });
  const [milano] = shopify.state.shop(shop)!.locations;
  await saveLocationMapping(db, shop, { locationId: `gid://shopify/Location/${milano!.id}`, locationName: milano!.name, choice: "sum" });
  queue = createAgenda({ databaseUrl, name: "fault-suite-test" });
  await queue.ready;
  await startWorker("fault-worker-1");
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.terminate().catch(() => {});
  await queue?.stop(true).catch(() => {});
  await shopify?.close();
  await routes?.close();
  await erp?.close();
  await cassa?.close();
  await db?.$disconnect();
});

describe("fault suite", () => {
  it("the ERP down for a stretch, then back: the orders wait, the dashboard says since when and how many, and each becomes one sale", async () => {
    erp.faults.down = true;
    const placed = await Promise.all(["erp-down-a", "erp-down-b", "erp-down-c", "erp-down-d"].map((label) => placeOrder(label)));
    const ids = placed.map((order) => order.id);
    await waitFor(
      () => exportsOf(ids),
      (rows) => rows.length === 4 && rows.every((row) => row.status === "retrying"),
      60_000,
      "four orders waiting on the ERP",
    );
    const down = await readErpConnectionState(db, shop);
    if (down.state !== "configured") throw new Error("the ERP is configured");
    expect(down.unavailable).toHaveLength(1);
    expect(down.unavailable[0]!.error).toMatch(/503|did not answer/);
    expect(down.waiting).toBeGreaterThanOrEqual(4);
    // The stretch: a few of the watch's probes find it still down.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await exportsOf(ids)).every((row) => row.status === "retrying")).toBe(true);

    erp.faults.down = false;
    await waitFor(
      () => exportsOf(ids),
      (rows) => rows.every((row) => row.status === "exported"),
      60_000,
      "the four orders exported once the ERP is back",
    );
    for (const order of placed) expect(salesFor(order.name), order.name).toHaveLength(1);
    const back = await waitFor(
      () => readErpConnectionState(db, shop),
      (state) => state.state === "configured" && state.unavailable.length === 0,
      10_000,
      "the ERP card well again",
    );
    if (back.state !== "configured") throw new Error("the ERP is configured");
    expect(back.lastAnsweredAt).not.toBeNull();
    report("ERP down for a stretch, then back", [
      `4 orders placed while the ERP answered 503: all 'retrying', the card said unavailable since ${down.unavailable[0]!.since}, ${down.waiting} waiting`,
      "ERP back: the watch sent all 4 at once; each is exactly 1 ERP sale",
      "the card is well again, last answered " + back.lastAnsweredAt,
    ]);
  }, 120_000);

  it("a worker killed during a POS dispatch: a new worker finishes it, one POS order per sale point", async () => {
    const [worker] = workers.filter((one) => one.child.exitCode === null && one.child.signalCode === null);
    cassa.faults.latencyMs = 1_500;
    const callsBefore = cassa.calls.length;
    const order = await placeOrder("pos-kill", [["CAF-GRANI-1KG", 2]]);
    await waitFor(
      async () => cassa.calls.slice(callsBefore).some((call) => call === "POST /documents/orders/batch"),
      (sent) => sent,
      60_000,
      "the POS order on its way",
    );
    await kill(worker!);
    cassa.faults.latencyMs = 0;
    await startWorker("fault-worker-2");
    const allocation = await waitFor(
      () => db.posOrderAllocation.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } }),
      (row) => row?.status === "dispatched",
      60_000,
      "the order dispatched by the new worker",
    );
    const dispatches = await db.posDispatch.findMany({ where: { shop, orderId: order.id } });
    const posOrders = [...cassa.books.orders.values()].filter((posOrder) =>
      dispatches.some((dispatch) => dispatch.externalId === posOrder.externalId),
    );
    expect(dispatches.length).toBeGreaterThanOrEqual(1);
    expect(posOrders).toHaveLength(dispatches.length);
    // No externalId twice in the POS: the share sent before the kill was recognised, not sent again.
    const externalIds = [...cassa.books.orders.values()]
      .map((posOrder) => posOrder.externalId)
      .filter((id) => dispatches.some((dispatch) => dispatch.externalId === id));
    expect(new Set(externalIds).size).toBe(externalIds.length);
    expect(salesFor(order.name)).toHaveLength(1);
    // Slow is not down: the POS card says it answered.
    const posCard = await readPosConnectionState(db, shop);
    expect(posCard).toMatchObject({ state: "configured", unavailable: [], lastAnsweredAt: expect.any(String) });
    report("a worker killed during a POS dispatch", [
      `killed while Cassa in Cloud was taking ${order.name}'s order; a new worker took the job over when its lock expired`,
      `allocation ${allocation!.status}; ${dispatches.length} share(s) recorded, ${posOrders.length} POS order(s), none twice`,
      "and 1 ERP sale",
    ]);
  }, 120_000);

  it("the POS down for a stretch, then back: the order waits, the POS card says so, and it is sent once as soon as the POS answers", async () => {
    cassa.faults.down = true;
    const order = await placeOrder("pos-down", [["CAF-MOKA-250", 1]]);
    await waitFor(
      () => db.posOrderAllocation.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } }),
      (row) => row?.status === "retrying",
      60_000,
      "the order waiting on the POS",
    );
    const down = await readPosConnectionState(db, shop);
    if (down.state !== "configured") throw new Error("the POS is configured");
    expect(down.unavailable).toEqual([{ name: "Cassa in Cloud", since: expect.any(String), error: expect.stringMatching(/503/) }]);
    expect(down.waiting).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    cassa.faults.down = false;
    const backAt = Date.now();
    await waitFor(
      () => db.posOrderAllocation.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } }),
      (row) => row?.status === "dispatched",
      30_000,
      "the order sent once the POS is back",
    );
    const tookMs = Date.now() - backAt;
    const dispatches = await db.posDispatch.findMany({ where: { shop, orderId: order.id } });
    expect(
      [...cassa.books.orders.values()].filter((posOrder) => dispatches.some((dispatch) => dispatch.externalId === posOrder.externalId)),
    ).toHaveLength(dispatches.length);
    const back = await readPosConnectionState(db, shop);
    expect(back).toMatchObject({ state: "configured", unavailable: [] });
    report("the POS down for a stretch, then back", [
      `${order.name} waited as 'retrying' while Cassa in Cloud answered 503; the POS card said unavailable since ${down.unavailable[0]!.since}`,
      `sent ${Math.round(tookMs / 100) / 10} s after the POS answered again (the watch asks every second here, every 30 s by default), ${dispatches.length} POS order(s), none twice`,
    ]);
  }, 120_000);

  it("a worker killed during the first product sync: a new worker resumes it, each POS product once in Shopify", async () => {
    const [worker] = workers.filter((one) => one.child.exitCode === null && one.child.signalCode === null);
    await control(`${shopify.url}/_control/shops/${shop}/faults`, { latencyMs: 250 });
    await queue.now(JobNames.runNow, { shop, kind: "product-sync", trigger: "manual" });
    await waitFor(
      () => db.catalogSync.findUnique({ where: { shop } }),
      (sync) => sync?.firstSync === "running" && sync.done >= 3,
      90_000,
      "the first sync under way",
    );
    const doneAtKill = (await db.catalogSync.findUniqueOrThrow({ where: { shop } })).done;
    await kill(worker!);
    await control(`${shopify.url}/_control/shops/${shop}/faults`, { latencyMs: 0 });
    await startWorker("fault-worker-3");
    const sync = await waitFor(
      () => db.catalogSync.findUnique({ where: { shop } }),
      (row) => row?.firstSync === "completed",
      120_000,
      "the first sync completed",
    );
    const variants = [...shopify.state.shop(shop)!.catalog.variants.values()];
    const skus = [...cassa.books.products.values()]
      .filter((product) => product.enableForECommerce)
      .flatMap((product) => product.variants.map((variant) => variant.internalId));
    for (const sku of skus)
      expect(
        variants.filter((variant) => variant.sku === sku),
        sku,
      ).toHaveLength(1);
    expect(await db.catalogItem.count({ where: { shop } })).toBe(skus.length);
    report("a worker killed during the first product sync", [
      `killed after ${doneAtKill} of ${sync!.total} POS products; a new worker resumed from the checkpoint`,
      `completed: ${skus.length} POS SKUs, each exactly once among Shopify's variants; ${sync!.created} created, ${sync!.linked} linked`,
    ]);
  }, 240_000);

  it("Shopify answering 5xx and THROTTLED in bursts during a stock push: every quantity ends as the POS has it, each change recorded once", async () => {
    const emulated = shopify.state.shop(shop)!;
    const [milano] = emulated.locations;
    for (let n = 1; n <= 20; n++) {
      const product = [...cassa.books.products.values()].find((one) => one.internalId === `FS-${n}`)!;
      cassa.books.setStock(101, product, null, 100 + n);
    }
    const throttledBefore = ((await control(`${shopify.url}/_control/shops/${shop}/bucket`)).throttledAnswers as number) ?? 0;
    // A slow Shopify, so that the burst lands while the push is under way: an emptied bucket refilling at 2 points a second, and three 503s.
    await control(`${shopify.url}/_control/shops/${shop}/faults`, { latencyMs: 300, bucket: { maximumAvailable: 100, restoreRate: 2 } });
    await queue.now(JobNames.runNow, { shop, kind: "stock-push", trigger: "manual" });
    await waitFor(
      () => db.jobRun.findFirst({ where: { shop, kind: "stock-push", status: "running" } }),
      (row) => row !== null,
      60_000,
      "the stock push running",
    );
    await control(`${shopify.url}/_control/shops/${shop}/faults`, { failRequests: 3, failStatus: 503, drainBucket: true });
    const run = await waitFor(
      async () => (await db.jobRun.findMany({ where: { shop, kind: "stock-push" }, orderBy: { startedAt: "desc" }, take: 1 }))[0],
      (row) => row?.status === "completed" || row?.status === "failed",
      120_000,
      "the stock push run",
    );
    expect(run?.status, run?.error ?? "").toBe("completed");
    const throttled = ((await control(`${shopify.url}/_control/shops/${shop}/bucket`)).throttledAnswers as number) - throttledBefore;
    await control(`${shopify.url}/_control/shops/${shop}/faults`, {
      latencyMs: 0,
      failRequests: 0,
      bucket: { maximumAvailable: 2000, restoreRate: 100 },
    });
    expect(throttled, "THROTTLED answers met").toBeGreaterThan(0);
    for (let n = 1; n <= 20; n++) {
      const variant = [...emulated.catalog.variants.values()].find((one) => one.sku === `FS-${n}`)!;
      expect(emulated.catalog.level(variant.inventoryItemId, milano!.id)?.quantities.available, `FS-${n}`).toBe(100 + n);
    }
    const changes = await db.stockChange.findMany({ where: { shop, runId: run!.id, sku: { startsWith: "FS-" } } });
    expect(changes).toHaveLength(20);
    expect(new Set(changes.map((change) => change.sku)).size).toBe(20);
    report("Shopify 5xx and THROTTLED bursts during a stock push", [
      `a burst of 3 answers of 503 and an emptied bucket (${throttled} THROTTLED answers) met on the way`,
      "the run completed; all 20 quantities are the POS's; 20 changes recorded, one per SKU",
    ]);
  }, 180_000);

  it("two workers, one restarted during a schedule's run: the run does not stay running, and every order it was importing is one sale", async () => {
    const since = new Date();
    await startWorker("fault-worker-4");
    // Each worker catches up with an import of its own when it starts: let the new one's finish first.
    await waitFor(
      () => db.jobRun.findMany({ where: { shop, kind: "import-orders", startedAt: { gte: since } } }),
      (runs) => runs.length > 0 && runs.every((run) => run.status !== "running" && run.status !== "queued"),
      60_000,
      "the new worker's catch-up import",
    );
    await control(`${shopify.url}/_control/webhooks`, { enabled: false });
    const placed = [];
    for (let n = 0; n < 6; n++) placed.push(await placeOrder(`scheduled-${n}`));
    await control(`${shopify.url}/_control/webhooks`, { enabled: true });
    // A slow Shopify: the schedule's import is still reading orders when its worker is killed.
    await control(`${shopify.url}/_control/shops/${shop}/faults`, { latencyMs: 1_500 });
    const schedule = await saveSchedule(db, shop, {
      name: "Night import",
      actions: ["import-orders"],
      when: { frequency: "daily", times: ["03:00"], timeZone: "Europe/Rome" },
    });
    await queue
      .create(JobNames.runSchedule, { shop, scheduleId: schedule.id })
      .unique({ name: JobNames.runSchedule, "data.scheduleId": schedule.id })
      .schedule(new Date())
      .save();
    const scheduledRun = await waitFor(
      async () => db.jobRun.findFirst({ where: { shop, trigger: "schedule", kind: "import-orders", status: "running" } }),
      (run) => run !== null,
      60_000,
      "the schedule's import running",
    );
    const [holder] = await db.$queryRawUnsafe<Array<{ last_modified_by: string }>>(
      `select last_modified_by from agenda_jobs where name = $1 and locked_at is not null`,
      JobNames.runSchedule,
    );
    const victim =
      workers.find((one) => one.id === holder?.last_modified_by) ??
      workers.find((one) => one.child.exitCode === null && one.child.signalCode === null)!;
    await kill(victim);
    await control(`${shopify.url}/_control/shops/${shop}/faults`, { latencyMs: 0 });
    await startWorker("fault-worker-5");
    const ids = placed.map((order) => order.id);
    await waitFor(
      () => exportsOf(ids),
      (rows) => rows.length === 6 && rows.every((row) => row.status === "exported"),
      120_000,
      "the six orders exported",
    );
    for (const order of placed) expect(salesFor(order.name), order.name).toHaveLength(1);
    const killedRun = await waitFor(
      () => db.jobRun.findUniqueOrThrow({ where: { id: scheduledRun!.id } }),
      (run) => run.status !== "running",
      60_000,
      "the killed run given up",
    );
    expect(killedRun.status).toBe("failed");
    expect(killedRun.error).toMatch(/worker running it stopped/);
    const after = await db.jobRun.findMany({ where: { shop, kind: "import-orders", startedAt: { gt: scheduledRun!.startedAt } } });
    expect(after.some((run) => run.status === "completed")).toBe(true);
    expect(await db.jobRun.count({ where: { shop, status: "running" } })).toBe(0);
    report("two workers, one restarted during a schedule's run", [
      `6 orders missed by webhooks; the schedule's import was running on ${victim.id} when it was killed, and it ended failed ("${killedRun.error}")`,
      `a later import (${after
        .filter((run) => run.status === "completed")
        .map((run) => run.trigger)
        .join(", ")}) completed on the other or the new worker`,
      "each of the 6 orders is exactly 1 ERP sale; no run left running",
    ]);
  }, 240_000);
});

describe("fault suite: the database", () => {
  let database: EmbeddedDatabase;
  let dataDir: string;

  afterAll(async () => {
    await database?.stop().catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("PostgreSQL stopped and started again while a worker exports: the supervised worker carries on and each order is one sale", async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "ponte-fault-db-"));
    chmodSync(dataDir, 0o755);
    database = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "pg") });
    await prepareDatabase({ databaseUrl: database.url });
    const own = createPrismaClient(database.url);
    const lines: string[] = [];
    const supervisor = new Supervisor({ release: async () => {} }, (line) => lines.push(line), {
      ownProcess: false,
      restartDelayMs: 500,
      crashLoopPauseMs: 5_000,
    });
    try {
      await seedSandbox(own, env.encryptionKey, DEMO_SHOP);
      const otherErp = await startErpEmulator({ apiKey: "fault-db-erp" });
      try {
        await saveErpConnection(own, box(), shop, { kind: "http", url: otherErp.url, secret: otherErp.apiKey });
        await own.shopSettings.create({ data: { shop, ordersToErp: "all" } });
        const workerEnv = {
          ...process.env,
          DATABASE_URL: database.url,
          MONGODB_URL: "",
          PONTE_ENCRYPTION_KEY: env.encryptionKey,
          PONTE_SANDBOX: "1",
          PONTE_SANDBOX_SHOPIFY_URL: shopify.url,
          PONTE_WORKER_POLL: "500",
          PONTE_EXPORT_LOCK_MS: "4000",
          PONTE_ERP_PROBE_MS: "1000",
        };
        let output = "";
        supervisor.supervise("worker", () => startService("worker", ...workerCommand(), workerEnv, (line) => (output += `${line}\n`)));
        await waitFor(
          async () => output,
          (text) => /started \(jobs on postgres\)/.test(text),
          60_000,
          "the worker",
        );
        const orderQueue = createAgenda({ databaseUrl: database.url, name: "fault-db-test" });
        await orderQueue.ready;
        otherErp.faults.latencyMs = 400;
        const names: string[] = [];
        for (let n = 1; n <= 8; n++) {
          const now = new Date().toISOString();
          const order = testOrder(
            "DB",
            {
              email: `db${n}@example.it`,
              createdAt: now,
              updatedAt: now,
              taxesIncluded: true,
              customer: { id: `gid://shopify/Customer/${700 + n}`, email: `db${n}@example.it`, firstName: "Dora", lastName: `B${n}` },
            },
            [{ sku: "CAF-MOKA-250", title: "Moka", quantity: 1, price: "5.40" }],
          );
          names.push(order.name);
          await recordOrderSnapshot(own, shop, order, "webhook");
          await enqueueOrderExport(orderQueue, shop, order.id);
        }
        // This queue only queued (never started), so Agenda's stop() would leave its pool open: closed here, before the database goes.
        await (orderQueue as unknown as { backend: { disconnect(): Promise<void> } }).backend.disconnect();
        const ours = { shop, orderName: { startsWith: "#DB" }, status: "exported" };
        await waitFor(
          () => own.orderExport.count({ where: ours }),
          (n) => n >= 1,
          60_000,
          "exports under way",
        );
        const exportedAtStop = await own.orderExport.count({ where: ours });
        await own.$disconnect();
        await database.stop();
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        database = await startEmbeddedDatabase({ dataDir: path.join(dataDir, "pg") });
        otherErp.faults.latencyMs = 0;
        const again = createPrismaClient(database.url);
        try {
          const rows = await waitFor(
            () => again.orderExport.findMany({ where: { shop, orderName: { startsWith: "#DB" } } }),
            (found) => found.length === 8 && found.every((row) => row.status === "exported"),
            120_000,
            "the eight orders exported",
          );
          for (const name of names)
            expect(
              [...otherErp.books.salesOrders.values()].filter((sale) => sale.reference === `ponte-demo ${name}`),
              name,
            ).toHaveLength(1);
          console.log(lines.join("\n"));
          report("PostgreSQL stopped for 4 s and started again under a working worker", [
            `${exportedAtStop} of 8 exports done when the database stopped; ${lines.filter((line) => line.includes("exited unexpectedly")).length} worker restart(s) by the supervisor`,
            `all ${rows.length} exported afterwards, each exactly 1 ERP sale`,
          ]);
        } finally {
          await again.$disconnect();
        }
      } finally {
        await supervisor.stop("scenario over", 0);
        await otherErp.close();
      }
    } finally {
      await own.$disconnect().catch(() => {});
    }
  }, 300_000);
});
