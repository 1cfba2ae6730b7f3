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

export function signedWebhookRequest(delivery: WebhookDelivery): Request {
  const body = JSON.stringify(delivery.payload);
  const hmac = createHmac("sha256", delivery.secret).update(body, "utf8").digest("base64");
  return new Request(delivery.url ?? `http://127.0.0.1:39999/webhooks/${delivery.topic}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": delivery.topic,
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Shop-Domain": delivery.shop,
      "X-Shopify-Webhook-Id": delivery.webhookId ?? randomUUID(),
      "X-Shopify-Event-Id": delivery.eventId ?? randomUUID(),
      "X-Shopify-API-Version": "2026-07",
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}
