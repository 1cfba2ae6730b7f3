/**
 * Seals secrets (access tokens, API keys, passwords) before they are stored:
 * AES-256-GCM under PONTE_ENCRYPTION_KEY, a random 12-byte nonce per value.
 * Sealed text reads "v1.<nonce>.<tag>.<ciphertext>" in base64url.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const PREFIX = "v1";

export class SecretBox {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, "base64");
    if (key.length !== 32) {
      throw new Error("PONTE_ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)");
    }
    this.key = key;
  }

  seal(plaintext: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, nonce);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [PREFIX, nonce, cipher.getAuthTag(), body].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
  }

  open(sealed: string): string {
    const [prefix, nonce, tag, body] = sealed.split(".");
    if (prefix !== PREFIX || !nonce || !tag || body === undefined) {
      throw new Error("stored secret is not sealed text (was it written before encryption, or with another key?)");
    }
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    try {
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw new Error("stored secret cannot be opened with this PONTE_ENCRYPTION_KEY");
    }
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${PREFIX}.`) && value.split(".").length === 4;
  }
}
