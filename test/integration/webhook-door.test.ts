// GIVEN the webhook door (what the production app server answers orders and products with, before Remix) and,
//       beside it, the app's Remix webhook routes, over real HTTP on one real database
// WHEN Shopify delivers (and re-delivers) signed events, badly signed ones, bad bodies and events of a shop without Ponte
// THEN both answer alike and store alike: each event once with a notification to the drain, nothing on a refusal,
//      only a count for a shop not installed; the door hands every other path on, refuses an oversized body, and
//      when the database is gone answers 500 with a plain sentence (Shopify sends it again), the details in the log
import { createServer, type RequestListener, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { poolSql } from "../../app/services/database/sql-runner.server";
import { SHOP_EVENT_TOPICS, webhookPath } from "../../app/services/webhooks/shop-event-topics";
import { MAX_WEBHOOK_BODY_BYTES, webhookDoor } from "../../app/services/webhooks/webhook-door.server";
import { INBOX_CHANNEL } from "../../app/services/webhooks/webhook-inbox.server";
import { ORDER_EVENT_TOPIC, ORDER_EVENTS_API_VERSION, ORDER_EVENTS_HANDLE, ORDER_EVENTS_PATH } from "../../app/services/webhooks/order-events";
import { createHmac } from "node:crypto";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { freePort } from "../../app/services/database/embedded-database.server";
import { startRouteServer } from "../support/route-server";
import { signedWebhookHeaders } from "../support/signed-webhook";
import { createTestDatabase } from "../support/test-database";
import { readFileSync } from "node:fs";
import path from "node:path";

let db: PrismaClient;
let env: TestAppEnvironment;
let pool: pg.Pool;
let databaseUrl: string;
const servers: Array<{ close(): Promise<void> }> = [];
const bases: Record<"door" | "routes", string> = { door: "", routes: "" };

async function listen(handler: RequestListener): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({ close: () => new Promise((resolve) => server.close(() => resolve())) });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The door alone, as the app server puts it in front; what it hands on is answered 404 "handed on" here. */
function doorServer(sql = poolSql(pool)): Promise<string> {
  const door = webhookDoor({ sql, secret: env.apiSecret });
  return listen((request, response) => door(request, response, () => response.writeHead(404).end("handed on")));
}

async function post(base: string, topicPath: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${base}/webhooks/${topicPath}`, { method: "POST", body, headers });
  return { status: response.status, text: await response.text() };
}

function deliver(base: string, shop: string, options: { topic?: string; path?: string; eventId?: string; body?: string; secret?: string } = {}) {
  const topic = options.topic ?? "orders/create";
  const body = options.body ?? JSON.stringify({ id: 820982911946154500, name: "#1001", total_price: "10.00" });
  return post(
    base,
    options.path ?? topic,
    body,
    signedWebhookHeaders({ topic, shop, body, secret: options.secret ?? env.apiSecret, eventId: options.eventId }),
  );
}

const eventsOf = (shop: string) => db.webhookEvent.findMany({ where: { shop }, select: { eventId: true, topic: true, payload: true } });

beforeAll(async () => {
  databaseUrl = await createTestDatabase("webhook-door");
  const url = databaseUrl;
  env = useTestAppEnvironment(url);
  db = createPrismaClient(url);
  pool = new pg.Pool({ ...poolConfigFromUrl(url), max: 4 });
  bases.door = await doorServer();
  const routes = await startRouteServer();
  servers.push(routes);
  bases.routes = routes.url;
});
afterAll(async () => {
  for (const server of servers) await server.close();
  await pool.end();
  await db.$disconnect();
});

describe.each(["door", "routes"] as const)("a delivery at the %s", (side) => {
  const installed = `door-${side}.myshopify.com`;
  const install = (domain: string) => db.shop.upsert({ where: { domain }, create: { domain }, update: { uninstalledAt: null } });

  it("stores an event once however often it comes, and notifies the drain at once", async () => {
    await install(installed);
    const listener = await pool.connect();
    const notified: string[] = [];
    listener.on("notification", (message) => notified.push(message.channel));
    await listener.query(`LISTEN ${INBOX_CHANNEL}`);
    try {
      const first = await deliver(bases[side], installed, { eventId: "event-1" });
      const again = await deliver(bases[side], installed, { eventId: "event-1" });
      expect([first.status, again.status]).toEqual([200, 200]);
      const stored = await eventsOf(installed);
      expect(stored).toEqual([
        { eventId: "event-1", topic: "ORDERS_CREATE", payload: { id: 820982911946154500, name: "#1001", total_price: "10.00" } },
      ]);
      await vi.waitFor(() => expect(notified).toEqual([INBOX_CHANNEL]));
    } finally {
      await listener.query(`UNLISTEN ${INBOX_CHANNEL}`);
      listener.release();
    }
  });

  it("stores nothing for a bad signature (401) or a body that is not a JSON object (400, with the reason)", async () => {
    const shop = `refused-${side}.myshopify.com`;
    await install(shop);
    expect(await deliver(bases[side], shop, { secret: "not-the-app-secret" })).toMatchObject({ status: 401 });
    expect(await deliver(bases[side], shop, { body: "{not json" })).toEqual({ status: 400, text: "The webhook's body is not JSON." });
    // Bodies that open an object but are no JSON (the door leaves reading them to PostgreSQL as it stores them).
    for (const body of ['{"id": 1} }', '\n {"id": 1, "name": "#1001"', '{"id": 1, "note": "\\x"}']) {
      expect(await deliver(bases[side], shop, { body })).toEqual({ status: 400, text: "The webhook's body is not JSON." });
    }
    expect(await deliver(bases[side], shop, { body: "[1,2]" })).toEqual({
      status: 400,
      text: "The webhook's body is JSON but not an object (an array).",
    });
    expect(await deliver(bases[side], shop, { topic: "orders/paid", path: "orders/create" })).toEqual({
      status: 400,
      text: "this endpoint serves ORDERS_CREATE, not ORDERS_PAID",
    });
    expect(await eventsOf(shop)).toEqual([]);
  });

  it("keeps a body whose JSON holds the NUL character (which PostgreSQL's JSON cannot), each NUL replaced by U+FFFD", async () => {
    const shop = `nul-${side}.myshopify.com`;
    await install(shop);
    const body = '{"id": 7, "name": "#1007", "note": "first line\\u0000second", "note_attributes": [{"name": "gift\\u0000", "value": "yes"}]}';
    expect(await deliver(bases[side], shop, { eventId: "nul-1", body })).toMatchObject({ status: 200 });
    expect(await eventsOf(shop)).toEqual([
      {
        eventId: "nul-1",
        topic: "ORDERS_CREATE",
        payload: { id: 7, name: "#1007", note: "first line\ufffdsecond", note_attributes: [{ name: "gift\ufffd", value: "yes" }] },
      },
    ]);
  });

  it("takes an order's update from Shopify's Events, once however often it comes, and refuses a bad one", async () => {
    const shop = `events-${side}.myshopify.com`;
    await install(shop);
    const order = "gid://shopify/Order/5005";
    const body = JSON.stringify({
      topic: "Order",
      action: "update",
      handle: ORDER_EVENTS_HANDLE,
      fields_changed: { added: [], updated: [`order[id: '${order}'].note`], removed: [] },
    });
    const send = (changes: { secret?: string; headers?: Record<string, string> } = {}) =>
      fetch(`${bases[side]}${ORDER_EVENTS_PATH}`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "shopify-hmac-sha256": createHmac("sha256", changes.secret ?? env.apiSecret)
            .update(body, "utf8")
            .digest("base64"),
          "shopify-topic": "Order",
          "shopify-shop-domain": shop,
          "shopify-api-version": ORDER_EVENTS_API_VERSION,
          "shopify-webhook-id": "delivery-1",
          "shopify-event-id": "order-event-1",
          "shopify-resource-id": order,
          "shopify-action": "update",
          "shopify-handle": ORDER_EVENTS_HANDLE,
          ...changes.headers,
        },
      }).then(async (response) => ({ status: response.status, text: await response.text() }));
    // Shopify's key for Events' duplicates is shopify-webhook-id: the same delivery twice is kept once.
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect(await send({ secret: "not-the-app-secret", headers: { "shopify-webhook-id": "forged" } })).toMatchObject({ status: 401 });
    expect(await send({ headers: { "shopify-topic": "Product", "shopify-webhook-id": "product-1" } })).toEqual({
      status: 400,
      text: "This endpoint serves the Order topic, not Product.",
    });
    expect(await eventsOf(shop)).toEqual([{ eventId: "delivery-1", topic: ORDER_EVENT_TOPIC, payload: { ...JSON.parse(body), resource_id: order } }]);
  });

  it("answers a shop without Ponte installed with 200, keeps nothing of it and counts the deliveries", async () => {
    const stranger = `stranger-${side}.myshopify.com`;
    expect((await deliver(bases[side], stranger)).status).toBe(200);
    expect((await deliver(bases[side], stranger, { topic: "products/update" })).status).toBe(200);
    expect((await deliver(bases[side], stranger)).status).toBe(200);
    expect(await eventsOf(stranger)).toEqual([]);
    const counts = await db.unknownShopDelivery.findMany({ where: { shop: stranger }, orderBy: { topic: "asc" } });
    expect(counts.map(({ topic, count }) => ({ topic, count }))).toEqual([
      { topic: "ORDERS_CREATE", count: 2 },
      { topic: "PRODUCTS_UPDATE", count: 1 },
    ]);
  });
});

describe("the webhook door", () => {
  it("serves exactly the shop event topics, at the paths shopify.app.toml subscribes them to, each with its Remix route", () => {
    const toml = readFileSync(path.resolve(import.meta.dirname, "../../shopify.app.toml"), "utf8");
    for (const topic of SHOP_EVENT_TOPICS) {
      expect(toml).toContain(`uri = "${webhookPath(topic)}"`);
      const route = path.resolve(import.meta.dirname, "../../app/routes", `${webhookPath(topic).slice(1).replaceAll("/", ".")}.tsx`);
      expect(readFileSync(route, "utf8")).toContain(`webhookAction("${topic}")`);
    }
    // And an order's updates from Events, at the path its [[events.subscription]] names.
    expect(toml).toContain(`uri = "${ORDER_EVENTS_PATH}"`);
    expect(readFileSync(path.resolve(import.meta.dirname, "../../app/routes/events.orders.tsx"), "utf8")).toContain("orderEventAction");
  });

  it("wakes the drain once for a burst of deliveries, after they are stored, and again for the next delivery alone", async () => {
    const shop = "door-burst.myshopify.com";
    await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: { uninstalledAt: null } });
    const listener = await pool.connect();
    // What the drain would find when woken: the shop's stored events at each notification.
    const seen: Array<Promise<number>> = [];
    // And how many deliveries each wake-up says it stands for (the drain's hold for a burst reads it).
    const told: number[] = [];
    listener.on("notification", (message) => {
      seen.push(db.webhookEvent.count({ where: { shop } }));
      told.push(Number(message.payload));
    });
    await listener.query(`LISTEN ${INBOX_CHANNEL}`);
    try {
      const burst = await Promise.all(Array.from({ length: 40 }, (_, n) => deliver(bases.door, shop, { eventId: `burst-${n}` })));
      expect(burst.map((answer) => answer.status)).toEqual(Array(40).fill(200));
      await vi.waitFor(async () => expect(await Promise.all(seen)).toContain(40));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const afterBurst = seen.length;
      expect(afterBurst).toBeGreaterThanOrEqual(1);
      expect(afterBurst).toBeLessThan(40);
      expect(told.reduce((sum, deliveries) => sum + deliveries, 0)).toBe(40);

      expect((await deliver(bases.door, shop, { eventId: "alone" })).status).toBe(200);
      await vi.waitFor(() => expect(seen.length).toBe(afterBurst + 1));
      expect(await seen[afterBurst]).toBe(41);
      expect(told[afterBurst]).toBe(1);
      // A repeat stores nothing and wakes no one.
      expect((await deliver(bases.door, shop, { eventId: "alone" })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen.length).toBe(afterBurst + 1);
    } finally {
      await listener.query(`UNLISTEN ${INBOX_CHANNEL}`);
      listener.release();
    }
  });

  it("keeps the payload as Shopify sent it, a number past JavaScript's exact integers included", async () => {
    const shop = "door-exact.myshopify.com";
    await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: { uninstalledAt: null } });
    // Read through JSON.parse and written again, this id would come out as 12345678901234567000.
    const body = `{"id": 12345678901234567891, "name": "#1001", "note": "caff\u00e8", "total_price": "10.00"}`;
    expect((await deliver(bases.door, shop, { eventId: "exact-1", body })).status).toBe(200);
    const [kept] = await poolSql(pool)<{ id: string; note: string }>(
      `SELECT payload->>'id' AS id, payload->>'note' AS note FROM "WebhookEvent" WHERE shop = $1 AND "eventId" = 'exact-1'`,
      [shop],
    );
    expect(kept).toEqual({ id: "12345678901234567891", note: "caffè" });
  });

  it("stores through a statement prepared once on each connection and run by name after, with the same outcome each time", async () => {
    const shop = "door-prepared.myshopify.com";
    await db.shop.upsert({ where: { domain: shop }, create: { domain: shop }, update: { uninstalledAt: null } });
    const single = new pg.Pool({ ...poolConfigFromUrl(databaseUrl), max: 1 });
    try {
      const base = await doorServer(poolSql(single));
      for (const eventId of ["prepared-1", "prepared-2", "prepared-1"]) expect((await deliver(base, shop, { eventId })).status).toBe(200);
      expect(await db.webhookEvent.count({ where: { shop } })).toBe(2);
      // On the door's one connection: the insert prepared once under its name (and the drain's wake-up beside it).
      const prepared = await poolSql(single)<{ name: string; statement: string }>(`SELECT name, statement FROM pg_prepared_statements`, []);
      const inserts = prepared.filter((row) => row.statement.includes(`INSERT INTO "WebhookEvent"`));
      expect(inserts).toHaveLength(1);
      expect(inserts[0]!.name).toMatch(/^ponte_[0-9a-f]{24}$/);
    } finally {
      await single.end();
    }
  });

  it("hands every other path and method on to Remix", async () => {
    const shop = "handed-on.myshopify.com";
    expect(await deliver(bases.door, shop, { topic: "app/uninstalled" })).toEqual({ status: 404, text: "handed on" });
    expect(await deliver(bases.door, shop, { topic: "customers/redact" })).toEqual({ status: 404, text: "handed on" });
    const get = await fetch(`${bases.door}/webhooks/orders/create`);
    expect([get.status, await get.text()]).toEqual([404, "handed on"]);
    expect(await deliver(bases.door, shop, { path: "app" })).toEqual({ status: 404, text: "handed on" });
  });

  it("refuses a body larger than any Shopify sends (413) and stores nothing", async () => {
    const shop = "oversized.myshopify.com";
    await db.shop.create({ data: { domain: shop } });
    const body = JSON.stringify({ id: 1, note: "x".repeat(MAX_WEBHOOK_BODY_BYTES) });
    expect(await deliver(bases.door, shop, { body })).toEqual({ status: 413, text: "The webhook's body is too large." });
    expect(await eventsOf(shop)).toEqual([]);
  });

  it("stores nothing from a sender that hangs up half-way through the body, and goes on serving", async () => {
    const shop = "hangs-up.myshopify.com";
    await db.shop.create({ data: { domain: shop } });
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { port } = new URL(bases.door);
      const socket = connect(Number(port), "127.0.0.1");
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      const body = JSON.stringify({ id: 1 });
      const headers = signedWebhookHeaders({ topic: "orders/create", shop, body, secret: env.apiSecret });
      socket.write(
        `POST /webhooks/orders/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n` +
          Object.entries(headers)
            .map(([name, value]) => `${name}: ${value}\r\n`)
            .join("") +
          `\r\n${body.slice(0, 5)}`,
      );
      socket.destroy();
      await vi.waitFor(() =>
        expect(warnings.mock.calls.map((call) => String(call[0]))).toContainEqual(expect.stringContaining("webhook-body-unread")),
      );
    } finally {
      warnings.mockRestore();
    }
    expect(await eventsOf(shop)).toEqual([]);
    expect((await deliver(bases.door, shop, { eventId: "after-the-hang-up" })).status).toBe(200);
    expect((await eventsOf(shop)).map((event) => event.eventId)).toEqual(["after-the-hang-up"]);
  });

  it("answers 500 with a plain sentence when the database is gone, so that Shopify sends the event again", async () => {
    const unreachable = new pg.Pool({ host: "127.0.0.1", port: await freePort(), user: "nobody", password: "x", database: "none", max: 1 });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const base = await doorServer(poolSql(unreachable));
      const answer = await deliver(base, "gone.myshopify.com");
      expect(answer).toEqual({ status: 500, text: "Ponte could not store the webhook; Shopify will send it again." });
      expect(errors.mock.calls.map((call) => JSON.parse(String(call[0])) as { event: string })).toEqual([
        expect.objectContaining({ event: "webhook-not-stored", topic: "ORDERS_CREATE" }),
      ]);
    } finally {
      errors.mockRestore();
      await unreachable.end();
    }
  });
});
