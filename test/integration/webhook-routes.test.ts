// GIVEN the app's webhook routes, Shopify's real authenticate.webhook and a real database
// WHEN Shopify delivers (and re-delivers) signed events
// THEN each is stored once, a bad signature or a bad body stores nothing, a shop without Ponte installed is
//      answered and not stored, the lifecycle topics take effect, and shop/redact leaves no row in any model
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { MODELS_WITHOUT_SHOP } from "../../app/services/shops/shop-registry.server";
import { inboxRetention, pruneInbox } from "../../app/services/webhooks/webhook-inbox.server";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { createHmac } from "node:crypto";
import { fillEveryModel, rowsOfShop, modelNames } from "../support/every-model";
import { signedWebhookHeaders, signedWebhookRequest } from "../support/signed-webhook";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

type RouteAction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

const root = path.resolve(import.meta.dirname, "../..");
const toml = readFileSync(path.join(root, "shopify.app.toml"), "utf8");
const subscriptions = [...toml.matchAll(/topics = \["([^"]+)"\]\s*\n\s*uri = "([^"]+)"/g)].map((m) => ({ topic: m[1]!, uri: m[2]! }));

let db: PrismaClient;
let env: TestAppEnvironment;

async function routeAction(uri: string): Promise<RouteAction> {
  const module = (await import(path.join(root, "app", "routes", `${uri.slice(1).replaceAll("/", ".")}.tsx`))) as { action: RouteAction };
  return module.action;
}

const install = (domain: string) => db.shop.upsert({ where: { domain }, create: { domain }, update: { uninstalledAt: null } });

/** A delivery whose body is exactly these bytes, signed (or not) with the app's secret. */
async function deliverRaw(topic: string, shop: string, body: string, secret = env.apiSecret) {
  const action = await routeAction(`/webhooks/${topic}`);
  const request = new Request(`http://127.0.0.1:39999/webhooks/${topic}`, {
    method: "POST",
    body,
    headers: signedWebhookHeaders({ topic, shop, secret, body }),
  });
  return action({ request, params: {}, context: {} }).catch((thrown) => thrown as Response);
}

async function deliver(topic: string, shop: string, payload: unknown, extra: { eventId?: string; secret?: string; uri?: string } = {}) {
  const action = await routeAction(extra.uri ?? `/webhooks/${topic}`);
  const request = signedWebhookRequest({ topic, shop, payload, secret: extra.secret ?? env.apiSecret, eventId: extra.eventId });
  return action({ request, params: {}, context: {} });
}

beforeAll(async () => {
  const url = await createTestDatabase("webhooks");
  env = useTestAppEnvironment(url);
  db = createPrismaClient(url);
});
afterAll(() => db.$disconnect());

describe("webhook routes", () => {
  it("every subscribed topic is served by a route that authenticates: bad HMAC gets 401 and stores nothing", async () => {
    // The classic topics; an order's updates come through Events, whose route webhook-door.test.ts delivers to.
    expect(subscriptions.length).toBe(15);
    for (const { topic, uri } of subscriptions) {
      const response = await deliver(topic, "hmac.myshopify.com", { id: 1 }, { uri, secret: "not-the-app-secret" }).catch(
        (thrown) => thrown as Response,
      );
      expect(response.status, topic).toBe(401);
    }
    expect(await db.webhookEvent.count({ where: { shop: "hmac.myshopify.com" } })).toBe(0);
  });

  it("every subscribed topic stores a well-signed event and answers 200", async () => {
    const shop = shopDomain("every-topic.myshopify.com");
    await install(shop);
    // The two that end the shop's data (uninstall, erasure) last, so that every other topic meets an installed shop.
    const last = ["app/uninstalled", "shop/redact"];
    const ordered = [
      ...subscriptions.filter((one) => !last.includes(one.topic)),
      ...last.map((topic) => subscriptions.find((one) => one.topic === topic)!),
    ];
    const kept: string[] = [];
    for (const { topic, uri } of ordered) {
      if (topic === "shop/redact") kept.push(...(await db.webhookEvent.findMany({ where: { shop }, select: { topic: true } })).map((e) => e.topic));
      // The redaction names a customer none of the other payloads carries.
      const response = await deliver(topic, shop, { id: 7, customer: { id: topic === "customers/redact" ? 1 : 99 }, orders_to_redact: [] }, { uri });
      expect(response.status, topic).toBe(200);
    }
    expect(kept.sort()).toEqual(
      subscriptions
        .filter((one) => one.topic !== "shop/redact")
        .map((one) => one.topic.toUpperCase().replaceAll("/", "_"))
        .sort(),
    );
    // shop/redact then erased them all, itself included.
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
  });

  it("stores a re-delivered event once", async () => {
    await install("dupes.myshopify.com");
    const first = await deliver("orders/create", "dupes.myshopify.com", { id: 1001 }, { eventId: "evt-1" });
    const second = await deliver("orders/create", "dupes.myshopify.com", { id: 1001 }, { eventId: "evt-1" });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await db.webhookEvent.count({ where: { shop: "dupes.myshopify.com", eventId: "evt-1" } })).toBe(1);
  });

  it("refuses an event sent to another topic's route", async () => {
    const response = await deliver("orders/paid", "wrong-route.myshopify.com", { id: 1 }, { uri: "/webhooks/orders/create" });
    expect(response.status).toBe(400);
    expect(await db.webhookEvent.count({ where: { shop: "wrong-route.myshopify.com" } })).toBe(0);
  });

  it("app/uninstalled deletes the shop's sessions and marks it uninstalled", async () => {
    const shop = shopDomain("leaving.myshopify.com");
    await db.shop.create({ data: { domain: shop } });
    const sealed = new SecretBox(env.encryptionKey).seal("shpat_leaving");
    await db.session.create({ data: { id: `offline_${shop}`, shop, state: "x", accessToken: sealed } });
    expect((await deliver("app/uninstalled", shop, { id: 1 })).status).toBe(200);
    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect((await db.shop.findUnique({ where: { domain: shop } }))?.uninstalledAt).toBeInstanceOf(Date);
  });

  it("customers/redact erases the stored payloads that carry that customer", async () => {
    const shop = shopDomain("privacy.myshopify.com");
    await install(shop);
    await db.externalLink.create({ data: { shop, system: "erp", entity: "customer", shopifyId: "gid://shopify/Customer/42", externalId: "C42" } });
    await deliver("orders/create", shop, { id: 501, customer: { id: 42 } });
    await deliver("orders/create", shop, { id: 502, customer: { id: 43 } });
    await deliver("customers/update", shop, { id: 42, email: "a@example.com" });
    const request = {
      shop_id: 1,
      shop_domain: shop,
      customer: { id: 42, email: "ada@example.com", phone: "+39 333 1234567" },
      orders_to_redact: [501],
    };
    expect((await deliver("customers/redact", shop, request)).status).toBe(200);
    const left = await db.webhookEvent.findMany({ where: { shop }, select: { topic: true, payload: true, processedAt: true, error: true } });
    expect(left.map((e) => e.topic).sort()).toEqual(["CUSTOMERS_REDACT", "ORDERS_CREATE"]);
    expect(left.find((e) => e.topic === "ORDERS_CREATE")?.payload).toMatchObject({ id: 502 });
    // The request itself no longer carries the customer's email, phone or id once carried out.
    const done = left.find((e) => e.topic === "CUSTOMERS_REDACT")!;
    expect(done.processedAt).toBeInstanceOf(Date);
    expect(done.error).toBeNull();
    expect(JSON.stringify(done.payload)).not.toMatch(/ada@example|333 1234567|"id":42/);
    expect(await db.externalLink.count({ where: { shop, entity: "customer" } })).toBe(0);
  });

  it("shop/redact leaves no row of the shop in any model of the schema, and every row of another shop", async () => {
    const shop = shopDomain("erased.myshopify.com");
    const neighbour = "stays.myshopify.com";
    const filled = await fillEveryModel(db, shop, 1);
    await fillEveryModel(db, neighbour, 2);
    await deliver("orders/create", shop, { id: 1 });
    // Every model of Prisma's list but the one that holds no shop's data was filled.
    expect(filled.sort()).toEqual(
      modelNames()
        .filter((model) => !MODELS_WITHOUT_SHOP.has(model))
        .sort(),
    );
    expect(Object.values(await rowsOfShop(db, shop)).every((n) => n >= 1)).toBe(true);
    expect((await deliver("shop/redact", shop, { shop_id: 1, shop_domain: shop })).status).toBe(200);
    const left = await rowsOfShop(db, shop);
    console.log(
      `shop/redact: ${Object.keys(left).length} models walked, rows of the erased shop left: ${Object.values(left).reduce((a, b) => a + b, 0)}`,
    );
    expect(Object.entries(left).filter(([, n]) => n > 0)).toEqual([]);
    expect(Object.values(await rowsOfShop(db, neighbour)).every((n) => n >= 1)).toBe(true);
    // A repeat of the request (Shopify may deliver twice) finds nothing and still answers 200.
    expect((await deliver("shop/redact", shop, { shop_id: 1, shop_domain: shop })).status).toBe(200);
    expect(Object.values(await rowsOfShop(db, shop)).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it("answers 200 for a shop that has no active installation and keeps nothing of its orders, products or customers; compliance topics are still carried out", async () => {
    const never = "never-installed.myshopify.com";
    const gone = "uninstalled.myshopify.com";
    await install(gone);
    await deliver("app/uninstalled", gone, { id: 1 });
    for (const shop of [never, gone]) {
      for (const topic of ["orders/create", "orders/paid", "products/update", "customers/update"]) {
        const response = await deliver(topic, shop, { id: 9, customer: { id: 5, email: "someone@example.com" } });
        expect(response.status, `${shop} ${topic}`).toBe(200);
      }
      expect(await db.webhookEvent.count({ where: { shop, topic: { not: "APP_UNINSTALLED" } } })).toBe(0);
      expect(await db.orderSnapshot.count({ where: { shop } })).toBe(0);
      expect(await db.orderExport.count({ where: { shop } })).toBe(0);
      const counted = await db.unknownShopDelivery.findMany({ where: { shop }, orderBy: { topic: "asc" } });
      expect(counted.map((row) => `${row.topic}:${row.count}`)).toEqual([
        "CUSTOMERS_UPDATE:1",
        "ORDERS_CREATE:1",
        "ORDERS_PAID:1",
        "PRODUCTS_UPDATE:1",
      ]);
    }
    // shop/redact comes 48 hours after the uninstall: carried out.
    expect((await deliver("shop/redact", gone, { shop_id: 2, shop_domain: gone })).status).toBe(200);
    expect(await db.shop.count({ where: { domain: gone } })).toBe(0);
    expect(await db.unknownShopDelivery.count({ where: { shop: gone } })).toBe(0);
    // customers/redact and customers/data_request are kept and carried out whatever the shop's state.
    expect((await deliver("customers/redact", never, { customer: { id: 5 }, orders_to_redact: [] })).status).toBe(200);
    const redaction = await db.webhookEvent.findFirst({ where: { shop: never, topic: "CUSTOMERS_REDACT" } });
    expect(redaction?.processedAt).toBeInstanceOf(Date);
    expect((await deliver("customers/data_request", never, { customer: { id: 5 }, orders_requested: [] })).status).toBe(200);
    expect(await db.webhookEvent.count({ where: { shop: never, topic: "CUSTOMERS_DATA_REQUEST" } })).toBe(1);
  });

  it("a well-signed body that is not a JSON object gets a 400 with its reason and stores nothing; badly signed, a 401", async () => {
    const shop = shopDomain("bad-bodies.myshopify.com");
    await install(shop);
    const cases: Array<[string, RegExp]> = [
      ['{"id": 1, "customer": ', /not JSON/],
      ["", /empty/],
      ["[1, 2, 3]", /not an object \(an array\)/],
      ["42", /not an object \(number\)/],
      ["null", /not an object \(null\)/],
    ];
    for (const [body, reason] of cases) {
      const response = await deliverRaw("orders/create", shop, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.text()).toMatch(reason);
      expect((await deliverRaw("orders/create", shop, body, "not-the-secret")).status).toBe(401);
    }
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
    expect(await db.orderSnapshot.count({ where: { shop } })).toBe(0);
  });

  it("a well-signed delivery whose shop is no shop domain, or without Shopify's headers, gets a 400 and stores nothing", async () => {
    const notADomain = await deliverRaw("orders/create", "not a shop", '{"id": 1}');
    expect(notADomain.status).toBe(400);
    expect(await notADomain.text()).toMatch(/no shop domain/);
    const action = await routeAction("/webhooks/orders/create");
    const body = '{"id": 2}';
    const request = new Request("http://127.0.0.1:39999/webhooks/orders/create", {
      method: "POST",
      body,
      headers: {
        "X-Shopify-Hmac-Sha256": createHmac("sha256", env.apiSecret).update(body, "utf8").digest("base64"),
        "X-Shopify-Shop-Domain": "headless.myshopify.com",
      },
    });
    const headless = await action({ request, params: {}, context: {} });
    expect(headless.status).toBe(400);
    expect(await headless.text()).toMatch(/lacks Shopify's headers/);
    expect(await db.webhookEvent.count({ where: { shop: { in: ["not a shop", "headless.myshopify.com"] } } })).toBe(0);
  });

  it("marks the topics nothing waits on (customers/update, bulk_operations/finish) processed on arrival", async () => {
    const shop = shopDomain("recorded-only.myshopify.com");
    await install(shop);
    await deliver("customers/update", shop, { id: 3 });
    await deliver("bulk_operations/finish", shop, { admin_graphql_api_id: "gid://shopify/BulkOperation/1", status: "completed" });
    const events = await db.webhookEvent.findMany({ where: { shop } });
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.processedAt !== null && event.error === null)).toBe(true);
  });

  it("keeps a compliance request it could not process, with its reason", async () => {
    const shop = shopDomain("bad-redact.myshopify.com");
    expect((await deliver("customers/redact", shop, { not: "what shopify sends" })).status).toBe(200);
    const [event] = await db.webhookEvent.findMany({ where: { shop } });
    expect(event?.processedAt).toBeInstanceOf(Date);
    expect(event?.error).toMatch(/customer/);
  });

  it("prunes processed payloads after the retention period (30 days by default) and failed ones once resolved or after 90 days", async () => {
    const shop = shopDomain("retention.myshopify.com");
    const now = new Date("2026-12-01T12:00:00Z");
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const event = (name: string, receivedDays: number, processed: boolean, error: string | null) =>
      db.webhookEvent.create({
        data: {
          shop,
          topic: "ORDERS_CREATE",
          eventId: name,
          webhookId: name,
          apiVersion: "2026-07",
          payload: { name },
          receivedAt: daysAgo(receivedDays),
          processedAt: processed ? daysAgo(receivedDays) : null,
          error,
        },
      });
    await event("processed-29-days", 29, true, null);
    await event("processed-31-days", 31, true, null);
    await event("failed-60-days", 60, true, "ERP refused");
    await event("failed-91-days", 91, true, "ERP refused");
    await event("waiting-40-days", 40, false, null);
    expect(inboxRetention({})).toEqual({ processedDays: 30, failedDays: 90 });
    expect(() => inboxRetention({ PONTE_INBOX_RETENTION_DAYS: "thirty" })).toThrow(/whole number of days/);
    expect(await pruneInbox(db, inboxRetention({}), now)).toBe(2);
    const left = (await db.webhookEvent.findMany({ where: { shop }, select: { eventId: true } })).map((row) => row.eventId).sort();
    expect(left).toEqual(["failed-60-days", "processed-29-days", "waiting-40-days"]);
    expect(await pruneInbox(db, inboxRetention({ PONTE_INBOX_RETENTION_DAYS: "7" }), now)).toBe(1);
  });
});
