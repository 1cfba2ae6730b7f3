/**
 * Builds the action of a webhook route: the delivery authenticated by its HMAC, its body and headers checked
 * (readSignedWebhook), then handleWebhook. Only the topics that use the shop's session go on through Shopify's
 * library, which loads it.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../../db.server";
import { authenticate, webhookSigningSecret } from "../../shopify.server";
import { jobQueue } from "../jobs/job-queue.server";
import { handleWebhook } from "./handle-webhook.server";
import { checkSignedOrderEvent, readSignedWebhook } from "./webhook-body.server";
import { ORDER_EVENT_TOPIC } from "./order-events";
import { shopDomain } from "../ids";

const TOPICS_WITH_SESSION = new Set(["APP_SCOPES_UPDATE"]);

export function webhookAction(topic: string) {
  return async ({ request }: ActionFunctionArgs): Promise<Response> => {
    const signed = await readSignedWebhook(request, webhookSigningSecret);
    if (!signed.ok) return signed.response;
    if (!TOPICS_WITH_SESSION.has(topic)) return handleWebhook({ db, queue: jobQueue() }, topic, signed.webhook);
    const webhook = await authenticate.webhook(signed.request);
    return handleWebhook({ db, queue: jobQueue() }, topic, { ...webhook, shop: shopDomain(webhook.shop), topic: String(webhook.topic) });
  };
}

/** The action of the route Shopify's Events post an order's updates to (the webhook door answers them first in production). */
export async function orderEventAction({ request }: ActionFunctionArgs): Promise<Response> {
  const checked = checkSignedOrderEvent(await request.text(), (name) => request.headers.get(name), webhookSigningSecret);
  if (!checked.ok) return new Response(checked.reason, { status: checked.status });
  return handleWebhook({ db, queue: jobQueue() }, ORDER_EVENT_TOPIC, checked.webhook);
}
