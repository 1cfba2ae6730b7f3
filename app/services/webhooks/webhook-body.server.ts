/**
 * A webhook's body before Shopify's library reads it: the library parses the
 * JSON after checking the signature and throws on a body that is not JSON.
 * A body that is empty, not JSON or not a JSON object gets a 400 with the
 * reason when its signature is good (401 when it is not), and nothing is stored.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseShopDomain } from "../ids";
import type { AuthenticatedWebhook } from "./handle-webhook.server";

export type WebhookBodyCheck = { ok: true; request: Request } | { ok: false; response: Response };

export async function checkWebhookBody(request: Request, apiSecret: string): Promise<WebhookBodyCheck> {
  const raw = await request.text();
  const problem = bodyProblem(raw);
  if (!problem) return { ok: true, request: new Request(request.url, { method: request.method, headers: request.headers, body: raw }) };
  if (!signatureMatches(raw, request.headers.get("X-Shopify-Hmac-Sha256"), apiSecret))
    return { ok: false, response: new Response("Unauthorized", { status: 401 }) };
  console.warn(
    JSON.stringify({
      event: "webhook-body-refused",
      shop: request.headers.get("X-Shopify-Shop-Domain"),
      topic: request.headers.get("X-Shopify-Topic"),
      reason: problem,
    }),
  );
  return { ok: false, response: new Response(`The webhook's body ${problem}.`, { status: 400 }) };
}

export type SignedWebhook = { ok: true; webhook: AuthenticatedWebhook } | { ok: false; response: Response };

/**
 * A webhook read and authenticated here, for the topics that need no session: the HMAC of the raw body against the
 * app's secret (Shopify's documented check; 401 when it fails), the body a JSON object (400), and Shopify's headers
 * (400 when one is missing or the shop is no shop domain). Shopify's library does the same and then loads the shop's
 * session, which these topics never use, at a cost of a query on every delivery of a flash sale.
 */
export async function readSignedWebhook(request: Request, apiSecret: string): Promise<SignedWebhook> {
  const raw = await request.text();
  if (!signatureMatches(raw, request.headers.get("X-Shopify-Hmac-Sha256"), apiSecret))
    return { ok: false, response: new Response("Unauthorized", { status: 401 }) };
  const problem = bodyProblem(raw);
  const header = (name: string) => request.headers.get(name)?.trim() || null;
  const shop = parseShopDomain(header("X-Shopify-Shop-Domain"));
  const topic = header("X-Shopify-Topic");
  const webhookId = header("X-Shopify-Webhook-Id");
  const apiVersion = header("X-Shopify-API-Version");
  const refusal =
    problem !== undefined
      ? `The webhook's body ${problem}.`
      : !shop
        ? "The webhook names no shop domain (X-Shopify-Shop-Domain)."
        : !topic || !webhookId || !apiVersion
          ? "The webhook lacks Shopify's headers (X-Shopify-Topic, X-Shopify-Webhook-Id, X-Shopify-API-Version)."
          : null;
  if (refusal || !shop || !topic || !webhookId || !apiVersion) {
    console.warn(JSON.stringify({ event: "webhook-body-refused", shop: header("X-Shopify-Shop-Domain"), topic, reason: refusal }));
    return { ok: false, response: new Response(refusal, { status: 400 }) };
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
      payload: JSON.parse(raw) as unknown,
    },
  };
}

function bodyProblem(raw: string): string | undefined {
  if (raw.trim() === "") return "is empty";
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return "is not JSON";
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return `is JSON but not an object (${Array.isArray(parsed) ? "an array" : String(parsed === null ? "null" : typeof parsed)})`;
  return undefined;
}

function signatureMatches(raw: string, header: string | null, secret: string): boolean {
  if (!header) return false;
  const expected = createHmac("sha256", secret).update(raw, "utf8").digest();
  const given = Buffer.from(header, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
