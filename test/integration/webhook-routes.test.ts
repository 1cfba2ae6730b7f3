// GIVEN the app's webhook routes, Shopify's real authenticate.webhook and a real database
// WHEN Shopify delivers (and re-delivers) signed events
// THEN each is stored once, a bad signature stores nothing, and the lifecycle topics take effect
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { signedWebhookRequest } from "../support/signed-webhook";
import { createTestDatabase } from "../support/test-database";

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
    expect(subscriptions.length).toBe(14);
    for (const { topic, uri } of subscriptions) {
      const response = await deliver(topic, "hmac.myshopify.com", { id: 1 }, { uri, secret: "not-the-app-secret" }).catch((thrown) => thrown as Response);
      expect(response.status, topic).toBe(401);
    }
    expect(await db.webhookEvent.count({ where: { shop: "hmac.myshopify.com" } })).toBe(0);
  });

  it("every subscribed topic stores a well-signed event and answers 200", async () => {
    for (const { topic, uri } of subscriptions) {
      const response = await deliver(topic, "every-topic.myshopify.com", { id: 7, customer: { id: 99 }, orders_to_redact: [] }, { uri });
      expect(response.status, topic).toBe(200);
    }
    const topics = (await db.webhookEvent.findMany({ where: { shop: "every-topic.myshopify.com" }, select: { topic: true } })).map((e) => e.topic);
    // shop/redact erases the shop's earlier events; all others are kept.
    expect(topics).toContain("SHOP_REDACT");
  });

  it("stores a re-delivered event once", async () => {
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
    const shop = "leaving.myshopify.com";
    await db.shop.create({ data: { domain: shop } });
    const sealed = new SecretBox(env.encryptionKey).seal("shpat_leaving");
    await db.session.create({ data: { id: `offline_${shop}`, shop, state: "x", accessToken: sealed } });
    expect((await deliver("app/uninstalled", shop, { id: 1 })).status).toBe(200);
    expect(await db.session.count({ where: { shop } })).toBe(0);
    expect((await db.shop.findUnique({ where: { domain: shop } }))?.uninstalledAt).toBeInstanceOf(Date);
  });

  it("customers/redact erases the stored payloads that carry that customer", async () => {
    const shop = "privacy.myshopify.com";
    await deliver("orders/create", shop, { id: 501, customer: { id: 42 } });
    await deliver("orders/create", shop, { id: 502, customer: { id: 43 } });
    await deliver("customers/update", shop, { id: 42, email: "a@example.com" });
    expect((await deliver("customers/redact", shop, { customer: { id: 42 }, orders_to_redact: [501] })).status).toBe(200);
    const left = await db.webhookEvent.findMany({ where: { shop }, select: { topic: true, payload: true } });
    expect(left.map((e) => e.topic).sort()).toEqual(["CUSTOMERS_REDACT", "ORDERS_CREATE"]);
    expect(left.find((e) => e.topic === "ORDERS_CREATE")?.payload).toMatchObject({ id: 502 });
  });

  it("shop/redact erases everything Ponte holds for the shop", async () => {
    const shop = "erased.myshopify.com";
    await db.shop.create({ data: { domain: shop } });
    await deliver("orders/create", shop, { id: 1 });
    expect((await deliver("shop/redact", shop, { shop_domain: shop })).status).toBe(200);
    expect(await db.shop.count({ where: { domain: shop } })).toBe(0);
    expect((await db.webhookEvent.findMany({ where: { shop } })).map((e) => e.topic)).toEqual(["SHOP_REDACT"]);
  });

  it("keeps a compliance request it could not process, with its reason", async () => {
    const shop = "bad-redact.myshopify.com";
    expect((await deliver("customers/redact", shop, { not: "what shopify sends" })).status).toBe(200);
    const [event] = await db.webhookEvent.findMany({ where: { shop } });
    expect(event?.processedAt).toBeInstanceOf(Date);
    expect(event?.error).toMatch(/customer/);
  });
});
