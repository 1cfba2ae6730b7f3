// The Shopify Flow action "Send order to the ERP again" (extensions/send-order-to-erp): signed by Shopify, checked first.
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { jobQueue } from "../services/jobs/job-queue.server";
import { enqueueOrderExport } from "../services/jobs/shop-jobs.server";
import { handleSendAgain } from "../services/sync/orders/flow-send-again.server";
import type { ShopDomain } from "../services/ids";
import { webhookSigningSecret } from "../shopify.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const queue = jobQueue();
  const enqueue = (shop: ShopDomain, orderId: string) => enqueueOrderExport(queue, shop, orderId);
  const answer = await handleSendAgain(
    { db, enqueue, apiSecret: webhookSigningSecret },
    await request.text(),
    request.headers.get("X-Shopify-Hmac-Sha256"),
  );
  return answer.status === 200 ? Response.json({ retried: answer.retried }) : new Response(answer.reason, { status: answer.status });
};
