// GIVEN the Shopify emulator delivering signed webhooks to the app's routes, and a real worker process
// WHEN deliveries repeat, arrive out of order, carry a bad payload, or never arrive at all
// THEN each event is stored and processed once, newer state wins, bad input is kept with its reason,
//      and the reconciliation poll brings in every order the webhooks missed
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { ensureShopJobs } from "../../app/services/jobs/shop-jobs.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { listRuns, runLog } from "../../app/services/runs/job-runs.server";
import { nextRuns } from "../../app/services/schedules/recurrence";
import { saveSchedule } from "../../app/services/schedules/schedules.server";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { eventSubscriptionsFromToml, webhookSubscriptionsFromToml } from "../../emulators/shopify/app-config";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { startRouteServer } from "../support/route-server";
import { signedWebhookRequest } from "../support/signed-webhook";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox";
import { createTestDatabase } from "../support/test-database";
import { startSandboxWorker, waitFor, waitForCatchUpImport, type WorkerProcess } from "../support/worker-processes";
import { shopDomain } from "../../app/services/ids";
import { ORDER_EVENT_TOPIC, ORDER_EVENTS_HANDLE } from "../../app/services/webhooks/order-events";
import { SALE_METAFIELDS, ShopifyOrderActions, setOrdersMetafields } from "../../app/services/shopify/order-status.adapter.server";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
let db: PrismaClient;
let env: TestAppEnvironment;
let emulator: ShopifyEmulator;
let routes: Awaited<ReturnType<typeof startRouteServer>>;
let worker: WorkerProcess;
let queue: Agenda;
let databaseUrl: string;
let inbox: SmtpInbox;

async function control(path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_control${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<Record<string, unknown>>;
}

const newOrder = (note: string) => ({
  customer: { email: `${note}@example.com`, firstName: "Ada", lastName: note },
  lines: [{ sku: "TEE-1", title: "Tee", quantity: 2, price: "19.90" }],
  note,
});

beforeAll(async () => {
  databaseUrl = await createTestDatabase("pipeline");
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
  inbox = await startSmtpInbox();
  worker = await startSandboxWorker("pipeline-worker", {
    databaseUrl,
    encryptionKey: env.encryptionKey,
    shopifyUrl: emulator.url,
    env: { PONTE_SMTP_URL: inbox.url, SHOPIFY_APP_URL: routes.url },
  });
  queue = createAgenda({ databaseUrl, name: "pipeline-test" });
  await queue.ready;
  await waitForCatchUpImport(db, shop);
}, 120_000);

afterAll(async () => {
  await worker?.terminate();
  await queue?.stop(true).catch(() => {});
  await emulator?.close();
  await inbox?.close();
  await routes?.close();
  await db?.$disconnect();
});

const eventsFor = (orderLegacyId: number, topic: string) =>
  db.webhookEvent.findMany({ where: { shop, topic, payload: { path: ["id"], equals: orderLegacyId } } });
/** Places an order in the emulator and waits until the worker has processed its orders/create. */
async function placeProcessedOrder(note: string) {
  const order = await control(`/shops/${shop}/orders`, newOrder(note));
  await emulator.webhooks.settled();
  await waitFor(
    () => eventsFor(order.legacyResourceId as number, "ORDERS_CREATE"),
    (rows) => rows[0]?.processedAt != null,
    30_000,
    "create processed",
  );
  return order;
}
/** The Events deliveries (an order's updates) Ponte keeps for the order. */
const orderEventsFor = (orderId: string) =>
  db.webhookEvent.findMany({
    where: { shop, topic: ORDER_EVENT_TOPIC, payload: { path: ["resource_id"], equals: orderId } },
    orderBy: { receivedAt: "asc" },
  });

describe("webhook inbox and reconciliation", () => {
  it("stores and processes once an event delivered three times", async () => {
    await control("/webhooks", { copies: 3 });
    const order = await control(`/shops/${shop}/orders`, newOrder("thrice"));
    await emulator.webhooks.settled();
    await control("/webhooks", { copies: 1 });

    const attempts = emulator.webhooks.attempts.filter((a) => a.topic === "orders/create" && a.status === 200);
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    const [event, ...more] = await waitFor(
      () => eventsFor(order.legacyResourceId as number, "ORDERS_CREATE"),
      (rows) => rows[0]?.processedAt != null,
      30_000,
      "processing",
    );
    expect(more).toHaveLength(0);
    expect(event!.attempts).toBe(1);
    const snapshot = await db.orderSnapshot.findUnique({ where: { shop_orderId: { shop, orderId: order.id as string } } });
    expect(snapshot).toMatchObject({ name: order.name, financialStatus: "PAID", source: "webhook" });
  });

  it("keeps the newest state when deliveries arrive out of order", async () => {
    const order = await placeProcessedOrder("reordered");
    await control("/webhooks", { hold: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await control(`/shops/${shop}/orders/${order.legacyResourceId}/update`, { note: "first edit" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await control(`/shops/${shop}/orders/${order.legacyResourceId}/update`, { note: "second edit" });
    await control("/webhooks", { release: "reverse" });
    await emulator.webhooks.settled();
    // An order's updates come through Events (shopify.app.toml): each names what changed, and the worker reads the order.
    const updates = await waitFor(
      () => orderEventsFor(order.id as string),
      (rows) => rows.length === 2 && rows.every((r) => r.processedAt),
      30_000,
      "both updates processed",
    );
    expect(updates.map((row) => (row.payload as { fields_changed: { updated: string[] } }).fields_changed.updated)).toEqual([
      [`order[id: '${order.id as string}'].note`],
      [`order[id: '${order.id as string}'].note`],
    ]);
    const snapshot = await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id as string } } });
    const newest = emulator.state.shop(shop)!.orders.require(order.legacyResourceId as number);
    expect(snapshot.shopifyUpdatedAt.toISOString()).toBe(newest.updatedAt);
    expect((snapshot.order as { note?: string }).note).toBe("second edit");
  });

  it("does not get its own tag and metafield writes back as work; a merchant's change to the order it does", async () => {
    const order = await placeProcessedOrder("own-writes");
    const orderId = order.id as string;
    const before = emulator.webhooks.attempts.length;

    // Ponte's own writes, through its own adapters: the tag it puts on an exported order, its app-owned metafields.
    const client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: emulator.url });
    expect(await new ShopifyOrderActions(client).addTags(orderId, ["ponte-erp"])).toEqual({ ok: true });
    const sale = [
      { key: SALE_METAFIELDS.number.key, type: SALE_METAFIELDS.number.type, value: "SO-1" },
      { key: SALE_METAFIELDS.state.key, type: SALE_METAFIELDS.state.type, value: "confirmed" },
    ];
    expect(await setOrdersMetafields(client, [{ orderId, metafields: sale }])).toEqual({ ok: true });
    await emulator.webhooks.settled();
    expect(emulator.state.shop(shop)!.orders.require(order.legacyResourceId as number).tags).toContain("ponte-erp");
    // Shopify had a change to report (the tag) and no subscription's trigger took it: nothing was sent, nothing kept.
    expect(emulator.webhooks.notTriggered.filter((skipped) => skipped.orderId === orderId)).toEqual([
      { shop, orderId, handle: ORDER_EVENTS_HANDLE, changed: [`order[id: '${orderId}'].tags`] },
    ]);
    expect(emulator.webhooks.attempts.slice(before)).toEqual([]);
    expect(await orderEventsFor(orderId)).toEqual([]);

    // The merchant changes the order's note: delivered, kept, and the worker reads the order anew.
    await control(`/shops/${shop}/orders/${order.legacyResourceId}/update`, { note: "ring twice" });
    await emulator.webhooks.settled();
    const [event] = await waitFor(
      () => orderEventsFor(orderId),
      (rows) => rows[0]?.processedAt != null,
      30_000,
      "update processed",
    );
    expect(event!.error).toBeNull();
    const snapshot = await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId } } });
    expect((snapshot.order as { note?: string }).note).toBe("ring twice");
  });

  it("keeps a payload it cannot understand, with its reason, and does not retry it by itself", async () => {
    const request = signedWebhookRequest({
      topic: "orders/create",
      shop,
      payload: { id: 77, nonsense: true },
      secret: env.apiSecret,
      url: `${routes.url}/webhooks/orders/create`,
    });
    const response = await fetch(request);
    expect(response.status).toBe(200);
    const [event] = await waitFor(
      () => eventsFor(77, "ORDERS_CREATE"),
      (rows) => rows[0]?.error != null,
      30_000,
      "the failure to be recorded",
    );
    expect(event!.error).toMatch(/payload not understood/);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: event!.id } })).attempts).toBe(1);
  });

  it("retries with backoff a processing that failed for a passing reason, keeping the reason meanwhile", async () => {
    // GIVEN the snapshot table is unreachable for a moment (a transient database failure)
    await db.$executeRawUnsafe('alter table "OrderSnapshot" rename to "OrderSnapshotAway"');
    let restored = false;
    try {
      const order = await control(`/shops/${shop}/orders`, newOrder("transient"));
      await emulator.webhooks.settled();
      const [failed] = await waitFor(
        () => eventsFor(order.legacyResourceId as number, "ORDERS_CREATE"),
        (rows) => rows[0]?.error != null,
        30_000,
        "the first failure",
      );
      expect(failed!.error).toMatch(/OrderSnapshot/);
      expect(failed!.processedAt).toBeNull();
      // WHEN the database comes back
      await db.$executeRawUnsafe('alter table "OrderSnapshotAway" rename to "OrderSnapshot"');
      restored = true;
      // THEN a later attempt succeeds and clears the reason
      const [done] = await waitFor(
        () => eventsFor(order.legacyResourceId as number, "ORDERS_CREATE"),
        (rows) => rows[0]?.processedAt != null,
        60_000,
        "a successful retry",
      );
      expect(done!.error).toBeNull();
      expect(done!.attempts).toBeGreaterThanOrEqual(2);
      expect(await db.orderSnapshot.count({ where: { shop, orderId: order.id as string } })).toBe(1);
    } finally {
      if (!restored) await db.$executeRawUnsafe('alter table "OrderSnapshotAway" rename to "OrderSnapshot"');
    }
  });

  it("brings in every order and product with webhooks switched off, through the reconciliation job", async () => {
    await control("/webhooks", { enabled: false });
    const created: Array<Record<string, unknown>> = [];
    for (let n = 0; n < 12; n++) created.push(await control(`/shops/${shop}/orders`, newOrder(`silent${n}`)));
    const products: Array<Record<string, unknown>> = [];
    for (let n = 0; n < 3; n++)
      products.push(await control(`/shops/${shop}/products`, { title: `Quiet ${n}`, variants: [{ sku: `Q-${n}`, price: "4.00" }] }));
    expect(await db.orderSnapshot.count({ where: { shop, orderId: { in: created.map((o) => o.id as string) } } })).toBe(0);

    await queue.now(JobNames.reconcileShop, { shop });
    await waitFor(
      () => db.orderSnapshot.count({ where: { shop, orderId: { in: created.map((o) => o.id as string) } } }),
      (n) => n === 12,
      60_000,
      "12 reconciled orders",
    );
    const sample = await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: created[0]!.id as string } } });
    expect(sample.source).toBe("reconcile");
    expect((sample.order as { lines: unknown[] }).lines).toHaveLength(1);
    const mark = await db.syncWatermark.findUniqueOrThrow({ where: { shop_stream: { shop, stream: "orders" } } });
    expect(mark.watermark.getTime()).toBeGreaterThanOrEqual(new Date(created.at(-1)!.updatedAt as string).getTime());
    await waitFor(
      () => db.productSnapshot.count({ where: { shop, productId: { in: products.map((p) => p.id as string) } } }),
      (n) => n === 3,
      30_000,
      "3 reconciled products",
    );
    // A second run re-reads the overlap but applies nothing it already holds.
    const again = await reconcileOrders(db, new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: emulator.url }), shop);
    expect(again.read).toBeGreaterThanOrEqual(12);
    expect(again.applied).toBe(0);
    await control("/webhooks", { enabled: true });
  });

  it("runs a merchant schedule's actions on a worker as recorded runs, mails how each ended when asked, and sets its job for the next run", async () => {
    await control("/webhooks", { enabled: false });
    const missed = await control(`/shops/${shop}/orders`, newOrder("scheduled"));
    const schedule = await saveSchedule(db, shop, {
      name: "Orders now",
      actions: ["import-orders"],
      when: { frequency: "daily", times: ["03:00"], timeZone: "Europe/Rome" },
      mailWhenFinished: true,
    });
    expect(schedule.mailWhenFinished).toBe(true);
    const importMails = () => inbox.messages.filter((mail) => mail.subject.startsWith("Ponte: Import orders:"));
    expect(importMails()).toHaveLength(0);
    await queue
      .create(JobNames.runSchedule, { shop, scheduleId: schedule.id })
      .unique({ name: JobNames.runSchedule, "data.scheduleId": schedule.id })
      .schedule(new Date())
      .save();

    // The built-in reconciliation records its runs of the same kind too: the schedule's is the one triggered by it.
    const scheduled = async () => (await listRuns(db, shop, { kind: "import-orders" })).filter((one) => one.trigger === "schedule");
    const [run] = await waitFor(scheduled, (runs) => runs[0]?.status === "completed", 60_000, "the scheduled run");
    expect(run).toMatchObject({ trigger: "schedule", counts: expect.objectContaining({ read: expect.any(Number) }) });
    expect((await runLog(db, run!.id)).at(-1)?.message).toMatch(/^Completed/);
    expect(await db.orderSnapshot.count({ where: { shop, orderId: missed.id as string } })).toBe(1);
    // One mail, to the store's address, with the run's outcome and counts and the link to its log.
    const [mail, ...more] = await waitFor(
      async () => importMails(),
      (mails) => mails.length > 0,
      30_000,
      "the schedule's mail",
    );
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe(`Ponte: Import orders: Completed on ${shop}`);
    expect(mail!.to).toEqual([DEMO_SHOP.email]);
    expect(mail!.raw.replace(/=\r?\n/g, "")).toContain(`/app/runs/${run!.id}`);
    const job = await waitFor(
      async () =>
        (await queue.queryJobs({ name: JobNames.runSchedule })).jobs.find((j) => (j.data as { scheduleId: string }).scheduleId === schedule.id),
      (found) => found?.nextRunAt?.toISOString() === nextRuns(schedule.when, new Date(), 1)[0]!.toISOString(),
      30_000,
      "the schedule's job set for its next run",
    );
    expect(job?.lastFinishedAt).toBeTruthy();
    await control("/webhooks", { enabled: true });
  });

  it("erases a customer's orders on customers/redact and gathers them on customers/data_request", async () => {
    const order = await placeProcessedOrder("private");
    const customerId = emulator.state.shop(shop)!.orders.require(order.legacyResourceId as number).customerId!;

    const ask = await fetch(
      signedWebhookRequest({
        topic: "customers/data_request",
        shop,
        payload: { customer: { id: customerId }, orders_requested: [order.legacyResourceId] },
        secret: env.apiSecret,
        url: `${routes.url}/webhooks/customers/data_request`,
      }),
    );
    expect(ask.status).toBe(200);
    const [report] = await waitFor(
      () => db.customerDataReport.findMany({ where: { shop, customerId: `gid://shopify/Customer/${customerId}` } }),
      (rows) => rows.length === 1,
      30_000,
      "the data report",
    );
    expect(JSON.stringify(report!.report)).toContain(order.id as string);

    const redact = await fetch(
      signedWebhookRequest({
        topic: "customers/redact",
        shop,
        payload: { customer: { id: customerId }, orders_to_redact: [order.legacyResourceId] },
        secret: env.apiSecret,
        url: `${routes.url}/webhooks/customers/redact`,
      }),
    );
    expect(redact.status).toBe(200);
    expect(await db.orderSnapshot.count({ where: { shop, customerId: `gid://shopify/Customer/${customerId}` } })).toBe(0);
    expect(await eventsFor(order.legacyResourceId as number, "ORDERS_CREATE")).toHaveLength(0);
    expect(await db.customerDataReport.count({ where: { shop, customerId: `gid://shopify/Customer/${customerId}` } })).toBe(0);
  });

  it("removes the shop's jobs on app/uninstalled", async () => {
    await ensureShopJobs(queue, shop);
    const jobs = () => queue.queryJobs({ name: JobNames.reconcileShop });
    expect((await jobs()).jobs.filter((j) => (j.data as { shop?: string })?.shop === shop).length).toBeGreaterThan(0);
    const response = await fetch(
      signedWebhookRequest({
        topic: "app/uninstalled",
        shop,
        payload: { id: 1 },
        secret: env.apiSecret,
        url: `${routes.url}/webhooks/app/uninstalled`,
      }),
    );
    expect(response.status).toBe(200);
    expect((await jobs()).jobs.filter((j) => (j.data as { shop?: string })?.shop === shop)).toHaveLength(0);
    expect(await db.session.count({ where: { shop } })).toBe(0);
  });
});
