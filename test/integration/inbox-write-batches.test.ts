// GIVEN the webhook door's grouped writes to the inbox (inboxWriteBatches) on a real database
// WHEN deliveries come while the door's writes are under way: many at once, repeats, a shop without Ponte, a body
//      PostgreSQL cannot read as JSON, one holding the NUL character, one larger than a write's bodies may be
// THEN those that waited are stored together, in one statement each write, up to the batch's size, and each is
//      answered with exactly the outcome it would have had alone; one refused costs the others nothing
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { poolSql, type SqlRunner } from "../../app/services/database/sql-runner.server";
import { shopDomain } from "../../app/services/ids";
import type { AuthenticatedWebhook } from "../../app/services/webhooks/handle-webhook.server";
import {
  inboxBatchSettings,
  inboxWriteBatches,
  MOST_DELIVERIES_A_WRITE,
  type InboxBatchSettings,
} from "../../app/services/webhooks/inbox-write-batches.server";
import { inboxDelivery } from "../../app/services/webhooks/store-delivery.server";
import { INBOX_CHANNEL, recordWebhooks } from "../../app/services/webhooks/webhook-inbox.server";
import { bodyNotJson } from "../../app/services/webhooks/webhook-body.server";
import { createTestDatabase } from "../support/test-database";

let db: PrismaClient;
let pool: pg.Pool;
const shop = shopDomain("batches.myshopify.com");

beforeAll(async () => {
  const url = await createTestDatabase("inbox-write-batches");
  db = createPrismaClient(url);
  pool = new pg.Pool({ ...poolConfigFromUrl(url), max: 4 });
  await db.shop.create({ data: { domain: shop } });
});
afterAll(async () => {
  await pool.end();
  await db.$disconnect();
});

/** The real runner, with how many deliveries each of its inbox inserts carried. */
function recordingSql(): { sql: SqlRunner; inserts: number[] } {
  const inserts: number[] = [];
  const real = poolSql(pool);
  const sql: SqlRunner = (text, values) => {
    // Three values for the statement, nine for each delivery.
    if (text.includes(`INSERT INTO "WebhookEvent"`)) inserts.push((values.length - 3) / 9);
    return real(text, values);
  };
  return { sql, inserts };
}

function delivery(eventId: string, options: { shop?: string; body?: string } = {}): AuthenticatedWebhook {
  const body = options.body ?? JSON.stringify({ id: eventId, total_price: "10.00" });
  return {
    shop: shopDomain(options.shop ?? shop),
    topic: "ORDERS_CREATE",
    webhookId: `w-${eventId}`,
    eventId,
    apiVersion: "2026-07",
    payload: undefined,
    payloadJson: body,
  };
}

const settings = (overrides: Partial<InboxBatchSettings> = {}): InboxBatchSettings => ({
  writesAtOnce: 2,
  maxDeliveries: 32,
  maxPayloadLength: 4 * 1024 * 1024,
  ...overrides,
});

const storedOf = (prefix: string) =>
  db.webhookEvent.findMany({
    where: { shop, eventId: { startsWith: prefix } },
    select: { eventId: true, webhookId: true, payload: true },
    orderBy: { eventId: "asc" },
  });

describe("the webhook door's grouped inbox writes", () => {
  it("stores what came while its writes were under way together, up to a batch's size, each answered recorded", async () => {
    const { sql, inserts } = recordingSql();
    const store = inboxWriteBatches(sql, settings());
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, n) => store(delivery(`many-${String(n).padStart(2, "0")}`))));
    // The first two each a write of their own (nothing under way yet), the 48 that came meanwhile in two: 32 and 16.
    expect([...inserts].sort((a, b) => a - b)).toEqual([1, 1, 16, 32]);
    expect(outcomes.every((outcome) => outcome.status === "recorded")).toBe(true);
    const ids = outcomes.map((outcome) => (outcome.status === "recorded" ? outcome.id : ""));
    expect(new Set(ids).size).toBe(50);
    const stored = await storedOf("many-");
    expect(stored).toHaveLength(50);
    expect(stored[7]).toEqual({ eventId: "many-07", webhookId: "w-many-07", payload: { id: "many-07", total_price: "10.00" } });
    // Each row is the one its answer names.
    const rows = await db.webhookEvent.findMany({ where: { id: { in: ids } }, select: { id: true, eventId: true } });
    expect(new Map(rows.map((row) => [row.id, row.eventId])).get(ids[42]!)).toBe("many-42");
  });

  it("answers a repeat, a shop without Ponte and a new event in one write each as alone, the first of two deliveries of one event stored", async () => {
    const { sql, inserts } = recordingSql();
    const store = inboxWriteBatches(sql, settings({ writesAtOnce: 1 }));
    await store(delivery("mixed-stored"));
    const stranger = "batches-stranger.myshopify.com";
    const outcomes = await Promise.all([
      store(delivery("mixed-first")), // a write of its own; the rest wait for it, and go together
      store(delivery("mixed-stored")),
      store({ ...delivery("mixed-twice"), webhookId: "first-delivery" }),
      store({ ...delivery("mixed-twice"), webhookId: "second-delivery" }),
      store(delivery("mixed-stranger", { shop: stranger })),
      store(delivery("mixed-new")),
    ]);
    expect(inserts).toEqual([1, 1, 5]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["recorded", "duplicate", "recorded", "duplicate", "not-installed", "recorded"]);
    expect((await storedOf("mixed-")).map(({ eventId, webhookId }) => `${eventId} ${webhookId}`)).toEqual([
      "mixed-first w-mixed-first",
      "mixed-new w-mixed-new",
      "mixed-stored w-mixed-stored",
      "mixed-twice first-delivery",
    ]);
    expect(await db.webhookEvent.count({ where: { shop: stranger } })).toBe(0);
    expect((await db.unknownShopDelivery.findUnique({ where: { shop_topic: { shop: stranger, topic: "ORDERS_CREATE" } } }))?.count).toBe(1);
  });

  it("refuses only the delivery whose body PostgreSQL cannot read as JSON, and keeps the others, a NUL character replaced", async () => {
    const { sql, inserts } = recordingSql();
    const store = inboxWriteBatches(sql, settings({ writesAtOnce: 1 }));
    const warned = vi.spyOn(console, "warn");
    const results = await Promise.allSettled([
      store(delivery("refused-before")),
      store(delivery("refused-good-1")),
      store(delivery("refused-bad", { body: `{"id": 1, "total_price": 10.00.1}` })),
      store(delivery("refused-nul", { body: `{"id": 2, "note": "a\\u0000b"}` })),
      store(delivery("refused-good-2")),
    ]);
    // The four that waited tried together, then each alone, in their order (the NUL one cleaned before its first try).
    expect(inserts).toEqual([1, 4, 1, 1, 1, 1]);
    // Its NUL replaced and logged once, though it was made ready for two statements.
    expect(warned.mock.calls.filter(([line]) => String(line).includes("webhook-payload-nul-replaced"))).toHaveLength(1);
    warned.mockRestore();
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(bodyNotJson((results[2] as PromiseRejectedResult).reason)).toBe(true);
    const stored = await storedOf("refused-");
    expect(stored.map(({ eventId }) => eventId)).toEqual(["refused-before", "refused-good-1", "refused-good-2", "refused-nul"]);
    expect(stored[3]!.payload).toEqual({ id: 2, note: "a\ufffdb" });
  });

  it("stores a body with a NUL character in its write, cleaned, and a body with an escaped backslash before u0000 as it came", async () => {
    const { sql, inserts } = recordingSql();
    const store = inboxWriteBatches(sql, settings({ writesAtOnce: 1 }));
    const escapedBackslash = `{"id": 4, "note": "C:\\\\u0000dir"}`;
    await Promise.all([
      store(delivery("nul-before")),
      store(delivery("nul-one", { body: `{"id": 3, "note": "a\\u0000b", "a\\u0000": "key"}` })),
      store(delivery("nul-escaped", { body: escapedBackslash })),
      store(delivery("nul-after")),
    ]);
    // No refusal, so no delivery tried alone: the three that waited in one statement.
    expect(inserts).toEqual([1, 3]);
    const stored = await storedOf("nul-");
    expect(stored.find(({ eventId }) => eventId === "nul-one")!.payload).toEqual({ id: 3, note: "a\ufffdb", "a\ufffd": "key" });
    expect(stored.find(({ eventId }) => eventId === "nul-escaped")!.payload).toEqual(JSON.parse(escapedBackslash));
    expect(JSON.parse(escapedBackslash).note).toBe("C:\\u0000dir");
  });

  it("gives a delivery larger than a write's bodies may be a write of its own", async () => {
    const { sql, inserts } = recordingSql();
    const store = inboxWriteBatches(sql, settings({ writesAtOnce: 1, maxPayloadLength: 200 }));
    const large = JSON.stringify({ id: "large", note: "x".repeat(300) });
    const outcomes = await Promise.all([
      store(delivery("size-0")),
      store(delivery("size-1")),
      store(delivery("size-2")),
      store(delivery("size-large", { body: large })),
      store(delivery("size-3")),
    ]);
    expect(inserts).toEqual([1, 2, 1, 1]);
    expect(outcomes.every((outcome) => outcome.status === "recorded")).toBe(true);
    expect(await storedOf("size-")).toHaveLength(5);
  });

  it("answers every waiting delivery with the failure when the database is gone, and stores them once it is back", async () => {
    const broken: SqlRunner = () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:1"));
    const store = inboxWriteBatches(broken, settings({ writesAtOnce: 1 }));
    const results = await Promise.allSettled(["gone-1", "gone-2", "gone-3"].map((eventId) => store(delivery(eventId))));
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await storedOf("gone-")).toEqual([]);
    // Shopify sends each again; the next writes are not held by the failed ones.
    const again = inboxWriteBatches(poolSql(pool), settings({ writesAtOnce: 1 }));
    expect((await Promise.all(["gone-1", "gone-2", "gone-3"].map((eventId) => again(delivery(eventId))))).map((o) => o.status)).toEqual([
      "recorded",
      "recorded",
      "recorded",
    ]);
  });

  it("stores the most deliveries a write may take in one statement, and notifies the drain once for them when asked", async () => {
    const listener = await pool.connect();
    const told: string[] = [];
    listener.on("notification", (message) => told.push(message.payload ?? ""));
    await listener.query(`LISTEN ${INBOX_CHANNEL}`);
    try {
      const deliveries = Array.from({ length: MOST_DELIVERIES_A_WRITE }, (_, n) => ({
        webhook: inboxDelivery(delivery(`most-${String(n).padStart(4, "0")}`)),
        receivedAt: new Date(),
      }));
      const { sql, inserts } = recordingSql();
      const results = await recordWebhooks(sql, [...deliveries, deliveries[0]!], { onlyForInstalledShop: true });
      expect(inserts).toEqual([MOST_DELIVERIES_A_WRITE + 1]);
      expect(results.filter((result) => result.status === "fulfilled" && result.value.status === "recorded")).toHaveLength(MOST_DELIVERIES_A_WRITE);
      expect(results.at(-1)).toEqual({ status: "fulfilled", value: { status: "duplicate" } });
      await vi.waitFor(() => expect(told).toEqual([String(MOST_DELIVERIES_A_WRITE)]));
      expect(await storedOf("most-")).toHaveLength(MOST_DELIVERIES_A_WRITE);
    } finally {
      await listener.query(`UNLISTEN ${INBOX_CHANNEL}`);
      listener.release();
    }
  });

  it("reads its settings from the environment, refusing a count that is not one", () => {
    expect(inboxBatchSettings({})).toEqual({ writesAtOnce: 4, maxDeliveries: 32, maxPayloadLength: 4 * 1024 * 1024 });
    expect(inboxBatchSettings({ PONTE_WEBHOOK_WRITES: "2", PONTE_WEBHOOK_BATCH: "1" })).toMatchObject({ writesAtOnce: 2, maxDeliveries: 1 });
    expect(() => inboxBatchSettings({ PONTE_WEBHOOK_BATCH: "0" })).toThrow(/PONTE_WEBHOOK_BATCH must be a whole number of deliveries/);
    expect(() => inboxBatchSettings({ PONTE_WEBHOOK_BATCH: "5000" })).toThrow(/PONTE_WEBHOOK_BATCH must be at most 1000 deliveries/);
    // The most a write may store goes into one statement.
    expect(inboxBatchSettings({ PONTE_WEBHOOK_BATCH: "1000" }).maxDeliveries).toBe(1000);
  });
});
