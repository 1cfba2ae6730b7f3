/**
 * What a webhook route does with a delivery already authenticated
 * (readSignedWebhook): check the topic is the one the route serves, store it
 * in the inbox (storeDelivery), run the topic's quick local effect if it has
 * one, and answer 200: the workers' inbox drain, woken by the insert's
 * notification, processes the rest. Nothing here waits on the ERP, the POS or
 * Shopify, nor on a queue. In production the webhook door answers the shop
 * event topics before Remix, with the same checks and the same statement.
 */
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { stopShopJobs } from "../jobs/shop-jobs.server";
import { recordShopUninstalled, eraseShopData } from "../shops/shop-registry.server";
import { markWebhookProcessed } from "./webhook-inbox.server";
import { storeDelivery } from "./store-delivery.server";
import { redactCustomer } from "./privacy-requests.server";
import { inboxHandler } from "./process-inbox-event.server";
import type { ShopDomain } from "../ids";

export interface AuthenticatedWebhook {
  shop: ShopDomain;
  topic: string;
  webhookId: string;
  eventId?: string;
  apiVersion: string;
  triggeredAt?: string;
  payload: unknown;
  /** The payload's JSON as it came, when it is what is kept (stored as it is, not written again from `payload`). */
  payloadJson?: string;
  session?: { id: string } | undefined;
}

export interface WebhookDependencies {
  db: PrismaClient;
  queue: Agenda;
}

/**
 * A local effect gets the inbox row's id. It answers "settled" when it has already dealt with that row itself;
 * otherwise the row is marked processed once the effect returns. A failure is kept on the row with its reason.
 */
type LocalEffect = (deps: WebhookDependencies, webhook: AuthenticatedWebhook, eventId: string) => Promise<"settled" | void>;

/** Topics whose effect is a quick write to our own database, done at once. */
const localEffects: Record<string, LocalEffect> = {
  APP_UNINSTALLED: async ({ db, queue }, webhook) => {
    await recordShopUninstalled(db, webhook.shop);
    await stopShopJobs(queue, webhook.shop);
  },
  APP_SCOPES_UPDATE: async ({ db }, webhook) => {
    const current = (webhook.payload as { current?: unknown }).current;
    if (webhook.session && Array.isArray(current)) {
      await db.session.update({ where: { id: webhook.session.id }, data: { scope: current.map(String).join(",") } });
    }
  },
  // The erasure takes the request's own row too: afterwards nothing of the shop is left, and the log says it was done.
  SHOP_REDACT: async ({ db, queue }, webhook) => {
    await stopShopJobs(queue, webhook.shop);
    await eraseShopData(db, webhook.shop);
    console.info(JSON.stringify({ event: "shop-erased", shop: webhook.shop }));
    return "settled";
  },
  // The redaction scrubs its own row (it carried the customer's email and phone) and marks it processed.
  CUSTOMERS_REDACT: async ({ db }, webhook, eventId) => {
    await redactCustomer(db, eventId, webhook.shop, webhook.payload);
    return "settled";
  },
};

/**
 * Topics Shopify sends whatever the shop's state: the compliance requests
 * (shop/redact comes 48 hours after the uninstall) and the app's own
 * lifecycle. Every other topic is about a shop's business and is kept only
 * for a shop that has Ponte installed.
 */
const ALWAYS_HANDLED = new Set(["APP_UNINSTALLED", "APP_SCOPES_UPDATE", "SHOP_REDACT", "CUSTOMERS_REDACT", "CUSTOMERS_DATA_REQUEST"]);

export async function handleWebhook(deps: WebhookDependencies, expectedTopic: string, webhook: AuthenticatedWebhook): Promise<Response> {
  const { db } = deps;
  if (webhook.topic !== expectedTopic) {
    return new Response(`this endpoint serves ${expectedTopic}, not ${webhook.topic}`, { status: 400 });
  }
  const outcome = await storeDelivery(db, webhook, { onlyForInstalledShop: !ALWAYS_HANDLED.has(webhook.topic) });
  if (outcome.status !== "recorded") return new Response(null, { status: 200 });
  const effect = localEffects[webhook.topic];
  if (!effect && !inboxHandler(webhook.topic)) {
    // Recorded only (customers/update, bulk_operations/finish): nothing waits on them, so they are done on arrival.
    await markWebhookProcessed(db, outcome.id);
  } else if (effect) {
    try {
      if ((await effect(deps, webhook, outcome.id)) !== "settled") await markWebhookProcessed(db, outcome.id);
    } catch (error) {
      // Kept in the inbox with its reason; answering 200 stops Shopify's retries
      // of an event we already hold.
      await markWebhookProcessed(db, outcome.id, (error as Error).message);
    }
  }
  return new Response(null, { status: 200 });
}
