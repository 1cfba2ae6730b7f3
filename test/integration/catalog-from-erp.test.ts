// GIVEN the Shopify emulator's demo shop and the generic HTTP ERP emulator over HTTP with a catalog (products
//       offered to e-commerce with list and cost prices, two warehouses), the shop set to take products and stock
//       from the ERP, each Shopify location mapped to a warehouse
// WHEN the sources are resolved, the first product sync runs, the stock is pushed, prices are planned from the
//      cost price, and the ERP stops offering a product
// THEN products are linked or created from the ERP, each location shows its warehouse's stock, the cost price
//      prices the rules, and the listing rule drafts what the ERP no longer offers
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCatalogSettings } from "../../app/services/catalog/catalog-settings.server";
import { catalogSourcesForShop, type CatalogSources } from "../../app/services/catalog/catalog-sources.server";
import { firstProductSync } from "../../app/services/catalog/first-product-sync.server";
import { pushStockFromSources } from "../../app/services/catalog/stock-push.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { saveLocationMapping } from "../../app/services/pos/pos-locations.server";
import { planPrices } from "../../app/services/pricing/price-recalculation.server";
import { addPriceRule } from "../../app/services/pricing/price-rules.server";
import type { RunCounts, RunHandle } from "../../app/services/runs/job-runs.server";
import type { AdminClient } from "../../app/services/shopify/admin-client.server";
import { seedDemoErpCatalog } from "../../emulators/erp/erp-catalog";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import type { ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { recordedRun, startDemoShopify } from "../support/catalog-harness";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const box = new SecretBox(randomBytes(32).toString("base64"));
let db: PrismaClient;
let shopify: ShopifyEmulator;
let erp: ErpEmulator;
let client: AdminClient;
let sources: CatalogSources;
let milano: number;
let torino: number;

const emulatedShop = () => shopify.state.shop(shop)!;
const variantOf = (sku: string) => [...emulatedShop().catalog.variants.values()].find((v) => v.sku === sku)!;
const available = (sku: string, locationId: number) =>
  emulatedShop().catalog.level(variantOf(sku).inventoryItemId, locationId)?.quantities.available ?? null;

const asRun = (kind: string, work: (run: RunHandle) => Promise<RunCounts>) => recordedRun(db, shop, kind, work);
const stockPush = () => asRun("stock-push", (run) => pushStockFromSources({ db, sources, client }, shop, run));

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("catalog-from-erp"));
  ({ shopify, client } = await startDemoShopify());
  erp = await startErpEmulator({ apiKey: "erp-catalog-key" });
  seedDemoErpCatalog(erp.books.catalog);
  // A product Shopify does not sell yet.
  erp.books.catalog.products.set("P-9", {
    id: "P-9",
    name: "Zucchero di canna 500 g",
    description: "Zucchero di canna",
    categoryId: "CAT-1",
    variants: [{ id: "P-9-V", sku: "ZUC-CANNA-500", name: "Zucchero", price: "3.50", cost: "1.40" }],
    imageUrls: [],
  });
  erp.books.catalog.setStock("WH-MI", "ZUC-CANNA-500", 9);
  [milano, torino] = emulatedShop().locations.map((location) => location.id) as [number, number];
});
afterAll(async () => {
  await shopify.close();
  await erp.close();
  await db.$disconnect();
});

describe("products and stock from the ERP", () => {
  it("names the missing system when the chosen source is not connected", async () => {
    await saveCatalogSettings(db, shop, { productSource: "erp", stockSource: "erp" });
    expect(await catalogSourcesForShop(db, box, shop)).toEqual({ unavailable: "no ERP is connected (products come from the ERP)" });
    await saveErpConnection(db, box, shop, { kind: "http", url: erp.url, secret: erp.apiKey });
    const resolved = await catalogSourcesForShop(db, box, shop);
    if ("unavailable" in resolved) throw new Error(resolved.unavailable);
    sources = resolved;
    expect(sources.products.sourceName).toBe("ERP");
    expect(sources.stock.from).toBe("erp");
  });

  it("maps each Shopify location to a warehouse the ERP lists, and refuses one it does not", async () => {
    const warehouses = await (sources.stock as { erp: { listWarehouses(): Promise<Array<{ id: string }>> } }).erp.listWarehouses();
    await saveLocationMapping(
      db,
      shop,
      { locationId: `gid://shopify/Location/${milano}`, locationName: "Milano Centro", choice: "warehouse:WH-MI" },
      warehouses,
    );
    await saveLocationMapping(
      db,
      shop,
      { locationId: `gid://shopify/Location/${torino}`, locationName: "Torino Porta Nuova", choice: "warehouse:WH-TO" },
      warehouses,
    );
    await expect(
      saveLocationMapping(
        db,
        shop,
        { locationId: `gid://shopify/Location/${torino}`, locationName: "Torino Porta Nuova", choice: "warehouse:WH-XX" },
        warehouses,
      ),
    ).rejects.toThrow(/errors.catalog.noWarehouse/);
  });

  it("links the ERP's products Shopify already sells and creates the others", async () => {
    const { counts, log } = await asRun("product-sync", (run) => firstProductSync({ db, source: sources.products, client }, shop, run));
    expect(counts).toEqual({ read: 4, linked: 3, created: 1, failed: 0 });
    expect(log).toContain("4 products offered to e-commerce by the ERP; reading Shopify's SKUs.");
    const sugar = emulatedShop().catalog.products.get(variantOf("ZUC-CANNA-500").productId)!;
    expect(sugar).toMatchObject({ title: "Zucchero di canna 500 g", productType: "Caffè" });
  });

  it("shows each warehouse's stock at its location, and pushes only what changed after a stock move", async () => {
    await stockPush();
    expect(available("CAF-GRANI-1KG", milano)).toBe(40);
    expect(available("CAF-GRANI-1KG", torino)).toBe(12);
    expect(available("CAF-MOKA-250", torino)).toBe(0);
    expect(available("ZUC-CANNA-500", milano)).toBe(9);
    erp.books.catalog.setStock("WH-TO", "MOKA-3", 5);
    const { counts } = await stockPush();
    expect(counts).toMatchObject({ changed: 1, requests: 1 });
    expect(available("MOKA-3", torino)).toBe(5);
  });

  it("prices from the ERP's cost price", async () => {
    await addPriceRule(db, shop, { scope: "all", scopeValue: "", base: "cost", adjustment: "markup-percent", amount: "100", rounding: "0.90" });
    const plan = await planPrices({ db, source: sources.products, client }, shop);
    expect(Object.fromEntries(plan.changes.map((change) => [change.sku, change.to]))).toMatchObject({
      "CAF-GRANI-1KG": "19.90",
      "MOKA-3": "29.90",
      "ZUC-CANNA-500": "2.90",
    });
    expect(plan.problems).toEqual([]);
  });

  it("drafts a product the ERP no longer offers to e-commerce", async () => {
    erp.books.catalog.products.delete("P-3");
    const { counts, log } = await stockPush();
    expect(counts).toMatchObject({ drafted: 1 });
    expect(emulatedShop().catalog.products.get(variantOf("MOKA-3").productId)!.status).toBe("DRAFT");
    expect(log.some((line) => line.includes("no longer offered to e-commerce by its source"))).toBe(true);
  });

  it("starts the first sync over when the product source changes: linked again by SKU, nothing duplicated, what a rule drafted still known", async () => {
    const productsBefore = emulatedShop().catalog.products.size;
    await saveCatalogSettings(db, shop, { productSource: "pos" });
    await saveCatalogSettings(db, shop, { productSource: "erp" });
    expect(await db.catalogSync.findUnique({ where: { shop } })).toMatchObject({ firstSync: "not-started", done: 0, completedAt: null });
    expect(await db.catalogItem.count({ where: { shop } })).toBe(0);
    // The moka pot, offered again under a new ERP id: linked again by its SKU, and the rule that drafted it puts it back.
    erp.books.catalog.products.set("P-30", {
      id: "P-30",
      name: "Moka 3 tazze",
      description: "Moka 3 tazze",
      categoryId: "CAT-2",
      variants: [{ id: "P-30-V", sku: "MOKA-3", name: "Moka 3 tazze", price: "29.00", cost: "14.50" }],
      imageUrls: [],
    });
    const { counts } = await asRun("product-sync", (run) => firstProductSync({ db, source: sources.products, client }, shop, run));
    expect(counts).toEqual({ read: 4, linked: 4, created: 0, failed: 0 });
    expect(emulatedShop().catalog.products.size).toBe(productsBefore);
    expect(await db.catalogProduct.count({ where: { shop, sourceProductId: "P-3" } })).toBe(0);
    expect((await stockPush()).counts).toMatchObject({ "back on sale": 1 });
    expect(emulatedShop().catalog.products.get(variantOf("MOKA-3").productId)!.status).toBe("ACTIVE");
  });
});
