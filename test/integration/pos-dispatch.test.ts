// GIVEN a real database and the Cassa in Cloud emulator over HTTP (demo account: Milano, Torino, Roma)
// WHEN the merchant validates a key, orders and switches sale points, and orders are dispatched (again and again,
//      cancelled, bigger than a sale point's stock, unservable until stock arrives, or after a crash)
// THEN each sale point that serves part of an order gets one POS order with its share, exactly once,
//      and what cannot go is kept with a clear reason
import { testOrder } from "../support/order-builder";
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { CassaAdapter } from "../../app/services/pos/cassa/cassa.adapter.server";
import {
  listShopSalePoints,
  reorderSalePoints,
  setSalePointActive,
  updatePosData,
  type PosConnectorFactory,
} from "../../app/services/pos/pos-connections.server";
import { listLocationMappings, saveLocationMapping } from "../../app/services/pos/pos-locations.server";
import { recordOrderSnapshot } from "../../app/services/sync/orders/order-snapshots.server";
import type { ShopifyOrder, ShopifyOrderInput } from "../../app/services/shopify/shopify-order";
import { externalIdFor } from "../../app/services/sync/pos/dispatch-order-to-pos.use-case.server";
import { dispatchSnapshotToPos, ordersAwaitingPos } from "../../app/services/sync/pos/dispatch-snapshot-to-pos.server";
import { demoCassaAccount, simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator, type CassaEmulator } from "../../emulators/cassa/server";
import { createTestDatabase } from "../support/test-database";
import { salePointId, shopDomain, type ShopDomain } from "../../app/services/ids";

const box = new SecretBox(randomBytes(32).toString("base64"));
let db: PrismaClient;
let cassa: CassaEmulator;
let connectorFor: PosConnectorFactory;

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("pos-dispatch"));
  cassa = await startCassaEmulator({ apiKey: "cic-key", books: demoCassaAccount() });
  connectorFor = (apiKey) => new CassaAdapter({ apiKey, baseUrl: cassa.url });
});
afterAll(async () => {
  await cassa.close();
  await db.$disconnect();
});

async function placed(shop: ShopDomain, lines: Array<[string, number]>, change: Partial<ShopifyOrderInput> = {}): Promise<ShopifyOrder> {
  const now = new Date().toISOString();
  const order = testOrder(
    "P",
    {
      email: "giulia@example.it",
      createdAt: now,
      updatedAt: now,
      taxesIncluded: true,
      customer: { id: "gid://shopify/Customer/9", email: "giulia@example.it", firstName: "Giulia", lastName: "Rossi" },
      ...change,
    },
    lines.map(([sku, quantity]) => ({ sku, quantity, price: "10.00", title: sku })),
  );
  await recordOrderSnapshot(db, shop, order, "webhook");
  return order;
}

const dispatch = (shop: ShopDomain, orderId: string) => dispatchSnapshotToPos({ db, box, connectorFor }, shop, orderId);
const posOrdersOf = (shop: ShopDomain, orderId: string) =>
  [...cassa.books.orders.values()].filter((o) => ["101", "102", "103"].some((sp) => o.externalId === externalIdFor(shop, orderId, salePointId(sp))));
const shares = (shop: ShopDomain, orderId: string) =>
  posOrdersOf(shop, orderId).map((o) => [
    o.document.idSalesPoint,
    o.document.rows.map((r) => [cassa.books.findVariant(r.idProductVariant)!.variant.internalId, r.quantity]),
  ]);

async function connectedShop(name: string): Promise<ShopDomain> {
  const shop = shopDomain(`${name}.myshopify.com`);
  expect(await updatePosData(db, box, shop, { apiKey: "cic-key" }, connectorFor)).toMatchObject({ ok: true });
  return shop;
}

describe("POS connection and sale points", () => {
  it("lists the sale points of a good key, in order and switched on; a bad key changes nothing", async () => {
    const shop = shopDomain("keys.myshopify.com");
    expect(await updatePosData(db, box, shop, { apiKey: "wrong" }, connectorFor)).toEqual({
      ok: false,
      error: expect.stringMatching(/refused the API key/),
    });
    expect(await db.posConnection.count({ where: { shop } })).toBe(0);
    expect(await listShopSalePoints(db, shop)).toEqual([]);

    const outcome = await updatePosData(db, box, shop, { apiKey: "cic-key" }, connectorFor);
    expect(outcome).toEqual({
      ok: true,
      salePoints: [
        expect.objectContaining({ salePointId: salePointId("101"), name: "Milano Brera", priority: 1, active: true }),
        expect.objectContaining({ salePointId: salePointId("102"), name: "Torino Centro", priority: 2, active: true }),
        expect.objectContaining({ salePointId: salePointId("103"), name: "Roma Prati", priority: 3, active: true }),
      ],
    });
    expect((await db.posConnection.findUniqueOrThrow({ where: { shop } })).apiKeySealed).not.toContain("cic-key");
    // "Update data" again with the key left empty uses the saved key.
    expect(await updatePosData(db, box, shop, {}, connectorFor)).toMatchObject({ ok: true });
  });

  it("keeps the merchant's order and switches across reloads and later updates", async () => {
    const shop = await connectedShop("order");
    await reorderSalePoints(db, shop, ["103", "101", "102"]);
    await setSalePointActive(db, shop, salePointId("101"), false);
    await updatePosData(db, box, shop, {}, connectorFor);
    expect((await listShopSalePoints(db, shop)).map((p) => [p.salePointId, p.active])).toEqual([
      ["103", true],
      ["101", false],
      ["102", true],
    ]);
    await expect(reorderSalePoints(db, shop, ["103", "101"])).rejects.toThrow(/errors.pos.reorder/);
  });
});

describe("dispatching orders to sale points", () => {
  it("splits an order bigger than the first sale point's stock into two POS orders with the right shares, once however often it is sent", async () => {
    const shop = await connectedShop("split");
    const order = await placed(shop, [
      ["CAF-GRANI-1KG", 5],
      ["CAF-MOKA-250", 2],
    ]);
    for (let delivery = 0; delivery < 3; delivery++) await dispatch(shop, order.id);
    expect(shares(shop, order.id)).toEqual([
      [
        101,
        [
          ["CAF-GRANI-1KG", 3],
          ["CAF-MOKA-250", 2],
        ],
      ],
      [102, [["CAF-GRANI-1KG", 2]]],
    ]);
    expect(await db.posDispatch.count({ where: { shop, orderId: order.id } })).toBe(2);
    // Its pos_orders metafield is due for the order metafields writer.
    expect(await db.posOrderAllocation.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } })).toMatchObject({
      status: "dispatched",
      metafieldsDue: true,
    });
  });

  it("asks the POS for the order's products alone when the catalog comes from it (Cassa's call limit), and reads the whole list when a link is out of date", async () => {
    // A catalog of 300 more products: read whole, it is 4 pages.
    const [category] = [...cassa.books.categories.values()];
    const extra = Array.from({ length: 300 }, (_, n) =>
      simpleCassaProduct(cassa.books, { sku: `EXTRA-${n}`, description: `Extra ${n}`, price: 1, idCategory: category!.id }),
    );
    for (const product of extra) cassa.books.products.set(product.id, product);
    try {
      const shop = await connectedShop("linked-catalog");
      const productOf = (sku: string) => [...cassa.books.products.values()].find((p) => p.variants.some((v) => v.internalId === sku))!;
      const link = (sku: string, sourceProductId: string) => ({
        shop,
        sku,
        sourceProductId,
        sourceVariantId: sku,
        shopifyProductId: `gid://shopify/Product/${sku}`,
        shopifyVariantId: `gid://shopify/ProductVariant/${sku}`,
        inventoryItemId: `gid://shopify/InventoryItem/${sku}`,
        origin: "linked",
      });
      await db.catalogItem.createMany({ data: ["CAF-GRANI-1KG", "CAF-MOKA-250"].map((sku) => link(sku, productOf(sku).id)) });
      const active = (await listShopSalePoints(db, shop)).filter((point) => point.active).length;
      const callsFor = async (orderId: string) => {
        cassa.calls.length = 0;
        await dispatch(shop, orderId);
        return {
          products: cassa.calls.filter((call) => call === "GET /products").length,
          stocks: cassa.calls.filter((call) => call.startsWith("GET /stocks/")).length,
          orders: cassa.calls.filter((call) => call === "POST /documents/orders/batch").length,
        };
      };
      const order = await placed(shop, [
        ["CAF-GRANI-1KG", 5],
        ["CAF-MOKA-250", 2],
      ]);
      expect(await callsFor(order.id)).toEqual({ products: 1, stocks: active, orders: 2 });
      expect(shares(shop, order.id)).toEqual([
        [
          101,
          [
            ["CAF-GRANI-1KG", 3],
            ["CAF-MOKA-250", 2],
          ],
        ],
        [102, [["CAF-GRANI-1KG", 2]]],
      ]);

      // A link naming a product that no longer sells the SKU: the whole list is read, and the order still goes right.
      await db.catalogItem.update({ where: { shop_sku: { shop, sku: "CAF-MOKA-250" } }, data: { sourceProductId: extra[0]!.id } });
      const second = await placed(shop, [["CAF-MOKA-250", 1]]);
      const calls = await callsFor(second.id);
      expect(calls).toEqual({
        products: 1 + Math.ceil([...cassa.books.products.values()].filter((p) => p.enableForECommerce).length / 100),
        stocks: active,
        orders: 1,
      });
      expect(shares(shop, second.id)).toEqual([[101, [["CAF-MOKA-250", 1]]]]);
    } finally {
      for (const product of extra) cassa.books.products.delete(product.id);
    }
  });

  it("never sends a cancelled order, and flags one cancelled after it went", async () => {
    const shop = await connectedShop("cancel");
    const cancelled = await placed(shop, [["CAF-GRANI-1KG", 1]], { cancelledAt: new Date().toISOString() });
    expect(await dispatch(shop, cancelled.id)).toMatchObject({ status: "skipped" });
    expect(posOrdersOf(shop, cancelled.id)).toEqual([]);

    const sent = await placed(shop, [["CAF-GRANI-1KG", 1]]);
    await dispatch(shop, sent.id);
    await recordOrderSnapshot(
      db,
      shop,
      { ...sent, cancelledAt: new Date().toISOString(), updatedAt: new Date(Date.now() + 1000).toISOString() },
      "webhook",
    );
    expect(await dispatch(shop, sent.id)).toMatchObject({
      status: "cancel-flagged",
      reason: expect.stringMatching(/cancel POS order .* at the sale point/),
    });
  });

  it("reports a line no active sale point can serve, naming the SKU, and sends the order once stock arrives", async () => {
    const shop = await connectedShop("unservable");
    const order = await placed(shop, [["MOKA-3", 7]]);
    expect(await dispatch(shop, order.id)).toEqual({ status: "unservable", reason: expect.stringContaining("2 × MOKA-3") });
    expect(posOrdersOf(shop, order.id)).toEqual([]);
    expect(await ordersAwaitingPos(db, shop)).toContain(order.id);

    const pot = [...cassa.books.products.values()].find((p) => p.internalId === "MOKA-3")!;
    cassa.books.setStock(102, pot, null, 5);
    expect(await dispatch(shop, order.id)).toMatchObject({ status: "dispatched" });
    expect(shares(shop, order.id)).toEqual([
      [101, [["MOKA-3", 1]]],
      [102, [["MOKA-3", 5]]],
      [103, [["MOKA-3", 1]]],
    ]);
    expect(await ordersAwaitingPos(db, shop)).not.toContain(order.id);
    cassa.books.setStock(102, pot, null, 0);
  });

  it("never sends to a switched-off sale point", async () => {
    const shop = await connectedShop("switched");
    await setSalePointActive(db, shop, salePointId("101"), false);
    const order = await placed(shop, [["CAF-GRANI-1KG", 2]]);
    await dispatch(shop, order.id);
    expect(shares(shop, order.id)).toEqual([[102, [["CAF-GRANI-1KG", 2]]]]);
  });

  it("records a POS order the POS took just before a crash, without a second one", async () => {
    const shop = await connectedShop("crash");
    const order = await placed(shop, [["CAF-MOKA-250", 1]]);
    // The POS took the order; Ponte crashed before recording it.
    const moka = (await connectorFor("cic-key").listProducts()).flatMap((p) => p.variants).find((v) => v.sku === "CAF-MOKA-250")!;
    await connectorFor("cic-key").sendOrder({
      externalId: externalIdFor(shop, order.id, salePointId("101")),
      salePointId: salePointId("101"),
      dueDate: new Date(Date.now() + 3600_000),
      customer: null,
      note: null,
      rows: [{ variantId: moka.id, quantity: 1, price: "10.00", note: null }],
    });
    expect(await dispatch(shop, order.id)).toMatchObject({ status: "dispatched", sent: [{ salePointId: salePointId("101"), repeated: true }] });
    expect(posOrdersOf(shop, order.id)).toHaveLength(1);
    expect(await db.posDispatch.count({ where: { shop, orderId: order.id } })).toBe(1);
  });

  it("names an account setting that blocks orders, keeps the order with the reason, and sends it once the setting is fixed", async () => {
    const shop = await connectedShop("settings");
    const order = await placed(shop, [["CAF-MOKA-250", 1]]);
    cassa.books.settings = { mandatoryTime: false, minimumOrder: 25 };
    expect(await dispatch(shop, order.id)).toEqual({ status: "failed", reason: expect.stringMatching(/"Minimum order" to 0/) });
    expect(await db.posConnection.findUniqueOrThrow({ where: { shop } })).toMatchObject({ blockingSetting: "minimum-order" });
    cassa.books.settings = { mandatoryTime: false, minimumOrder: 0 };
    // A failed order waits for the merchant's "Send orders to POS", which includes it.
    expect(await ordersAwaitingPos(db, shop)).not.toContain(order.id);
    expect(await ordersAwaitingPos(db, shop, { includeFailed: true })).toContain(order.id);
    expect(await dispatch(shop, order.id)).toMatchObject({ status: "dispatched" });
  });

  it("leaves orders placed before the POS was connected alone", async () => {
    const shop = shopDomain("history.myshopify.com");
    const old = await placed(shop, [["CAF-MOKA-250", 1]], { createdAt: "2026-01-01T10:00:00.000Z" });
    await connectedShop("history");
    expect(await dispatch(shop, old.id)).toEqual({ status: "skipped", reason: "placed before the POS was connected" });
    expect(await ordersAwaitingPos(db, shop)).toEqual([]);
  });
});

describe("Shopify locations and POS stock", () => {
  it("keeps each location's choice: not synced by default, the sum of active sale points, or one sale point", async () => {
    const shop = await connectedShop("locations");
    const locations = [
      { id: "gid://shopify/Location/1", name: "Milano" },
      { id: "gid://shopify/Location/2", name: "Torino" },
    ];
    expect((await listLocationMappings(db, shop, locations)).map((l) => l.mapping)).toEqual([{ source: "none" }, { source: "none" }]);
    await saveLocationMapping(db, shop, { locationId: "gid://shopify/Location/1", locationName: "Milano", choice: "sum" });
    await saveLocationMapping(db, shop, { locationId: "gid://shopify/Location/2", locationName: "Torino", choice: "102" });
    expect((await listLocationMappings(db, shop, locations)).map((l) => l.mapping)).toEqual([
      { source: "sum" },
      { source: "sale-point", salePointId: salePointId("102") },
    ]);
    await expect(saveLocationMapping(db, shop, { locationId: "gid://shopify/Location/2", locationName: "Torino", choice: "999" })).rejects.toThrow(
      /errors.catalog.noSalePoint/,
    );
  });
});
