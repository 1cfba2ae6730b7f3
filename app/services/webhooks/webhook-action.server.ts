/**
 * Builds the action of a webhook route: the body's shape, Shopify's authentication, then handleWebhook. Only the
 * topics that use the shop's session go through Shopify's library (which loads it); every other topic is
 * authenticated by its HMAC here (readSignedWebhook), one query less on each delivery.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../../db.server";
import { authenticate, webhookSigningSecret } from "../../shopify.server";
import { jobQueue } from "../jobs/job-queue.server";
import { handleWebhook } from "./handle-webhook.server";
import { checkWebhookBody, readSignedWebhook } from "./webhook-body.server";
import { shopDomain } from "../ids";

const TOPICS_WITH_SESSION = new Set(["APP_SCOPES_UPDATE"]);

export function webhookAction(topic: string) {
  return async ({ request }: ActionFunctionArgs): Promise<Response> => {
    if (!TOPICS_WITH_SESSION.has(topic)) {
      const signed = await readSignedWebhook(request, webhookSigningSecret);
      return signed.ok ? handleWebhook({ db, queue: jobQueue() }, topic, signed.webhook) : signed.response;
    }
    const body = await checkWebhookBody(request, webhookSigningSecret);
    if (!body.ok) return body.response;
    const webhook = await authenticate.webhook(body.request);
    return handleWebhook({ db, queue: jobQueue() }, topic, { ...webhook, shop: shopDomain(webhook.shop), topic: String(webhook.topic) });
  };
}
