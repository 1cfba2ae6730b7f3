import { describe, expect, it } from "vitest";
import { sandboxSettings } from "../../app/services/sandbox/sandbox-mode";

describe("sandbox mode", () => {
  it("is off unless PONTE_SANDBOX=1", () => {
    expect(sandboxSettings({ PONTE_SANDBOX_SHOPIFY_URL: "http://127.0.0.1:1" })).toBeNull();
  });

  it("points the Admin API and App Bridge at the emulator when on", () => {
    expect(sandboxSettings({ PONTE_SANDBOX: "1", PONTE_SANDBOX_SHOPIFY_URL: "http://127.0.0.1:8080/" })).toEqual({
      shopifyUrl: "http://127.0.0.1:8080/",
      appBridgeUrl: "http://127.0.0.1:8080/sandbox/app-bridge.js",
      cassaUrl: null,
    });
    expect(
      sandboxSettings({ PONTE_SANDBOX: "1", PONTE_SANDBOX_SHOPIFY_URL: "http://127.0.0.1:8080", PONTE_SANDBOX_CASSA_URL: "http://127.0.0.1:8090" })
        ?.cassaUrl,
    ).toBe("http://127.0.0.1:8090");
  });

  it("asks for the emulator's URL when switched on without it", () => {
    expect(() => sandboxSettings({ PONTE_SANDBOX: "1" })).toThrow(/PONTE_SANDBOX_SHOPIFY_URL/);
  });
});
