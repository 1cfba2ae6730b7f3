/**
 * Processes the webhook inbox in batches: orders and products update Ponte's
 * snapshots (newer state only), compliance requests are carried out. A
 * worker claims a batch of events in one statement (drainInboxBatch), runs
 * them a few at a time, and writes the outcome of the whole batch at once.
 * Attempts are counted; a failure is kept on the event with its reason. A
 * payload that cannot be parsed is kept and not tried again by itself;
 * anything else is tried again with backoff. Processing twice is harmless
 * (a snapshot keeps the newest state, an export is queued once), so an event
 * whose worker crashed is simply claimed again once its lease ends.
 */
import type { PrismaClient } from "@prisma/client";
import { ZodError } from "zod";
import { recordOrderSnapshot } from "../sync/orders/order-snapshots.server";
import { orderFromWebhook } from "../shopify/shopify-order";
import { refundFromWebhook, refundsOfOrderWebhook } from "../shopify/shopify-refund";
import { recordRefunds } from "../sync/refunds/book-refunds.use-case.server";
import { recordReturn } from "../sync/refunds/book-returns.use-case.server";
import { returnOfWebhook } from "../shopify/shopify-return";
import { forgetDeletedProduct, productFromWebhook, recordProductSnapshot } from "../sync/products/product-snapshots.server";
import { gatherCustomerData } from "./privacy-requests.server";
import { shopDomain, type ShopDomain } from "../ids";
import type { ShopEventTopic } from "./shop-event-topics";
import { sqlRunner, type SqlRunner } from "../database/sql-runner.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { readOrder, readOrderRefunds } from "../shopify/order-reader.server";
import { ORDER_EVENT_TOPIC, refundsChanged, storedOrderEvent } from "./order-events";

export interface InboxDependencies {
  db: PrismaClient;
  /**
   * Where the drain's own statements run (the claim, an order's snapshot, the settling): a pg pool of the worker's,
   * which skips Prisma's work per statement; the Prisma client when not given.
   */
  sql?: SqlRunner;
  /**
   * Told once per batch of every order its webhooks brought, newer or not, after all of the batch's snapshots are
   * written (several orders at a time, up to the batch's concurrency): the order's export decides what, if anything,
   * the ERP needs. `deadline` (epoch ms) is when the batch should be done by, well inside its lease.
   */
  onOrderChanged: (shop: ShopDomain, orderId: string, deadline: number) => Promise<void>;
  /** The shop's Admin API, for the Events deliveries that name a changed order without carrying it. */
  shopify?: (shop: ShopDomain) => Promise<AdminClient>;
}

/** What a handler did, and the order it wrote, if any (its export is then asked for). */
interface Handled {
  detail: string;
  orderId?: string;
}

type Handler = (deps: InboxDependencies, shop: ShopDomain, payload: unknown) => Promise<Handled>;

const orderSnapshot: Handler = async (deps, shop, payload) => {
  const order = orderFromWebhook(payload);
  // An order webhook carries the order's refunds whole: one whose refunds/create was missed is caught here.
  const refunds = refundsOfOrderWebhook(payload);
  if (refunds.length > 0) await recordRefunds(deps.db, shop, refunds);
  // The order is named also when its snapshot is stale: a crash after the snapshot but before its export was asked
  // for is then made good by the retry.
  return { detail: await recordOrderSnapshot(deps.sql ?? deps.db, shop, order, "webhook"), orderId: order.id };
};
/**
 * An order's update from Shopify's Events (order-events.ts): the delivery names the fields that changed, so the order
 * is read through the Admin API, as the reconciliation reads it, and its refunds too when they changed.
 */
const orderEvent: Handler = async (deps, shop, payload) => {
  const event = storedOrderEvent.parse(payload);
  if (!deps.shopify) throw new Error("this worker has no Admin API client for Events deliveries");
  const client = await deps.shopify(shop);
  const order = await readOrder(client, event.resource_id);
  if (!order) return { detail: `order ${event.resource_id} is no longer in Shopify` };
  if (refundsChanged(event)) await recordRefunds(deps.db, shop, await readOrderRefunds(client, event.resource_id));
  return { detail: await recordOrderSnapshot(deps.sql ?? deps.db, shop, order, "reconcile"), orderId: order.id };
};
const refundRecord: Handler = async (deps, shop, payload) => {
  const refund = refundFromWebhook(payload);
  const added = await recordRefunds(deps.db, shop, [refund]);
  return { detail: added ? `refund ${refund.id} kept` : `refund ${refund.id} already kept`, orderId: refund.orderId };
};
const returnClosed: Handler = async (deps, shop, payload) => {
  const named = returnOfWebhook(payload);
  await recordReturn(deps.db, shop, named);
  return { detail: `return ${named.returnId} kept`, orderId: named.orderId };
};
const productSnapshot: Handler = async ({ db }, shop, payload) => ({
  detail: await recordProductSnapshot(db, shop, productFromWebhook(payload), "webhook"),
});

/** Topics processed here; the others are fully handled when they arrive (see handle-webhook). */
export const INBOX_HANDLERS: Record<ShopEventTopic | typeof ORDER_EVENT_TOPIC | "ORDERS_UPDATED" | "CUSTOMERS_DATA_REQUEST", Handler> = {
  ORDERS_CREATE: orderSnapshot,
  [ORDER_EVENT_TOPIC]: orderEvent,
  // No longer subscribed (an order's updates come through Events): kept for the deliveries stored before the change.
  ORDERS_UPDATED: orderSnapshot,
  ORDERS_PAID: orderSnapshot,
  ORDERS_CANCELLED: orderSnapshot,
  REFUNDS_CREATE: refundRecord,
  RETURNS_CLOSE: returnClosed,
  PRODUCTS_CREATE: productSnapshot,
  PRODUCTS_UPDATE: productSnapshot,
  PRODUCTS_DELETE: async ({ db }, shop, payload) => {
    await forgetDeletedProduct(db, shop, payload);
    return { detail: "forgotten" };
  },
  CUSTOMERS_DATA_REQUEST: async ({ db }, shop, payload) => {
    const report = await gatherCustomerData(db, shop, payload);
    return { detail: `report ${report.id}` };
  },
};

/** An inbox event a worker has claimed: held for its lease (LEASE_MS unless set), its attempt counted. */
export interface ClaimedEvent {
  id: string;
  shop: string;
  topic: string;
  payload: unknown;
  /** This attempt's number (1 the first time). */
  attempts: number;
}

export type EventOutcome =
  | { id: string; status: "processed"; detail: string; order?: { shop: ShopDomain; orderId: string } }
  /** A passing failure: tried again at `retryAt`, or not by itself (null) once the attempts are used up. */
  | { id: string; status: "retry"; reason: string; retryAt: Date | null }
  /** A payload that cannot be read: kept with its reason, never tried again by itself. */
  | { id: string; status: "failed"; reason: string };

/**
 * How long a claimed event stays with the worker that claimed it, unless set (PONTE_INBOX_LEASE_MS); one that crashed
 * frees it after this. A batch's orders are exported (or queued) within a third of it.
 */
export const LEASE_MS = 60_000;
/** A passing failure is tried again after 2 s, 4 s, 8 s… up to 10 minutes apart, 10 attempts in all. */
export const MAX_ATTEMPTS = 10;

export function retryDelayMs(attempt: number, random = Math.random): number {
  const base = Math.min(2_000 * 2 ** (attempt - 1), 10 * 60_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Claims up to `limit` events whose time has come (new ones, retries due, ones a crashed worker held), oldest first,
 * for the lease; two workers never claim the same event (FOR UPDATE SKIP LOCKED). One statement, whatever the inbox's size.
 */
export async function claimInboxEvents(db: PrismaClient | SqlRunner, limit: number, now = new Date(), leaseMs = LEASE_MS): Promise<ClaimedEvent[]> {
  const topics = Object.keys(INBOX_HANDLERS);
  // Times as UTC wall-clock text, as Prisma keeps them in these columns (timestamp without time zone).
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  return sqlRunner(db)<ClaimedEvent>(
    `UPDATE "WebhookEvent" AS event SET "availableAt" = $1::timestamp(3), attempts = event.attempts + 1
       FROM (SELECT id FROM "WebhookEvent"
              WHERE "processedAt" IS NULL AND "availableAt" <= $2::timestamp(3) AND topic = ANY($3::text[])
              ORDER BY "processedAt", "availableAt" LIMIT $4 FOR UPDATE SKIP LOCKED) AS due
      WHERE event.id = due.id
     RETURNING event.id, event.shop, event.topic, event.payload, event.attempts`,
    [leaseUntil, now.toISOString(), topics, limit],
  );
}

/** The handler of a topic the drain processes, or undefined for one handled on arrival. */
export function inboxHandler(topic: string): Handler | undefined {
  return Object.hasOwn(INBOX_HANDLERS, topic) ? INBOX_HANDLERS[topic as keyof typeof INBOX_HANDLERS] : undefined;
}

/** Runs the event's handler; what happened, for settleInboxEvents. Writes nothing to the event's row. */
export async function processClaimedEvent(deps: InboxDependencies, event: ClaimedEvent, now = new Date()): Promise<EventOutcome> {
  const handler = inboxHandler(event.topic);
  if (!handler) return { id: event.id, status: "failed", reason: `topic ${event.topic} is handled on arrival` };
  try {
    const shop = shopDomain(event.shop);
    const { detail, orderId } = await handler(deps, shop, event.payload);
    return { id: event.id, status: "processed", detail, ...(orderId ? { order: { shop, orderId } } : {}) };
  } catch (error) {
    if (error instanceof ZodError) {
      const reason = `payload not understood: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
      return { id: event.id, status: "failed", reason };
    }
    return retryOutcome(event, (error as Error).message, now);
  }
}

function retryOutcome(event: ClaimedEvent, reason: string, now: Date): EventOutcome {
  const retryAt = event.attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(event.attempts));
  return { id: event.id, status: "retry", reason, retryAt };
}

/**
 * Processes claimed events `concurrency` at a time, then asks once for each order they wrote (several webhooks of
 * one order in a batch: one export asked for, after all of them). An order whose export could not be asked for
 * leaves its events to be tried again.
 */
export async function processInboxBatch(
  deps: InboxDependencies,
  events: ClaimedEvent[],
  concurrency: number,
  now = new Date(),
  leaseMs = LEASE_MS,
): Promise<EventOutcome[]> {
  const outcomes: EventOutcome[] = new Array(events.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < events.length; index = next++) outcomes[index] = await processClaimedEvent(deps, events[index]!, now);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, events.length) }, lane));

  const byOrder = new Map<string, { shop: ShopDomain; orderId: string; indexes: number[] }>();
  outcomes.forEach((outcome, index) => {
    if (outcome.status !== "processed" || !outcome.order) return;
    const key = `${outcome.order.shop}|${outcome.order.orderId}`;
    const entry = byOrder.get(key) ?? { ...outcome.order, indexes: [] };
    entry.indexes.push(index);
    byOrder.set(key, entry);
  });
  const orders = [...byOrder.values()];
  const deadline = now.getTime() + leaseMs / 3;
  let nextOrder = 0;
  const orderLane = async () => {
    for (let index = nextOrder++; index < orders.length; index = nextOrder++) {
      const { shop, orderId, indexes } = orders[index]!;
      try {
        await deps.onOrderChanged(shop, orderId, deadline);
      } catch (error) {
        for (const eventIndex of indexes) outcomes[eventIndex] = retryOutcome(events[eventIndex]!, (error as Error).message, now);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, orders.length) }, orderLane));
  return outcomes;
}

/** Writes what happened: every processed event of the batch in one statement, each failure with its reason. */
export async function settleInboxEvents(db: PrismaClient | SqlRunner, outcomes: EventOutcome[], now = new Date()): Promise<void> {
  const sql = sqlRunner(db);
  const processed = outcomes.filter((outcome) => outcome.status === "processed").map((outcome) => outcome.id);
  if (processed.length > 0) {
    await sql(`UPDATE "WebhookEvent" SET "processedAt" = $1::timestamp(3), error = NULL, "availableAt" = NULL WHERE id = ANY($2::text[])`, [
      now.toISOString(),
      processed,
    ]);
  }
  for (const outcome of outcomes) {
    if (outcome.status === "processed") continue;
    const availableAt = outcome.status === "retry" ? outcome.retryAt : null;
    const reason = outcome.status === "retry" && !availableAt ? `${outcome.reason} (gave up after ${MAX_ATTEMPTS} attempts)` : outcome.reason;
    await sql(`UPDATE "WebhookEvent" SET error = $1, "availableAt" = $2::timestamp(3) WHERE id = $3`, [
      reason,
      availableAt?.toISOString() ?? null,
      outcome.id,
    ]);
  }
}

export interface DrainSettings {
  /** Events claimed at once. */
  batchSize: number;
  /** Events of a batch processed at the same time. */
  concurrency: number;
  /** How long a claim holds its events (LEASE_MS unless set). */
  leaseMs?: number;
}

/** Claims one batch, processes it, and settles it; the number of events claimed. */
export async function drainInboxBatch(deps: InboxDependencies, settings: DrainSettings): Promise<number> {
  const now = new Date();
  const events = await claimInboxEvents(deps.sql ?? deps.db, settings.batchSize, now, settings.leaseMs);
  if (events.length === 0) return 0;
  await settleInboxEvents(deps.sql ?? deps.db, await processInboxBatch(deps, events, settings.concurrency, now, settings.leaseMs));
  return events.length;
}
