// The generic HTTP ERP adapter over its emulator: the shared ERP contract, then what is particular to HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PermanentError, RetryableError } from "../../app/services/errors";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { erpAdapterContract } from "../contract/erp-adapter.contract";
import { erpRecordId } from "../../app/services/ids";

let emulator: ErpEmulator;
beforeAll(async () => {
  emulator = await startErpEmulator({ apiKey: "erp-key-for-tests" });
  emulator.books.catalog.warehouses.set("WH-1", { id: erpRecordId("warehouse", "WH-1"), name: "Magazzino centrale" });
});
afterAll(() => emulator.close());

erpAdapterContract({
  name: "generic HTTP ERP (emulator)",
  createAdapter: () => new HttpErpAdapter({ baseUrl: emulator.url, apiKey: emulator.apiKey }),
  ship: async (id) => void emulator.books.ship(id, "BRT", "BRT-0001"),
  invoice: async (id) => void emulator.books.invoice(id),
  offerToEcommerce: async ({ sku, name, listPrice, costPrice }) =>
    void emulator.books.catalog.products.set(sku, {
      id: sku,
      name,
      description: "",
      categoryId: null,
      variants: [{ id: `${sku}-1`, sku, name, price: listPrice, cost: costPrice }],
      imageUrls: [],
    }),
  receiveStock: async (sku, quantity) =>
    emulator.books.catalog.setStock("WH-1", sku, (emulator.books.catalog.stock.get("WH-1")?.get(sku) ?? 0) + quantity),
  addWarehouse: async (name) => {
    const id = `WH-${name.split(" ").pop()}`;
    await fetch(`${emulator.url}/_control/warehouses`, { method: "POST", body: JSON.stringify({ id, name }) });
    return id;
  },
  categoriesOf: async (sku) => [...emulator.books.articles.values()].filter((a) => a.sku === sku).flatMap((a) => (a.category ? [a.category] : [])),
  categoriesNamed: async (name) => (emulator.books.articleCategories.has(name) ? 1 : 0),
});

describe("generic HTTP ERP adapter", () => {
  const adapter = () => new HttpErpAdapter({ baseUrl: emulator.url, apiKey: emulator.apiKey, timeoutMs: 500 });

  it("reads a catalog larger than a page by following the cursor, and names an unknown warehouse", async () => {
    const before = (await adapter().listProducts()).length;
    for (let n = 0; n < 1200; n++) {
      const sku = `BULK-${String(n).padStart(4, "0")}`;
      emulator.books.catalog.products.set(sku, {
        id: sku,
        name: sku,
        description: "",
        categoryId: null,
        variants: [{ id: `${sku}-1`, sku, name: sku, price: "1.00", cost: null }],
        imageUrls: [],
      });
    }
    const products = await adapter().listProducts();
    expect(products).toHaveLength(before + 1200);
    expect(new Set(products.map((product) => product.id)).size).toBe(products.length);
    expect((await adapter().stockAt(erpRecordId("warehouse", "WH-1"))).filter((level) => level.sku.startsWith("BULK-"))).toHaveLength(1200);
    for (let n = 0; n < 1200; n++) emulator.books.catalog.products.delete(`BULK-${String(n).padStart(4, "0")}`);
    await expect(adapter().stockAt(erpRecordId("warehouse", "WH-NOWHERE"))).rejects.toThrow(/no warehouse WH-NOWHERE/);
  });

  it("reports a wrong key as a clear, permanent error that does not show the key", async () => {
    const error = await new HttpErpAdapter({ baseUrl: emulator.url, apiKey: "wrong-secret-key" }).findArticleBySku("X").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/refused Ponte's API key/);
    expect((error as Error).message).not.toContain("wrong-secret-key");
    const check = await new HttpErpAdapter({ baseUrl: emulator.url, apiKey: "wrong-secret-key" }).testConnection();
    expect(check.ok).toBe(false);
  });

  it("treats an ERP that is down, failing or too slow as retryable", async () => {
    emulator.faults.down = true;
    expect(
      await adapter()
        .findArticleBySku("X")
        .catch((e: unknown) => e),
    ).toBeInstanceOf(RetryableError);
    emulator.faults.down = false;
    emulator.faults.failNext = 1;
    expect(
      await adapter()
        .findArticleBySku("X")
        .catch((e: unknown) => e),
    ).toBeInstanceOf(RetryableError);
    emulator.faults.latencyMs = 1000;
    const slow = await adapter()
      .findArticleBySku("X")
      .catch((e: unknown) => e);
    emulator.faults.latencyMs = 0;
    expect(slow).toBeInstanceOf(RetryableError);
    expect((slow as Error).message).toMatch(/timeout/);
    expect(await adapter().findArticleBySku("X")).toBeNull();
  });

  it("refuses a sale that names an unknown customer, with the ERP's reason", async () => {
    const error = await adapter()
      .createSalesOrder({
        reference: "#x",
        customerId: erpRecordId("customer", "C999"),
        currency: "EUR",
        lines: [{ articleId: erpRecordId("article", "A1"), description: "x", quantity: 1, unitPrice: "1.00" }],
        shippingAddress: null,
        note: null,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toMatch(/no customer C999/);
  });

  it("retries, never fails, an article the ERP refuses as a duplicate made at the same moment by another export", async () => {
    await adapter().createArticle({ sku: "RACE-SKU", name: "Made by the other export", listPrice: "1.00" });
    const refused = await adapter()
      .createArticle({ sku: "RACE-SKU", name: "Made by this export", listPrice: "1.00" })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryableError);
    expect((await adapter().findArticleBySku("RACE-SKU"))?.name).toBe("Made by the other export");
  });
});
