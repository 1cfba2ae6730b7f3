/**
 * Processes one inbox event, once: orders and products update Ponte's
 * snapshots (newer state only), compliance requests are carried out.
 * Attempts are counted; a failure is kept on the event with its reason. A
 * payload that cannot be parsed is a PermanentError (kept, not retried by
 * itself; it can be retried by hand); anything else is retryable.
 */
import type { PrismaClient } from "@prisma/client";
import { ZodError } from "zod";
import { PermanentError, RetryableError } from "../errors";
import { recordOrderSnapshot } from "../sync/orders/order-snapshots.server";
import { orderFromWebhook } from "../shopify/shopify-order";
import { forgetDeletedProduct, productFromWebhook, recordProductSnapshot } from "../sync/products/product-snapshots.server";
import { gatherCustomerData } from "./privacy-requests.server";
import type { ShopDomain } from "../ids";
import { shopDomain } from "../ids";

export interface InboxDependencies {
  db: PrismaClient;
  /** Told of every order a webhook brought, newer or not: its export job decides what, if anything, the ERP needs. */
  onOrderChanged: (shop: ShopDomain, orderId: string) => Promise<void>;
}

type Handler = (deps: InboxDependencies, shop: ShopDomain, payload: unknown) => Promise<string>;

const orderSnapshot: Handler = async (deps, shop, payload) => {
  const order = orderFromWebhook(payload);
  const outcome = await recordOrderSnapshot(deps.db, shop, order, "webhook");
  // Also when stale: a crash after the snapshot but before this call is then made good by the retry.
  await deps.onOrderChanged(shop, order.id);
  return outcome;
};
const productSnapshot: Handler = ({ db }, shop, payload) => recordProductSnapshot(db, shop, productFromWebhook(payload), "webhook");

/** Topics processed here; the others are fully handled when they arrive (see handle-webhook). */
export const INBOX_HANDLERS: Record<string, Handler> = {
  ORDERS_CREATE: orderSnapshot,
  ORDERS_UPDATED: orderSnapshot,
  ORDERS_PAID: orderSnapshot,
  ORDERS_CANCELLED: orderSnapshot,
  PRODUCTS_CREATE: productSnapshot,
  PRODUCTS_UPDATE: productSnapshot,
  PRODUCTS_DELETE: async ({ db }, shop, payload) => {
    await forgetDeletedProduct(db, shop, payload);
    return "forgotten";
  },
  CUSTOMERS_DATA_REQUEST: async ({ db }, shop, payload) => {
    const report = await gatherCustomerData(db, shop, payload);
    return `report ${report.id}`;
  },
};

export type ProcessOutcome = { status: "processed"; detail: string } | { status: "skipped"; reason: string };

export async function processInboxEvent(deps: InboxDependencies, eventId: string): Promise<ProcessOutcome> {
  const { db } = deps;
  const event = await db.webhookEvent.findUnique({ where: { id: eventId } });
  if (!event) return { status: "skipped", reason: "no such event (erased by a redaction?)" };
  if (event.processedAt && !event.error) return { status: "skipped", reason: "already processed" };
  const handler = INBOX_HANDLERS[event.topic];
  if (!handler) return { status: "skipped", reason: `topic ${event.topic} is handled on arrival` };

  await db.webhookEvent.update({ where: { id: eventId }, data: { attempts: { increment: 1 } } });
  try {
    const detail = await handler(deps, shopDomain(event.shop), event.payload);
    await db.webhookEvent.update({ where: { id: eventId }, data: { processedAt: new Date(), error: null } });
    return { status: "processed", detail };
  } catch (error) {
    const reason =
      error instanceof ZodError
        ? `payload not understood: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`
        : (error as Error).message;
    await db.webhookEvent.update({ where: { id: eventId }, data: { error: reason } });
    if (error instanceof ZodError) throw new PermanentError(reason, { cause: error });
    throw new RetryableError(reason, { cause: error });
  }
}

/** Events recorded but never processed (an enqueue lost to a crash): for the sweeper. */
export async function unprocessedEventIds(db: PrismaClient, olderThan: Date, limit = 500): Promise<string[]> {
  const rows = await db.webhookEvent.findMany({
    where: { processedAt: null, error: null, receivedAt: { lt: olderThan }, topic: { in: Object.keys(INBOX_HANDLERS) } },
    select: { id: true },
    orderBy: { receivedAt: "asc" },
    take: limit,
  });
  return rows.map((row) => row.id);
}
