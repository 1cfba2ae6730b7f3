/**
 * The webhook door: the app server answers the shop event topics (orders and
 * products, the bulk of a flash sale) and the Order updates of Shopify's Events
 * (order-events.ts) here, before Remix and Prisma see the request. It does the
 * least a correct endpoint can: read the body, check the HMAC, the body and
 * Shopify's headers (checkSignedDelivery, checkSignedOrderEvent), store the
 * delivery on a pool of its own, and answer. Deliveries that come while the
 * door's writes are under way are stored together, in one statement and one
 * commit each (inbox-write-batches.server.ts); each is answered after its own
 * commit, with its own outcome.
 * A classic delivery's body that opens a JSON object is read as JSON by
 * PostgreSQL as it stores it, not first here as well (a body it refuses is
 * answered 400, as one read here would be).
 * The workers' drain is woken once for the deliveries of a few milliseconds
 * (inboxWakeup), after they are stored.
 * Every other path, and every other topic, goes on to Remix.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SqlRunner } from "../database/sql-runner.server";
import { SHOP_EVENT_TOPICS, webhookPath, type ShopEventTopic } from "./shop-event-topics";
import { inboxBatchSettings, inboxWriteBatches, type InboxBatchSettings } from "./inbox-write-batches.server";
import { BODY_NOT_JSON, bodyNotJson, checkSignedDelivery, checkSignedOrderEvent } from "./webhook-body.server";
import { ORDER_EVENT_TOPIC, ORDER_EVENTS_PATH } from "./order-events";
import { inboxWakeup } from "./webhook-inbox.server";

/** Shopify's payloads are far smaller; a body past this is refused (413) before it is read whole. */
export const MAX_WEBHOOK_BODY_BYTES = 10 * 1024 * 1024;

const TOPIC_AT_PATH = new Map<string, ShopEventTopic>(SHOP_EVENT_TOPICS.map((topic) => [webhookPath(topic), topic]));

export interface WebhookDoorOptions {
  sql: SqlRunner;
  secret: string;
  /** How the door's writes are grouped (default: inboxBatchSettings from the environment). */
  batches?: InboxBatchSettings;
}

/** A Connect-style handler: answers a POST to a shop event topic's path, hands anything else to `next`. */
export function webhookDoor({ sql, secret, batches = inboxBatchSettings() }: WebhookDoorOptions) {
  const store = inboxWriteBatches(sql, batches);
  // The drain is woken once for the deliveries of a few milliseconds, not in each one's insert (inboxWakeup).
  const wake = inboxWakeup(sql, 20, (error) => console.warn(JSON.stringify({ event: "inbox-wakeup-failed", reason: error.message })));
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const path = (request.url ?? "").split("?")[0]!;
    const orderEvent = request.method === "POST" && path === ORDER_EVENTS_PATH;
    const topic = orderEvent ? ORDER_EVENT_TOPIC : request.method === "POST" ? TOPIC_AT_PATH.get(path) : undefined;
    if (!topic) return next();
    readBody(request)
      .then(
        async (raw) => {
          if (raw === undefined) return answer(response, 413, "The webhook's body is too large.");
          const header = (name: string) => headerText(request, name);
          // A classic delivery's body is only stored here: PostgreSQL reads it as JSON as it stores it, so it is not read
          // whole first (an Order event's is: its fields are checked).
          const checked = orderEvent
            ? checkSignedOrderEvent(raw, header, secret)
            : checkSignedDelivery(raw, header, secret, { bodyReadByDatabase: true });
          if (!checked.ok) return answer(response, checked.status, checked.reason);
          if (checked.webhook.topic !== topic) return answer(response, 400, `this endpoint serves ${topic}, not ${checked.webhook.topic}`);
          const stored = await store(checked.webhook).catch((error: unknown) => {
            if (!bodyNotJson(error)) throw error;
            console.warn(JSON.stringify({ event: "webhook-body-refused", shop: checked.webhook.shop, topic, reason: BODY_NOT_JSON }));
            return null;
          });
          if (!stored) return answer(response, 400, BODY_NOT_JSON);
          if (stored.status === "recorded") wake();
          answer(response, 200);
        },
        (error: unknown) => {
          console.warn(JSON.stringify({ event: "webhook-body-unread", topic, reason: (error as Error).message }));
          answer(response, 400, "The webhook's body could not be read.");
        },
      )
      .catch((error: unknown) => {
        // Not stored: a 500 makes Shopify send it again. The details go to the log, never to the caller.
        console.error(JSON.stringify({ event: "webhook-not-stored", topic, reason: (error as Error).message }));
        answer(response, 500, "Ponte could not store the webhook; Shopify will send it again.");
      });
  };
}

function headerText(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The body as UTF-8 text, or undefined past MAX_WEBHOOK_BODY_BYTES. */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_WEBHOOK_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > MAX_WEBHOOK_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    // Also a sender that hangs up half-way ("aborted"): nothing is stored.
    request.on("error", reject);
  });
}

function answer(response: ServerResponse, status: number, text?: string): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, text ? { "Content-Type": "text/plain; charset=utf-8" } : {}).end(text);
}
