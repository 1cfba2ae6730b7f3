import "@shopify/shopify-api/adapters/node";
import { ApiVersion, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { embeddedHostParam, mintSessionToken } from "../../emulators/shopify/session-token";

const api = shopifyApi({
  apiKey: "sandbox-key",
  apiSecretKey: "sandbox-secret-of-some-length",
  apiVersion: ApiVersion.July26,
  hostName: "127.0.0.1:3000",
  hostScheme: "http",
  isEmbeddedApp: true,
  logger: { level: 0 },
});

describe("the emulator's session tokens", () => {
  it("are accepted by Shopify's own library, with Shopify's claims", async () => {
    const token = mintSessionToken({ shop: "ponte-demo.myshopify.com", apiKey: "sandbox-key", userId: "1" }, "sandbox-secret-of-some-length");
    const payload = await api.session.decodeSessionToken(token);
    expect(payload.dest).toBe("https://ponte-demo.myshopify.com");
    expect(payload.iss).toBe("https://ponte-demo.myshopify.com/admin");
    expect(payload.aud).toBe("sandbox-key");
    expect(payload.exp - payload.iat).toBe(60);
  });

  it("are refused when signed with another secret", async () => {
    const token = mintSessionToken({ shop: "ponte-demo.myshopify.com", apiKey: "sandbox-key", userId: "1" }, "another-secret");
    await expect(api.session.decodeSessionToken(token)).rejects.toThrow();
  });

  it("are refused once expired", async () => {
    const token = mintSessionToken(
      { shop: "ponte-demo.myshopify.com", apiKey: "sandbox-key", userId: "1", now: new Date(Date.now() - 10 * 60_000) },
      "sandbox-secret-of-some-length",
    );
    await expect(api.session.decodeSessionToken(token)).rejects.toThrow();
  });

  it("give the host parameter Shopify gives: base64 of the admin path", () => {
    expect(Buffer.from(embeddedHostParam("ponte-demo.myshopify.com"), "base64").toString()).toBe("admin.shopify.com/store/ponte-demo");
  });
});
