import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { Session } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { EncryptedSessionStorage } from "../../app/services/sessions/encrypted-session-storage.server";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

let db: PrismaClient;
beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("sessions"));
});
afterAll(() => db.$disconnect());

describe("session storage", () => {
  it("keeps Shopify access tokens sealed in the database and gives them back in clear", async () => {
    const storage = new EncryptedSessionStorage(new PrismaSessionStorage(db), new SecretBox(randomBytes(32).toString("base64")));
    const session = new Session({
      id: "offline_a.myshopify.com",
      shop: "a.myshopify.com",
      state: "s",
      isOnline: false,
      scope: "read_orders",
      accessToken: "shpat_clear_token_value",
    });
    expect(await storage.storeSession(session)).toBe(true);

    const row = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.accessToken).not.toContain("shpat_clear_token_value");
    expect(SecretBox.isSealed(row.accessToken)).toBe(true);

    expect((await storage.loadSession(session.id))?.accessToken).toBe("shpat_clear_token_value");
    expect((await storage.findSessionsByShop(shopDomain("a.myshopify.com"))).map((s) => s.accessToken)).toEqual(["shpat_clear_token_value"]);
    expect(await storage.deleteSession(session.id)).toBe(true);
    expect(await storage.loadSession(session.id)).toBeUndefined();
  });

  it("treats a session sealed under another key as absent, so a new token is requested", async () => {
    const before = new EncryptedSessionStorage(new PrismaSessionStorage(db), new SecretBox(randomBytes(32).toString("base64")));
    const after = new EncryptedSessionStorage(new PrismaSessionStorage(db), new SecretBox(randomBytes(32).toString("base64")));
    await before.storeSession(
      new Session({ id: "offline_b.myshopify.com", shop: "b.myshopify.com", state: "s", isOnline: false, accessToken: "shpat_b" }),
    );
    expect(await after.loadSession("offline_b.myshopify.com")).toBeUndefined();
    expect(await after.findSessionsByShop(shopDomain("b.myshopify.com"))).toEqual([]);
  });
});
