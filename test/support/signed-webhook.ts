/** A webhook request as Shopify delivers it: JSON body, Shopify's headers, HMAC-SHA256 of the raw body. */
import { createHmac, randomUUID } from "node:crypto";

export interface WebhookDelivery {
  topic: string; // e.g. "orders/create"
  shop: string;
  payload: unknown;
  secret: string;
  eventId?: string;
  webhookId?: string;
  url?: string;
}

/** Shopify's headers for a delivery of exactly these body bytes, signed with `secret`. */
export function signedWebhookHeaders(delivery: Omit<WebhookDelivery, "payload" | "url"> & { body: string | Buffer }): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": delivery.topic,
    "X-Shopify-Hmac-Sha256": createHmac("sha256", delivery.secret).update(delivery.body).digest("base64"),
    "X-Shopify-Shop-Domain": delivery.shop,
    "X-Shopify-Webhook-Id": delivery.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": delivery.eventId ?? randomUUID(),
    "X-Shopify-API-Version": "2026-07",
    "X-Shopify-Triggered-At": new Date().toISOString(),
  };
}

export function signedWebhookRequest(delivery: WebhookDelivery): Request {
  const body = JSON.stringify(delivery.payload);
  return new Request(delivery.url ?? `http://127.0.0.1:39999/webhooks/${delivery.topic}`, {
    method: "POST",
    body,
    headers: signedWebhookHeaders({ ...delivery, body }),
  });
}
