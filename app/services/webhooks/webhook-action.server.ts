/** Builds the action of a webhook route: the body's shape, Shopify's authentication, then handleWebhook. */
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../../db.server";
import { authenticate, webhookSigningSecret } from "../../shopify.server";
import { jobQueue } from "../jobs/job-queue.server";
import { handleWebhook } from "./handle-webhook.server";
import { checkWebhookBody } from "./webhook-body.server";
import { shopDomain } from "../ids";

export function webhookAction(topic: string) {
  return async ({ request }: ActionFunctionArgs): Promise<Response> => {
    const body = await checkWebhookBody(request, webhookSigningSecret);
    if (!body.ok) return body.response;
    const webhook = await authenticate.webhook(body.request);
    return handleWebhook({ db, queue: jobQueue() }, topic, { ...webhook, shop: shopDomain(webhook.shop), topic: String(webhook.topic) });
  };
}
