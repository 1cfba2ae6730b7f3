/**
 * The Shopify Flow action "Send order to the ERP again" (extensions/send-order-to-erp): Flow POSTs a run of it, signed
 * with the app's secret; the signature is checked on the raw body first, then the body is read (the shop, the run id,
 * the action's handle, the order), and the order is retried as the Orders page's "Retry" does. A run Flow sends again
 * (same action_run_id) retries again, which changes nothing for an order already queued or exported.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { parseShopDomain, type ShopDomain } from "../../ids";
import { retryOrderExports, type EnqueueExport } from "./retry-order-exports.server";
import { signatureMatches } from "../../webhooks/webhook-body.server";

export const SEND_AGAIN_ACTION = "send-order-to-erp";

const flowActionSchema = z.object({
  shopify_domain: z.string(),
  action_run_id: z.string(),
  handle: z.string(),
  properties: z.object({ order_id: z.union([z.number(), z.string()]) }),
});

export type FlowActionAnswer = { status: 200; retried: number } | { status: 400 | 401; reason: string };

export async function handleSendAgain(
  deps: { db: PrismaClient; enqueue: EnqueueExport; apiSecret: string },
  raw: string,
  signature: string | null,
): Promise<FlowActionAnswer> {
  if (!signatureMatches(raw, signature, deps.apiSecret)) return { status: 401, reason: "Unauthorized" };
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { status: 400, reason: "The action's body is not JSON." };
  }
  const parsed = flowActionSchema.safeParse(body);
  const shop = parsed.success ? parseShopDomain(parsed.data.shopify_domain) : null;
  if (!parsed.success || !shop) return { status: 400, reason: "The action's body is not a Flow action run." };
  if (parsed.data.handle !== SEND_AGAIN_ACTION) return { status: 400, reason: `Unknown action ${parsed.data.handle}.` };
  const orderId = orderGid(parsed.data.properties.order_id);
  const retried = await retryOrderExports(deps.db, deps.enqueue, shop as ShopDomain, { orderId });
  console.info(JSON.stringify({ event: "flow-send-again", shop, order: orderId, run: parsed.data.action_run_id, retried }));
  return { status: 200, retried };
}

/** Flow sends the order as its numeric id (or, some payloads, its GID). */
function orderGid(id: number | string): string {
  return String(id).startsWith("gid://") ? String(id) : `gid://shopify/Order/${id}`;
}
