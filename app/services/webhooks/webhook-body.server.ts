/**
 * A webhook read and authenticated before anything else sees it: the HMAC of
 * the raw body (401), the body a JSON object (400: empty, not JSON, an array…,
 * with its reason), and Shopify's headers (400). Nothing is stored on a refusal.
 * `checkSignedDelivery` works on the raw body and a header lookup, so the
 * webhook door (before Remix) and the Remix routes make the same checks.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseShopDomain } from "../ids";
import { postgresRefusal } from "../database/sql-runner.server";
import type { AuthenticatedWebhook } from "./handle-webhook.server";
import { ORDER_EVENT_TOPIC, ORDER_GID, orderEventBody, orderIdOfEvent } from "./order-events";

export interface DeliveryCheckOptions {
  /**
   * For a caller that only stores the body as it came (the webhook door): a body that opens a JSON object is not
   * read whole here, since PostgreSQL reads it anyway as it stores it (json) and refuses it if it is not JSON
   * (bodyNotJson tells that refusal). The delivery's `payload` is then undefined; `payloadJson` is the body. Any other
   * body is read here, so that its refusal says what it is.
   */
  bodyReadByDatabase?: boolean;
}

export type CheckedDelivery = { ok: true; webhook: AuthenticatedWebhook } | { ok: false; status: 400 | 401; reason: string };

export type SignedWebhook =
  /** `request`: the same delivery again, its body unread, for Shopify's library when a topic needs the shop's session. */
  { ok: true; webhook: AuthenticatedWebhook; request: Request } | { ok: false; response: Response };

/**
 * The HMAC of the raw body against the app's secret (Shopify's documented check; 401 when it fails), the body a JSON
 * object (400), and Shopify's headers (400 when one is missing or the shop is no shop domain). A refusal is logged
 * in one line, without the body.
 */
export function checkSignedDelivery(
  raw: string,
  headerValue: (name: string) => string | null | undefined,
  apiSecret: string,
  options: DeliveryCheckOptions = {},
): CheckedDelivery {
  if (!signatureMatches(raw, headerValue("X-Shopify-Hmac-Sha256"), apiSecret)) return { ok: false, status: 401, reason: "Unauthorized" };
  const header = (name: string) => headerValue(name)?.trim() || null;
  const parsed: { body: object | undefined } | { problem: string } =
    options.bodyReadByDatabase && opensJsonObject(raw) ? { body: undefined } : parseBody(raw);
  const shop = parseShopDomain(header("X-Shopify-Shop-Domain"));
  const topic = header("X-Shopify-Topic");
  const webhookId = header("X-Shopify-Webhook-Id");
  const apiVersion = header("X-Shopify-API-Version");
  const refusal =
    "problem" in parsed
      ? `The webhook's body ${parsed.problem}.`
      : !shop
        ? "The webhook names no shop domain (X-Shopify-Shop-Domain)."
        : !topic || !webhookId || !apiVersion
          ? "The webhook lacks Shopify's headers (X-Shopify-Topic, X-Shopify-Webhook-Id, X-Shopify-API-Version)."
          : null;
  if (refusal || "problem" in parsed || !shop || !topic || !webhookId || !apiVersion) {
    const reason = refusal ?? "The webhook could not be read.";
    console.warn(JSON.stringify({ event: "webhook-body-refused", shop: header("X-Shopify-Shop-Domain"), topic, reason }));
    return { ok: false, status: 400, reason };
  }
  return {
    ok: true,
    webhook: {
      shop,
      topic: topic.toUpperCase().replace(/[/.]/g, "_"),
      webhookId,
      apiVersion,
      eventId: header("X-Shopify-Event-Id") ?? undefined,
      triggeredAt: header("X-Shopify-Triggered-At") ?? undefined,
      payload: parsed.body,
      // Kept as it came: the body was read as a JSON object above (or opens one, and PostgreSQL reads it as it stores it).
      payloadJson: raw,
    },
  };
}

/**
 * The same checks for a delivery of Shopify's Events (their own headers, shopify-*, as Shopify's library reads them:
 * the HMAC, topic, shop, API version, webhook id and event id required; the resource id, action and handle given), for
 * an Order update only: kept in the inbox as ORDER_EVENT_TOPIC, its body with the order's id (resource_id). The inbox
 * keeps it once per shopify-webhook-id, Shopify's documented key for Events' duplicates ("Use the shopify-webhook-id
 * header for deduplication when handling duplicate deliveries", the Order topic's reference).
 */
export function checkSignedOrderEvent(raw: string, headerValue: (name: string) => string | null | undefined, apiSecret: string): CheckedDelivery {
  if (!signatureMatches(raw, headerValue("shopify-hmac-sha256"), apiSecret)) return { ok: false, status: 401, reason: "Unauthorized" };
  const header = (name: string) => headerValue(name)?.trim() || null;
  const parsed = parseBody(raw);
  const shop = parseShopDomain(header("shopify-shop-domain"));
  const [topic, webhookId, eventId, apiVersion] = ["shopify-topic", "shopify-webhook-id", "shopify-event-id", "shopify-api-version"].map(header);
  const body = "body" in parsed ? orderEventBody.safeParse(parsed.body) : null;
  const orderId = body?.success ? orderIdOfEvent(header("shopify-resource-id"), body.data) : null;
  const refusal =
    "problem" in parsed
      ? `The event's body ${parsed.problem}.`
      : !shop
        ? "The event names no shop domain (shopify-shop-domain)."
        : !topic || !webhookId || !eventId || !apiVersion
          ? "The event lacks Shopify's headers (shopify-topic, shopify-webhook-id, shopify-event-id, shopify-api-version)."
          : topic !== "Order"
            ? `This endpoint serves the Order topic, not ${topic}.`
            : !body?.success
              ? `The event's body is not an Order event: ${body?.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`
              : body.data.action !== "update"
                ? `This endpoint serves an order's updates, not its ${body.data.action}.`
                : !orderId || !ORDER_GID.test(orderId)
                  ? "The event names no order (shopify-resource-id)."
                  : null;
  if (refusal || !shop || !webhookId || !eventId || !apiVersion || !body?.success || !orderId) {
    const reason = refusal ?? "The event could not be read.";
    console.warn(JSON.stringify({ event: "order-event-refused", shop: header("shopify-shop-domain"), topic, reason }));
    return { ok: false, status: 400, reason };
  }
  return {
    ok: true,
    webhook: {
      shop,
      topic: ORDER_EVENT_TOPIC,
      webhookId,
      apiVersion,
      eventId: webhookId,
      triggeredAt: header("shopify-triggered-at") ?? undefined,
      payload: { ...body.data, resource_id: orderId },
    },
  };
}

/** checkSignedDelivery on a Fetch Request (the Remix routes). */
export async function readSignedWebhook(request: Request, apiSecret: string): Promise<SignedWebhook> {
  const raw = await request.text();
  const checked = checkSignedDelivery(raw, (name) => request.headers.get(name), apiSecret);
  if (!checked.ok) return { ok: false, response: new Response(checked.reason, { status: checked.status }) };
  return {
    ok: true,
    request: new Request(request.url, { method: request.method, headers: request.headers, body: raw }),
    webhook: checked.webhook,
  };
}

/** Whether the body's first character past JSON's whitespace opens an object: if it is JSON at all, it is an object. */
function opensJsonObject(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    return c === 0x7b; // "{"
  }
  return false;
}

/** The refusal of a body stored with `bodyReadByDatabase` that PostgreSQL could not read as JSON. */
export const BODY_NOT_JSON = "The webhook's body is not JSON.";

/** Whether a failed insert was PostgreSQL refusing the body as JSON (invalid_text_representation on type json). */
export function bodyNotJson(error: unknown): boolean {
  const { code, message } = postgresRefusal(error);
  return code === "22P02" && /type json/.test(message);
}

function parseBody(raw: string): { body: object } | { problem: string } {
  if (raw.trim() === "") return { problem: "is empty" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { problem: "is not JSON" };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return { problem: `is JSON but not an object (${Array.isArray(parsed) ? "an array" : String(parsed === null ? "null" : typeof parsed)})` };
  return { body: parsed };
}

/** Whether `header` is Shopify's HMAC-SHA256 (base64) of the raw body with the app's secret (webhooks, Flow actions). */
export function signatureMatches(raw: string, header: string | null | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac("sha256", secret).update(raw, "utf8").digest();
  const given = Buffer.from(header, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
