/** Builds the action of a webhook route: Shopify's authentication, then handleWebhook. */
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../../db.server";
import { authenticate } from "../../shopify.server";
import { jobQueue } from "../jobs/job-queue.server";
import { handleWebhook } from "./handle-webhook.server";

export function webhookAction(topic: string) {
  return async ({ request }: ActionFunctionArgs): Promise<Response> => {
    const webhook = await authenticate.webhook(request);
    return handleWebhook({ db, queue: jobQueue() }, topic, { ...webhook, topic: String(webhook.topic) });
  };
}
