// GIVEN webhook events stored in the inbox the way the webhook route stores them (real captured orders/create payloads)
// WHEN workers claim and process them in batches (drainInboxBatch), crash while holding some, or meet failures
// THEN the insert wakes listeners on ponte_inbox; two workers draining at once process every event exactly once;
//      an event a crashed worker held is claimed again only after its lease; a passing failure is retried with
//      backoff until MAX_ATTEMPTS and then kept with its reason; a payload not understood is kept and never claimed again
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { shopDomain, type ShopDomain } from "../../app/services/ids";
import {
  claimInboxEvents,
  drainInboxBatch,
  LEASE_MS,
  MAX_ATTEMPTS,
  processInboxBatch,
  retryDelayMs,
  settleInboxEvents,
  type InboxDependencies,
} from "../../app/services/webhooks/process-inbox-event.server";
import { INBOX_CHANNEL, recordWebhook } from "../../app/services/webhooks/webhook-inbox.server";
import { capturedOrderNumbered, capturedOrders } from "../support/captured-orders";
import { startInboxDrainer } from "../../jobs/inbox-drainer.server";
import { createTestDatabase } from "../support/test-database";

let databaseUrl: string;
let db: PrismaClient;
const captured = capturedOrders().find((order) => order.source.startsWith("membi-order_create_no_dis.json"))!.payload;

async function store(shop: ShopDomain, from: number, count: number, payload = (n: number): unknown => capturedOrderNumbered(captured, n)) {
  const ids: string[] = [];
  for (let n = from; n < from + count; n++) {
    const outcome = await recordWebhook(db, {
      shop,
      topic: "ORDERS_CREATE",
      eventId: `e-${n}`,
      webhookId: `w-${n}`,
      apiVersion: "2026-07",
      payload: payload(n),
    });
    if (outcome.status === "recorded") ids.push(outcome.id);
  }
  return ids;
}

const eventsOf = (shop: ShopDomain) => db.webhookEvent.findMany({ where: { shop }, orderBy: { eventId: "asc" } });

beforeAll(async () => {
  databaseUrl = await createTestDatabase("inbox-drain");
  db = createPrismaClient(databaseUrl);
});

afterAll(async () => {
  await db?.$disconnect();
});

describe("the webhook inbox drain", () => {
  it("wakes a listener on ponte_inbox when an event is stored, and not for a repeat of it", async () => {
    const listener = new pg.Client({ connectionString: databaseUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (message) => heard.push(message.channel));
    await listener.query(`LISTEN ${INBOX_CHANNEL}`);
    try {
      const shop = shopDomain("notify.myshopify.com");
      await store(shop, 1, 1);
      await expect.poll(() => heard, { timeout: 5_000 }).toEqual([INBOX_CHANNEL]);
      expect(await store(shop, 1, 1)).toEqual([]); // the same event again: stored once, nobody woken
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([INBOX_CHANNEL]);
    } finally {
      await listener.end();
    }
  });

  it("processes every event exactly once with two workers draining side by side", async () => {
    const shop = shopDomain("two-drains.myshopify.com");
    await store(shop, 1000, 240);
    const changed: string[] = [];
    const deps: InboxDependencies = { db, onOrderChanged: async (_shop, orderId) => void changed.push(orderId) };
    const settings = { batchSize: 25, concurrency: 5 };
    const drain = async () => {
      let claimed = 0;
      for (let taken = -1; taken !== 0;) claimed += taken = await drainInboxBatch(deps, settings);
      return claimed;
    };
    const [first, second] = await Promise.all([drain(), drain()]);
    // (An earlier test's event is in the same inbox, processed here too.)
    expect(first + second).toBeGreaterThanOrEqual(240);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    const events = await eventsOf(shop);
    expect(events.every((event) => event.processedAt !== null && event.error === null && event.attempts === 1)).toBe(true);
    const ours = changed.filter((orderId) =>
      events.some((event) => (event.payload as { admin_graphql_api_id: string }).admin_graphql_api_id === orderId),
    );
    expect(ours).toHaveLength(240);
    expect(new Set(ours).size).toBe(240);
    expect(await db.orderSnapshot.count({ where: { shop } })).toBe(240);
  });

  it("asks once for the export of an order whose several webhooks came in one batch, after all their snapshots", async () => {
    const shop = shopDomain("one-order.myshopify.com");
    const order = capturedOrderNumbered(captured, 5000);
    const later = (minutes: number) => ({ ...order, updated_at: new Date(Date.parse(String(order.updated_at)) + minutes * 60_000).toISOString() });
    for (const [n, payload] of [order, later(1), later(2)].entries()) {
      await recordWebhook(db, { shop, topic: "ORDERS_UPDATED", eventId: `one-${n}`, webhookId: `one-${n}`, apiVersion: "2026-07", payload });
    }
    const asked: Array<{ orderId: string; snapshotAt: string | undefined }> = [];
    const deps: InboxDependencies = {
      db,
      onOrderChanged: async (_shop, orderId) => {
        const snapshot = await db.orderSnapshot.findUnique({ where: { shop_orderId: { shop, orderId } } });
        asked.push({ orderId, snapshotAt: snapshot?.shopifyUpdatedAt.toISOString() });
      },
    };
    const events = (await claimInboxEvents(db, 500)).filter((event) => event.shop === shop);
    await settleInboxEvents(db, await processInboxBatch(deps, events, 3));
    // One ask, when the newest of the three was already held.
    expect(asked).toEqual([{ orderId: String(order.admin_graphql_api_id), snapshotAt: later(2).updated_at }]);
  });

  it("holds back while deliveries come faster than its rate, for at most its longest hold, and drains once they slow", async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const run = async (shop: ShopDomain, maxHoldMs: number, burstMs: number) => {
      const processed: string[] = [];
      const drainer = await startInboxDrainer({
        db,
        databaseUrl,
        log: () => {},
        batchSize: 50,
        concurrency: 5,
        pollMs: 100,
        burstHold: { holdAboveRate: 100, maxHoldMs },
        onOrderChanged: async (of, orderId) => void (of === shop && processed.push(orderId)),
      });
      // The webhook door's wake-ups of a flash sale: 30 deliveries each 50 ms (600 a second), announced on the channel.
      const door = new pg.Client({ connectionString: databaseUrl });
      await door.connect();
      const announce = setInterval(() => void door.query(`SELECT pg_notify($1, '30')`, [INBOX_CHANNEL]).catch(() => {}), 50);
      try {
        await sleep(300);
        await store(shop, 5000, 5);
        const started = Date.now();
        await sleep(burstMs);
        const duringBurst = processed.length;
        clearInterval(announce);
        await vi.waitFor(() => expect(processed).toHaveLength(5), { timeout: 10_000, interval: 50 });
        return { duringBurst, drainedAfterMs: Date.now() - started };
      } finally {
        clearInterval(announce);
        await drainer.stop();
        await door.end();
      }
    };
    // Held through a 2-second burst: nothing processed until it ended, everything soon after.
    const held = await run(shopDomain("burst-held.myshopify.com"), 60_000, 2_000);
    expect(held.duringBurst).toBe(0);
    expect(held.drainedAfterMs).toBeLessThan(2_000 + 5_000);
    // A burst longer than the longest hold (0.5 s): processed while it still goes on.
    const longer = await run(shopDomain("burst-long.myshopify.com"), 500, 3_000);
    expect(longer.duringBurst).toBe(5);
  });

  it("claims an event a crashed worker held again only once its lease has run out", async () => {
    const shop = shopDomain("crashed.myshopify.com");
    await store(shop, 2000, 3);
    const now = new Date();
    const held = await claimInboxEvents(db, 10, now);
    expect(held.filter((event) => event.shop === shop)).toHaveLength(3);
    // The worker died holding them: nobody else takes them meanwhile.
    expect((await claimInboxEvents(db, 10, new Date(now.getTime() + LEASE_MS - 1_000))).filter((event) => event.shop === shop)).toEqual([]);
    const again = (await claimInboxEvents(db, 10, new Date(now.getTime() + LEASE_MS + 1_000))).filter((event) => event.shop === shop);
    expect(again.map((event) => event.attempts)).toEqual([2, 2, 2]);
  });

  it("retries a passing failure with growing delays, and keeps it with its reason once the attempts are used up", async () => {
    const shop = shopDomain("flaky-queue.myshopify.com");
    const [id] = await store(shop, 3000, 1);
    const deps: InboxDependencies = {
      db,
      onOrderChanged: async () => {
        throw new Error("the job store did not answer");
      },
    };
    const claimOurs = async (at: Date) => (await claimInboxEvents(db, 500, at)).filter((claimed) => claimed.id === id);
    let now = new Date();
    const [event] = await claimOurs(now);
    const [first] = await processInboxBatch(deps, [event!], 1, now);
    expect(first).toMatchObject({ status: "retry", reason: "the job store did not answer" });
    await settleInboxEvents(db, [first!], now);
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: id! } });
    expect(row.error).toBe("the job store did not answer");
    expect(row.processedAt).toBeNull();
    expect(row.availableAt!.getTime() - now.getTime()).toBeGreaterThanOrEqual(1_600);
    // Not before its time; then again and again, until the last attempt.
    expect(await claimOurs(now)).toEqual([]);
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      now = new Date(now.getTime() + 11 * 60_000);
      const [retried] = await claimOurs(now);
      expect(retried?.attempts).toBe(attempt);
      await settleInboxEvents(db, await processInboxBatch(deps, [retried!], 1, now), now);
    }
    const given = await db.webhookEvent.findUniqueOrThrow({ where: { id: id! } });
    expect(given).toMatchObject({ attempts: MAX_ATTEMPTS, availableAt: null, processedAt: null });
    expect(given.error).toBe(`the job store did not answer (gave up after ${MAX_ATTEMPTS} attempts)`);
    expect(await claimOurs(new Date(now.getTime() + 86_400_000))).toEqual([]);
  });

  it("keeps a payload it cannot understand with its reason, and never claims it again", async () => {
    const shop = shopDomain("nonsense.myshopify.com");
    const [id] = await store(shop, 4000, 1, () => ({ id: 4000, nonsense: true }));
    const deps: InboxDependencies = { db, onOrderChanged: async () => {} };
    for (let taken = -1; taken !== 0;) taken = await drainInboxBatch(deps, { batchSize: 50, concurrency: 5 });
    const row = await db.webhookEvent.findUniqueOrThrow({ where: { id: id! } });
    expect(row.error).toMatch(/^payload not understood: /);
    expect(row).toMatchObject({ processedAt: null, availableAt: null, attempts: 1 });
    expect((await claimInboxEvents(db, 500, new Date(Date.now() + 86_400_000))).some((claimed) => claimed.id === id)).toBe(false);
  });

  it("spaces retries 2 s, 4 s, 8 s… apart (within a fifth either way) up to 10 minutes", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(2_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(8_000);
    expect(retryDelayMs(20, () => 0.5)).toBe(600_000);
    expect(retryDelayMs(1, () => 0)).toBe(1_600);
    expect(retryDelayMs(1, () => 1)).toBe(2_400);
  });
});
