// GIVEN a merchant's ERP connection form
// WHEN it is saved, read back and used
// THEN the secret is sealed in the database, never shown back in full, and the right adapter reaches the ERP
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { describeErpConnection, erpConnectorForShop, saveErpConnection, testErpConnectionInput } from "../../app/services/erp/erp-connections.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { createTestDatabase } from "../support/test-database";

const shop = "erp-settings.myshopify.com";
const box = new SecretBox(randomBytes(32).toString("base64"));
let db: PrismaClient;
let erp: ErpEmulator;

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("erp_connections"));
  erp = await startErpEmulator({ apiKey: "erp-key-ending-42" });
});
afterAll(async () => {
  await erp.close();
  await db.$disconnect();
});

describe("ERP connections", () => {
  it("seals the key, shows only a hint, and connects with it", async () => {
    const summary = await saveErpConnection(db, box, shop, { kind: "http", url: erp.url, secret: "erp-key-ending-42" });
    expect(summary).toEqual({ kind: "http", url: erp.url, database: null, login: null, secretHint: "••••••••42" });

    const row = await db.erpConnection.findUniqueOrThrow({ where: { shop } });
    expect(row.secretSealed).not.toContain("erp-key-ending-42");
    expect(JSON.stringify(await describeErpConnection(db, box, shop))).not.toContain("erp-key-ending-42");

    const connector = await erpConnectorForShop(db, box, shop);
    expect(connector?.kind).toBe("http");
    expect(await connector!.testConnection()).toEqual({ ok: true, detail: "Ponte ERP emulator 1.0.0" });
  });

  it("gives a clear answer when the key is wrong", async () => {
    await saveErpConnection(db, box, shop, { kind: "http", url: erp.url, secret: "not-the-key" });
    const check = await (await erpConnectorForShop(db, box, shop))!.testConnection();
    expect(check).toEqual({ ok: false, error: expect.stringMatching(/refused Ponte's API key/) });
  });

  it("refuses an incomplete form with the reason for each field, and builds a Tryton adapter for a Tryton form", async () => {
    const error = await saveErpConnection(db, box, shop, { kind: "tryton", url: "not a url", database: "", login: "admin", secret: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringMatching(/full URL/), "Name the Tryton database"]));
    await saveErpConnection(db, box, shop, { kind: "tryton", url: "http://127.0.0.1:1", database: "ponte", login: "admin", secret: "pw" });
    expect((await erpConnectorForShop(db, box, shop))?.kind).toBe("tryton");
    expect(await erpConnectorForShop(db, box, "none.myshopify.com")).toBeNull();
  });

  it("keeps the saved key when the form leaves it empty, for the same kind of ERP only", async () => {
    const other = "keep-secret.myshopify.com";
    await saveErpConnection(db, box, other, { kind: "http", url: erp.url, secret: "erp-key-ending-42" });
    expect(await testErpConnectionInput(db, box, other, { kind: "http", url: erp.url, secret: "" })).toEqual({ ok: true, detail: "Ponte ERP emulator 1.0.0" });
    await saveErpConnection(db, box, other, { kind: "http", url: `${erp.url}/`, secret: "" });
    expect(await (await erpConnectorForShop(db, box, other))!.testConnection()).toMatchObject({ ok: true });
    // a new kind of ERP needs its own password
    expect(await testErpConnectionInput(db, box, other, { kind: "tryton", url: erp.url, database: "ponte", login: "admin", secret: "" })).toEqual({
      ok: false,
      error: expect.stringMatching(/password/),
    });
    expect(await testErpConnectionInput(db, box, other, { kind: "http", url: erp.url, secret: "wrong" })).toEqual({ ok: false, error: expect.stringMatching(/refused Ponte's API key/) });
    expect(await testErpConnectionInput(db, box, other, { kind: "http", url: "http://127.0.0.1:1", secret: "x" })).toMatchObject({ ok: false, error: expect.stringMatching(/did not answer|ECONNREFUSED|fetch failed/) });
  });
});
