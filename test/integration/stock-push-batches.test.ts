// GIVEN 600 linked SKUs in the Shopify emulator (which refuses a call of more than 250 quantities, or one without an
//       @idempotent key) and what Ponte last pushed for them
// WHEN the stock push runs with 600 quantities changed (reading the catalog whole, or in pages of 7), then with a
//      handful changed
// THEN it sends them in calls of at most 250, each with its own idempotency key, and afterwards only the changes
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushStockTarget, type StockTarget } from "../../app/services/catalog/stock-push.server";
import { stageStockLevels } from "../../app/services/catalog/staged-sources.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { runTracked } from "../../app/services/runs/job-runs.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const SKUS = 600;
let db: PrismaClient;
let shopify: ShopifyEmulator;
let client: AdminClient;
let location: { id: number; gid: string };

const emulatedShop = () => shopify.state.shop(shop)!;
const sku = (n: number) => `BATCH-${String(n).padStart(4, "0")}`;
/** What the emulated store shows for each batch SKU at the location, in SKU order. */
const batchLevels = () =>
  [...emulatedShop().catalog.variants.values()]
    .filter((v) => v.sku.startsWith("BATCH-"))
    .map((v) => emulatedShop().catalog.level(v.inventoryItemId, location.id)!.quantities.available);
const push = (wanted: Record<string, number>, pageSize?: number) => {
  return runTracked(db, { shop, kind: "stock-push", trigger: "manual" }, async (run) => {
    // The sources' stock as a push stages it: one sale point feeding the location.
    await stageStockLevels(
      db,
      run.id,
      Object.entries(wanted).map(([sku, quantity]) => ({ at: "1", sku, variantId: sku, quantity })),
    );
    const target: StockTarget = { runId: run.id, locations: new Map([[location.gid, { name: "Milano Centro", from: ["1"] }]]) };
    return { ...(await pushStockTarget({ db, client }, shop, target, run, pageSize)) };
  });
};

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("stock-push-batches"));
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
  const [first] = emulatedShop().locations;
  location = { id: first!.id, gid: `gid://shopify/Location/${first!.id}` };
  const product = emulatedShop().catalog.addProduct({
    title: "Batch",
    variants: Array.from({ length: SKUS }, (_, n) => ({ sku: sku(n), price: "1.00", stockedAt: [location.id] })),
  });
  const rows = product.variantIds.map((variantId) => {
    const variant = emulatedShop().catalog.variants.get(variantId)!;
    return {
      shop,
      sku: variant.sku,
      sourceProductId: "P",
      sourceVariantId: variant.sku,
      shopifyProductId: `gid://shopify/Product/${product.id}`,
      shopifyVariantId: `gid://shopify/ProductVariant/${variant.id}`,
      inventoryItemId: `gid://shopify/InventoryItem/${variant.inventoryItemId}`,
      origin: "linked",
    };
  });
  await db.catalogItem.createMany({ data: rows });
  await db.stockLevel.createMany({
    data: rows.map((row) => ({ shop, inventoryItemId: row.inventoryItemId, locationId: location.gid, quantity: 0, pushedAt: new Date() })),
  });
});
afterAll(async () => {
  await shopify.close();
  await db.$disconnect();
});

describe("the stock push in batches", () => {
  it("sends 600 changed quantities in 3 calls of at most 250, each with its own idempotency key", async () => {
    const keysBefore = emulatedShop().idempotency.size;
    const outcome = await push(Object.fromEntries(Array.from({ length: SKUS }, (_, n) => [sku(n), 1 + (n % 9)])));
    expect(outcome.counts).toMatchObject({ compared: SKUS, changed: SKUS, failed: 0, requests: 3 });
    expect(emulatedShop().idempotency.size - keysBefore).toBe(3);
    const levels = batchLevels();
    expect(levels).toEqual(Array.from({ length: SKUS }, (_, n) => 1 + (n % 9)));
  });

  it("reads the catalog a page at a time and still fills every call: 600 SKUs in pages of 7 go in calls of 250, 250 and 100", async () => {
    const keysBefore = emulatedShop().idempotency.size;
    const wanted = Object.fromEntries(Array.from({ length: SKUS }, (_, n) => [sku(n), 20 + (n % 7)]));
    const outcome = await push(wanted, 7);
    expect(outcome.counts).toMatchObject({ compared: SKUS, changed: SKUS, failed: 0, requests: 3 });
    expect(emulatedShop().idempotency.size - keysBefore).toBe(3);
    const levels = batchLevels();
    expect(levels).toEqual(Array.from({ length: SKUS }, (_, n) => 20 + (n % 7)));
    // Back to the first push's quantities, for the next step.
    expect((await push(Object.fromEntries(Array.from({ length: SKUS }, (_, n) => [sku(n), 1 + (n % 9)])), 50)).counts).toMatchObject({
      changed: SKUS,
      requests: 3,
    });
  });

  it("then sends only what changed: 4 quantities in one call", async () => {
    const wanted = Object.fromEntries(Array.from({ length: SKUS }, (_, n) => [sku(n), n < 4 ? 50 : 1 + (n % 9)]));
    const outcome = await push(wanted);
    expect(outcome.counts).toMatchObject({ compared: SKUS, changed: 4, requests: 1 });
    expect(await db.stockChange.count({ where: { shop, toQuantity: 50 } })).toBe(4);
  });

  it("records what Shopify applied, in the same statement: what Ponte last set, and the history, from nothing where it had set nothing", async () => {
    // Two SKUs Ponte never set at the location (linked, not yet pushed): their change comes from nothing.
    const unset = [sku(10), sku(11)];
    const items = await db.catalogItem.findMany({ where: { shop, sku: { in: unset } }, select: { inventoryItemId: true } });
    await db.stockLevel.deleteMany({ where: { shop, inventoryItemId: { in: items.map((item) => item.inventoryItemId) } } });
    const wanted = Object.fromEntries(Array.from({ length: SKUS }, (_, n) => [sku(n), n === 10 || n === 11 ? 30 + n : n < 4 ? 50 : 1 + (n % 9)]));
    const outcome = await push(wanted);
    expect(outcome.counts).toMatchObject({ compared: SKUS, changed: 2, requests: 1 });
    const history = await db.stockChange.findMany({ where: { shop, runId: outcome.id }, orderBy: { sku: "asc" } });
    expect(
      history.map(({ sku, locationId, locationName, fromQuantity, toQuantity }) => ({ sku, locationId, locationName, fromQuantity, toQuantity })),
    ).toEqual([
      { sku: sku(10), locationId: location.gid, locationName: "Milano Centro", fromQuantity: null, toQuantity: 40 },
      { sku: sku(11), locationId: location.gid, locationName: "Milano Centro", fromQuantity: null, toQuantity: 41 },
    ]);
    const levels = await db.stockLevel.findMany({ where: { shop, inventoryItemId: { in: items.map((item) => item.inventoryItemId) } } });
    expect(levels.map((level) => level.quantity).sort()).toEqual([40, 41]);
    expect(batchLevels().slice(10, 12)).toEqual([40, 41]);
  });
});
