// GIVEN a merchant's ERP connection form
// WHEN it is saved, read back and used
// THEN the secret is sealed in the database, never shown back in full, and the right adapter reaches the ERP
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import {
  erpConnectorForShop,
  erpsForShop,
  listErpConnections,
  removeErpConnection,
  saveErpConnection,
  testErpConnectionInput,
} from "../../app/services/erp/erp-connections.server";
import { FormRefusal } from "../../app/services/forms/form-refusal";
import { saveErpLegalSettings } from "../../app/services/erp/erp-legal-settings.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain("erp-settings.myshopify.com");
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
    expect(summary).toEqual({
      id: expect.any(String),
      name: "ERP",
      main: true,
      countries: [],
      kind: "http",
      url: erp.url,
      database: null,
      login: null,
      secretHint: "••••••••42",
      booking: { anonymousCustomerId: null, customLineSku: "PONTE-CUSTOM", giftCardSku: "PONTE-GIFT-CARD", tipSku: "PONTE-TIP" },
      // Tax ids are read from Shopify's checkout fields and B2B companies until the merchant says otherwise.
      legal: { readCheckoutFields: true, readCompanies: true, taxIdKey: null, sdiCodeKey: null, pecKey: null, sendInvalidTaxIds: false },
      refundsMode: "record",
    });

    const row = await db.erpConnection.findFirstOrThrow({ where: { shop } });
    expect(row.secretSealed).not.toContain("erp-key-ending-42");
    expect(JSON.stringify(await listErpConnections(db, box, shop))).not.toContain("erp-key-ending-42");

    const connector = await erpConnectorForShop(db, box, shop);
    expect(connector?.kind).toBe("http");
    expect(await connector!.testConnection()).toEqual({ ok: true, detail: "Ponte ERP emulator 1.0.0" });
  });

  it("saves where an ERP reads tax ids from, refusing a key no note attribute or metafield can have", async () => {
    const { id } = await saveErpConnection(db, box, shop, { kind: "http", url: erp.url, secret: "erp-key-ending-42" });
    const saved = await saveErpLegalSettings(db, shop, {
      connectionId: id,
      readCompanies: "on",
      sdiCodeKey: " Codice SDI ",
      taxIdKey: "custom.vat_number",
    });
    expect(saved).toEqual({
      readCheckoutFields: false,
      readCompanies: true,
      taxIdKey: "custom.vat_number",
      sdiCodeKey: "Codice SDI",
      pecKey: null,
      sendInvalidTaxIds: false,
    });
    expect((await listErpConnections(db, box, shop)).find((c) => c.id === id)?.legal).toEqual(saved);
    const refused = await saveErpLegalSettings(db, shop, { connectionId: id, pecKey: "pec<script>" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ZodError);
    expect((refused as ZodError).issues.map((issue) => [issue.path[0], issue.message])).toEqual([["pecKey", "errors.legal.keyCharacters"]]);
    const gone = await saveErpLegalSettings(db, shop, { connectionId: "no-such-connection" }).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(FormRefusal);
  });

  it("gives a clear answer when the key is wrong", async () => {
    await saveErpConnection(db, box, shop, { kind: "http", url: erp.url, secret: "not-the-key" });
    const check = await (await erpConnectorForShop(db, box, shop))!.testConnection();
    expect(check).toEqual({ ok: false, error: expect.stringMatching(/refused Ponte's API key/) });
  });

  it("refuses an incomplete form with the reason for each field, and builds a Tryton adapter for a Tryton form", async () => {
    const error = await saveErpConnection(db, box, shop, { kind: "tryton", url: "not a url", database: "", login: "admin", secret: "x" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.message)).toEqual(
      // By message key: the page writes each out in the merchant's language.
      expect.arrayContaining(["errors.erp.trytonUrl", "errors.erp.database"]),
    );
    await saveErpConnection(db, box, shop, { kind: "tryton", url: "http://127.0.0.1:1", database: "ponte", login: "admin", secret: "pw" });
    expect((await erpConnectorForShop(db, box, shop))?.kind).toBe("tryton");
    expect(await erpConnectorForShop(db, box, shopDomain("none.myshopify.com"))).toBeNull();
  });

  it("keeps the saved key when the form leaves it empty, for the same kind of ERP only", async () => {
    const other = shopDomain("keep-secret.myshopify.com");
    await saveErpConnection(db, box, other, { kind: "http", url: erp.url, secret: "erp-key-ending-42" });
    expect(await testErpConnectionInput(db, box, other, { kind: "http", url: erp.url, secret: "" })).toEqual({
      ok: true,
      detail: "Ponte ERP emulator 1.0.0",
    });
    await saveErpConnection(db, box, other, { kind: "http", url: `${erp.url}/`, secret: "" });
    expect(await (await erpConnectorForShop(db, box, other))!.testConnection()).toMatchObject({ ok: true });
    // a new kind of ERP needs its own password
    // In English for the log, and by key for the page to say in the merchant's language.
    expect(await testErpConnectionInput(db, box, other, { kind: "tryton", url: erp.url, database: "ponte", login: "admin", secret: "" })).toEqual({
      ok: false,
      error: expect.stringMatching(/password/),
      field: "secret",
      said: ["errors.erp.passwordAgain"],
    });
    expect(await testErpConnectionInput(db, box, other, { kind: "http", url: erp.url, secret: "wrong" })).toEqual({
      ok: false,
      error: expect.stringMatching(/refused Ponte's API key/),
    });
    expect(await testErpConnectionInput(db, box, other, { kind: "http", url: "http://127.0.0.1:1", secret: "x" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not answer|ECONNREFUSED|fetch failed/),
    });
  });

  it("never sends a saved key to another address: a new URL with the key left empty is refused on the key field, and nothing is sent", async () => {
    const victim = shopDomain("key-stays.myshopify.com");
    await saveErpConnection(db, box, victim, { kind: "http", url: erp.url, secret: "erp-key-that-stays-home" });
    // A listener the attacker controls, at another address.
    const received: string[] = [];
    const listener = createServer((request, response) => {
      received.push(String(request.headers.authorization ?? ""));
      response.end("{}");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const elsewhere = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    try {
      expect(await testErpConnectionInput(db, box, victim, { kind: "http", url: elsewhere, secret: "" })).toEqual({
        ok: false,
        error: "Enter the API key again: a saved key is only sent to the address it was saved for",
        field: "secret",
        said: ["errors.erp.apiKeyAgain"],
      });
      const refused = await saveErpConnection(db, box, victim, { kind: "http", url: elsewhere, secret: "" }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(FormRefusal);
      expect((refused as FormRefusal).field).toBe("secret");
      expect(received).toEqual([]);
      expect((await db.erpConnection.findFirstOrThrow({ where: { shop: victim } })).url).toBe(erp.url);
      // The same for Tryton: another database or login needs the password again.
      await saveErpConnection(db, box, victim, { kind: "tryton", url: elsewhere, database: "ponte", login: "admin", secret: "tryton-password" });
      expect(
        await testErpConnectionInput(db, box, victim, { kind: "tryton", url: elsewhere, database: "other", login: "admin", secret: "" }),
      ).toMatchObject({ ok: false, error: expect.stringMatching(/^Enter the Tryton password again/) });
      expect(received).toEqual([]);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it("keeps several ERPs, each taking the shipping countries it names, the main one the rest; checks names and countries; keeps one that holds orders", async () => {
    const several = shopDomain("several-erps.myshopify.com");
    const main = await saveErpConnection(db, box, several, {
      kind: "http",
      url: erp.url,
      secret: "erp-key-ending-42",
      name: "Italia",
      countries: "DE",
    });
    expect(main).toMatchObject({ name: "Italia", main: true, countries: [] });
    const polska = await saveErpConnection(db, box, several, {
      connectionId: "new",
      name: "Polska",
      countries: "pl, cz",
      kind: "http",
      url: erp.url,
      secret: "erp-key-ending-42",
    });
    expect(polska).toMatchObject({ name: "Polska", main: false, countries: ["PL", "CZ"] });

    const refusal = (raw: Record<string, unknown>) =>
      saveErpConnection(db, box, several, { kind: "http", url: erp.url, secret: "k", ...raw }).then(
        () => null,
        (error: unknown) => (error instanceof FormRefusal ? { field: error.field, message: error.message } : error),
      );
    expect(await refusal({ connectionId: "new", name: "Deutschland" })).toEqual({
      field: "countries",
      message: "Name the shipping countries whose orders go to this ERP",
    });
    expect(await refusal({ connectionId: "new", name: "Deutschland", countries: "Germany" })).toEqual({
      field: "countries",
      message: expect.stringMatching(/two-letter codes.*GERMANY/),
    });
    expect(await refusal({ connectionId: "new", name: "Polska", countries: "SK" })).toEqual({
      field: "name",
      message: "Another ERP is already called Polska",
    });
    expect(await refusal({ connectionId: "new", name: "Deutschland", countries: "DE, pl" })).toEqual({
      field: "countries",
      message: "Orders to PL already go to Polska",
    });
    expect(await refusal({ connectionId: "no-such-erp", name: "X", countries: "SK" })).toEqual({
      field: "form",
      message: "This ERP is no longer connected",
    });
    expect((await listErpConnections(db, box, several)).map((c) => [c.name, c.main, c.countries])).toEqual([
      ["Italia", true, []],
      ["Polska", false, ["PL", "CZ"]],
    ]);

    // Editing one ERP by its id, the key left empty, keeps its key and touches no other.
    await saveErpConnection(db, box, several, {
      connectionId: polska.id,
      name: "Polska",
      countries: "PL",
      kind: "http",
      url: `${erp.url}/`,
      secret: "",
    });
    const [only] = (await erpsForShop(db, box, several)).filter((e) => e.id === polska.id);
    expect(only).toMatchObject({ id: polska.id, name: "Polska", countries: ["PL"] });
    expect(await only!.connector.testConnection()).toMatchObject({ ok: true });
    expect(await testErpConnectionInput(db, box, several, { connectionId: polska.id, kind: "http", url: erp.url, secret: "" })).toMatchObject({
      ok: true,
    });
    expect((await erpsForShop(db, box, several)).map((e) => e.name)).toEqual(["Italia", "Polska"]);
    expect(await erpConnectorForShop(db, box, several)).not.toBeNull();

    // The main ERP stays; one holding an exported order stays; once it holds none it goes, with its links.
    await expect(removeErpConnection(db, several, main.id)).rejects.toThrow(/main ERP cannot be removed/);
    await db.orderExport.create({
      data: { shop: several, orderId: "o1", orderName: "#1", status: "exported", erpConnectionId: polska.id, erpOrderId: "SO1" },
    });
    await expect(removeErpConnection(db, several, polska.id)).rejects.toThrow(
      "Polska holds 1 order Ponte exported; it stays so their statuses keep coming back",
    );
    await db.orderExport.delete({ where: { shop_orderId: { shop: several, orderId: "o1" } } });
    const schedule = await db.schedule.create({
      data: { shop: several, name: "Poland at night", actions: ["sync-statuses"], when: {}, erpConnectionIds: [polska.id] },
    });
    await expect(removeErpConnection(db, several, polska.id)).rejects.toThrow(
      "The schedule Poland at night works only with Polska: change or delete it first",
    );
    await db.schedule.delete({ where: { id: schedule.id } });
    await db.externalLink.create({ data: { shop: several, system: `erp:${polska.id}`, entity: "customer", shopifyId: "c1", externalId: "P1" } });
    await removeErpConnection(db, several, polska.id);
    expect((await listErpConnections(db, box, several)).map((c) => c.name)).toEqual(["Italia"]);
    expect(await db.externalLink.count({ where: { shop: several } })).toBe(0);
  });
});
