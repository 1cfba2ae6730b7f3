/**
 * A webhook's body before Shopify's library reads it: the library parses the
 * JSON after checking the signature and throws on a body that is not JSON.
 * A body that is empty, not JSON or not a JSON object gets a 400 with the
 * reason when its signature is good (401 when it is not), and nothing is stored.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

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
