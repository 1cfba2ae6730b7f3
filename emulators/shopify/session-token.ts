/**
 * Session tokens as Shopify's admin issues them to an embedded app: a JWT,
 * HS256 with the app's secret, living about a minute.
 */
import { createHmac, randomUUID } from "node:crypto";

export interface SessionTokenClaims {
  shop: string;
  apiKey: string;
  userId: string;
  /** Seconds the token lives; Shopify's live about 60. */
  lifetimeSeconds?: number;
  now?: Date;
}

export function mintSessionToken(claims: SessionTokenClaims, apiSecret: string): string {
  const issuedAt = Math.floor((claims.now ?? new Date()).getTime() / 1000);
  const payload = {
    iss: `https://${claims.shop}/admin`,
    dest: `https://${claims.shop}`,
    aud: claims.apiKey,
    sub: claims.userId,
    exp: issuedAt + (claims.lifetimeSeconds ?? 60),
    nbf: issuedAt,
    iat: issuedAt,
    jti: randomUUID(),
    sid: randomUUID().replace(/-/g, ""),
  };
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(payload)}`;
  const signature = createHmac("sha256", apiSecret).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

/** The `host` parameter Shopify gives an embedded app: base64 of the admin path. */
export function embeddedHostParam(shop: string): string {
  return Buffer.from(`admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}`)
    .toString("base64")
    .replace(/=+$/, "");
}
