// GIVEN the Cassa in Cloud emulator over HTTP, with its demo account
// WHEN Ponte's Cassa adapter validates keys, reads sale points, products, categories and stock, and sends web orders
// THEN a good key lists the licensed sale points and a bad one gets a clear error; only e-commerce products travel;
//      pages and tokens are handled as the API wants; a repeated order is harmless; each incompatible account
//      setting is named with how to fix it
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RetryableError } from "../../app/services/errors";
import { CassaAdapter } from "../../app/services/pos/cassa/cassa.adapter.server";
import { PosSettingError } from "../../app/services/pos/pos-connector";
import type { NewPosOrder } from "../../app/services/pos/pos.types";
import { demoCassaAccount } from "../../emulators/cassa/demo-account";
import { startCassaEmulator, type CassaEmulator } from "../../emulators/cassa/server";
import { posAdapterContract } from "../contract/pos-adapter.contract";
import { salePointId } from "../../app/services/ids";

let cassa: CassaEmulator;
const adapter = (apiKey = cassa.apiKey) => new CassaAdapter({ apiKey, baseUrl: cassa.url });

beforeAll(async () => {
  cassa = await startCassaEmulator({ apiKey: "cic-demo-key-123", books: demoCassaAccount() });
});
afterAll(() => cassa.close());
beforeEach(() => {
  cassa.books.settings = { mandatoryTime: false, minimumOrder: 0 };
  Object.assign(cassa.faults, { down: false, failNext: 0, tokenLifetimeSeconds: 3600 });
});

posAdapterContract({
  name: "Cassa in Cloud (emulator)",
  createAdapter: (apiKey) => adapter(apiKey),
  wrongKey: "not-the-key",
  offeredSkus: ["CAF-GRANI-1KG", "TAZ-ESP-NER"],
  storeOnlySku: "BIS-CACAO-300",
  async setStock(salePointId, sku, quantity) {
    const found = [...cassa.books.products.values()]
      .flatMap((product) => product.variants.map((variant) => ({ product, variant })))
      .find(({ variant }) => variant.internalId === sku)!;
    cassa.books.setStock(Number(salePointId), found.product, found.product.multivariant ? found.variant : null, quantity);
  },
  ordersWithExternalId: async (externalId) => [...cassa.books.orders.values()].filter((one) => one.externalId === externalId).length,
  async setUnavailable(down) {
    cassa.faults.down = down;
  },
  async blockOrders(setting) {
    cassa.books.settings = { mandatoryTime: setting === "mandatory-time", minimumOrder: setting === "minimum-order" ? 50 : 0 };
  },
});

const variantOf = async (sku: string) => (await adapter().listProducts()).flatMap((p) => p.variants).find((v) => v.sku === sku)!;
const order = async (externalId: string, change: Partial<NewPosOrder> = {}): Promise<NewPosOrder> => ({
  externalId,
  salePointId: salePointId("101"),
  dueDate: new Date(Date.now() + 3600_000),
  customer: { name: "Giulia Rossi", email: "giulia@example.it", phone: null },
  note: "Shopify #1001",
  rows: [{ variantId: (await variantOf("CAF-GRANI-1KG")).id, quantity: 2, price: "18.90", note: null }],
  ...change,
});

describe("the Cassa in Cloud adapter", () => {
  it("validates a good key by listing the sale points with an active licence", async () => {
    const check = await adapter().testConnection();
    expect(check).toEqual({
      ok: true,
      salePoints: [
        { id: "101", name: "Milano Brera", address: "Via Solferino 14, 20121 Milano" },
        { id: "102", name: "Torino Centro", address: "Via Roma 80, 10121 Torino" },
        { id: "103", name: "Roma Prati", address: "Via Cola di Rienzo 120, 00192 Roma" },
      ],
    });
  });

  it("answers a bad key with a clear error", async () => {
    expect(await adapter("not-the-key").testConnection()).toEqual({ ok: false, error: expect.stringMatching(/refused the API key/) });
  });

  it("reads only the products and categories enabled for e-commerce, a simple product through its single variant", async () => {
    const products = await adapter().listProducts();
    expect(products.flatMap((p) => p.variants.map((v) => v.sku)).sort()).toEqual([
      "CAF-GRANI-1KG",
      "CAF-MOKA-250",
      "MOKA-3",
      "TAZ-ESP-BIA",
      "TAZ-ESP-NER",
    ]);
    expect(products.find((p) => p.name === "Tazzina espresso")?.variants.map((v) => [v.name, v.price])).toEqual([
      ["Bianca", "7.00"],
      ["Nera", "7.00"],
    ]);
    expect((await adapter().listCategories()).map((c) => c.name).sort()).toEqual(["Caffè", "Tazze"]);
  });

  it("reads a sale point's stock by SKU", async () => {
    const stock = await adapter().stockAt(salePointId("101"));
    expect(Object.fromEntries(stock.map((s) => [s.sku, s.quantity]))).toEqual({
      "CAF-GRANI-1KG": 3,
      "CAF-MOKA-250": 12,
      "MOKA-3": 1,
      "TAZ-ESP-BIA": 8,
      "TAZ-ESP-NER": 2,
    });
  });

  it("reads stock a page of products at a time, for every sale point asked, filtered by those products' ids", async () => {
    const books = cassa.books;
    const template = [...books.products.values()].find((p) => p.variants.length === 1)!;
    const points = [...books.salePoints.keys()].slice(0, 2);
    const made: string[] = [];
    for (let n = 0; n < 230; n++) {
      const id = books.id("paged");
      const product = {
        ...template,
        id,
        internalId: `PAGED-${n}`,
        variants: [{ ...template.variants[0]!, id: books.id("pv"), internalId: `PAGED-${n}` }],
      };
      books.products.set(id, product);
      for (const [index, point] of points.entries()) books.setStock(point, product, product.variants[0]!, n + index);
      made.push(id);
    }
    try {
      const before = cassa.calls.length;
      const pages = [];
      for await (const page of adapter().stockPages(points.map((point) => salePointId(String(point))))) pages.push(page);
      const calls = cassa.calls.slice(before);
      expect(pages).toHaveLength(3);
      expect(pages.map((page) => page.products?.length)).toEqual([100, 100, 34]);
      expect(calls.filter((c) => c === "GET /products")).toHaveLength(3);
      // A stock call per page of products and sale point (3 x 2), and one more where a page's variants make over 100
      // stock rows (the demo's multi-variant products share the first page): never the sale point's whole stock.
      const stockCalls = calls.filter((c) => c.startsWith("GET /stocks/")).length;
      expect(stockCalls).toBeGreaterThanOrEqual(6);
      expect(stockCalls).toBeLessThanOrEqual(8);
      const levels = pages.flatMap((page) => page.levels);
      for (const [index, point] of points.entries())
        expect(levels.find((level) => level.at === String(point) && level.sku === "PAGED-229")?.quantity).toBe(229 + index);
      expect(levels.filter((level) => level.sku.startsWith("PAGED-"))).toHaveLength(230 * points.length);
    } finally {
      for (const id of made) {
        for (const point of points) books.stock.get(point)!.delete(books.products.get(id)!.variants[0]!.id);
        books.products.delete(id);
      }
    }
  });

  it("walks every page (at most 100 a page) and keeps one token for its lifetime, renewing it before it expires", async () => {
    const books = cassa.books;
    const template = [...books.products.values()][0]!;
    for (let n = 0; n < 230; n++) {
      const id = books.id("bulk");
      books.products.set(id, {
        ...template,
        id,
        internalId: `BULK-${n}`,
        variants: [{ ...template.variants[0]!, id: books.id("bv"), internalId: `BULK-${n}` }],
      });
    }
    const before = cassa.calls.length;
    const client = adapter();
    expect((await client.listProducts()).length).toBe(4 + 230);
    const calls = cassa.calls.slice(before);
    expect(calls.filter((c) => c === "GET /products")).toHaveLength(3);
    expect(calls.filter((c) => c === "POST /apikey/token")).toHaveLength(1);
    for (const product of [...books.products.values()].filter((p) => p.internalId?.startsWith("BULK-"))) books.products.delete(product.id);

    // A token that lives less than the renewal margin is renewed before each call.
    cassa.faults.tokenLifetimeSeconds = 30;
    const shortLived = adapter();
    const start = cassa.calls.length;
    await shortLived.listSalePoints();
    await shortLived.listSalePoints();
    expect(cassa.calls.slice(start).filter((c) => c === "POST /apikey/token")).toHaveLength(2);
  });

  it("sends a web order to a sale point once: the same externalId again is harmless", async () => {
    const first = await adapter().sendOrder(await order("ponte-shop-1001-101"));
    expect(first).toMatchObject({ repeated: false, externalId: "ponte-shop-1001-101", id: expect.any(String) });
    expect(await adapter().sendOrder(await order("ponte-shop-1001-101"))).toEqual({ id: null, externalId: "ponte-shop-1001-101", repeated: true });
    const sent = [...cassa.books.orders.values()].filter((o) => o.externalId === "ponte-shop-1001-101");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      isExternalOrder: true,
      document: { idSalesPoint: 101, amount: 37.8, rows: [{ rowNumber: 1, quantity: 2, price: 18.9 }] },
    });
  });

  it("names each account setting that blocks connectors' orders, with how to fix it", async () => {
    cassa.books.settings = { mandatoryTime: true, minimumOrder: 0 };
    const timeError = await adapter()
      .sendOrder(await order("ponte-shop-1002-101"))
      .catch((e: unknown) => e);
    expect(timeError).toBeInstanceOf(PosSettingError);
    expect(timeError).toMatchObject({ setting: "mandatory-time", message: expect.stringMatching(/"Mandatory time" to No/) });

    cassa.books.settings = { mandatoryTime: false, minimumOrder: 50 };
    const minimumError = await adapter()
      .sendOrder(await order("ponte-shop-1003-101"))
      .catch((e: unknown) => e);
    expect(minimumError).toMatchObject({ setting: "minimum-order", message: expect.stringMatching(/"Minimum order" to 0/) });
    expect(
      [...cassa.books.orders.values()].filter((o) => o.externalId === "ponte-shop-1002-101" || o.externalId === "ponte-shop-1003-101"),
    ).toHaveLength(0);
  });

  it("treats an unavailable or failing API as a passing failure", async () => {
    cassa.faults.down = true;
    await expect(adapter().listSalePoints()).rejects.toBeInstanceOf(RetryableError);
    cassa.faults.down = false;
    cassa.faults.failNext = 1;
    await expect(adapter().listSalePoints()).rejects.toBeInstanceOf(RetryableError);
  });
});
