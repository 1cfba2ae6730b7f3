import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";

const key = () => randomBytes(32).toString("base64");

describe("SecretBox", () => {
  it("seals to text that does not contain the secret and opens it again", () => {
    const box = new SecretBox(key());
    const sealed = box.seal("shpat_0123456789abcdef");
    expect(sealed).not.toContain("shpat_0123456789abcdef");
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(box.open(sealed)).toBe("shpat_0123456789abcdef");
  });

  it("uses a fresh nonce each time", () => {
    const box = new SecretBox(key());
    expect(box.seal("same")).not.toBe(box.seal("same"));
  });

  it("refuses a value sealed under another key, or tampered with", () => {
    const sealed = new SecretBox(key()).seal("token");
    expect(() => new SecretBox(key()).open(sealed)).toThrow(/cannot be opened/);
    const box = new SecretBox(key());
    const good = box.seal("token");
    const [prefix, nonce, tag, body] = good.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([prefix, nonce, tag, flipped.toString("base64url")].join("."))).toThrow(/cannot be opened/);
  });

  it("refuses clear text and a key of the wrong size", () => {
    expect(() => new SecretBox(key()).open("shpat_plain")).toThrow(/not sealed text/);
    expect(() => new SecretBox(Buffer.from("short").toString("base64"))).toThrow(/32 random bytes/);
  });
});
