// GIVEN the Shopify emulator (the demo shop already sells four of the POS's products) and the Cassa in Cloud
//       emulator over HTTP (three sale points), the Shopify locations mapped to the POS's stock
// WHEN the first product sync runs, runs again, or resumes from a checkpoint; then the stock push runs, again,
//      after a sale in Shopify, and after a sale point is switched off
// THEN products are linked by SKU or created (never duplicated) with what failed logged; the push sends only the
//      quantities that differ, re-reads stale ones, and records each change for the stock history
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstProductSync } from "../../app/services/catalog/first-product-sync.server";
import { saveCatalogSettings } from "../../app/services/catalog/catalog-settings.server";
import { applyListingRulesFromSource } from "../../app/services/catalog/listing-rules.server";
import { refreshProducts } from "../../app/services/catalog/product-refresh.server";
import { pushStockFromSources } from "../../app/services/catalog/stock-push.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { CassaAdapter } from "../../app/services/pos/cassa/cassa.adapter.server";
import { setSalePointActive, updatePosData } from "../../app/services/pos/pos-connections.server";
import { saveLocationMapping } from "../../app/services/pos/pos-locations.server";
import { listRuns, type RunCounts, type RunHandle } from "../../app/services/runs/job-runs.server";
import type { AdminClient } from "../../app/services/shopify/admin-client.server";
import type { CassaProduct } from "../../emulators/cassa/cassa-books";
import { demoCassaAccount, simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator, type CassaEmulator } from "../../emulators/cassa/server";
import type { ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { recordedRun, startDemoShopify } from "../support/catalog-harness";
import { createTestDatabase } from "../support/test-database";
import { salePointId, shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const box = new SecretBox(randomBytes(32).toString("base64"));
let db: PrismaClient;
let shopify: ShopifyEmulator;
let cassa: CassaEmulator;
let client: AdminClient;
let pos: CassaAdapter;
let milanoLocation: { id: number; gid: string };
let torinoLocation: { id: number; gid: string };
let sugar: CassaProduct;

const emulatedShop = () => shopify.state.shop(shop)!;
const available = (sku: string, locationId: number) => {
  const variant = [...emulatedShop().catalog.variants.values()].find((v) => v.sku === sku)!;
  return emulatedShop().catalog.level(variant.inventoryItemId, locationId)?.quantities.available ?? null;
};
const productsWithSku = (sku: string) => [...emulatedShop().catalog.variants.values()].filter((v) => v.sku === sku).length;

const asRun = (kind: string, work: (run: RunHandle) => Promise<RunCounts>) => recordedRun(db, shop, kind, work);
const productSync = () => asRun("product-sync", (run) => firstProductSync({ db, source: pos, client }, shop, run));
const stockPush = () =>
  asRun("stock-push", (run) => pushStockFromSources({ db, sources: { products: pos, stock: { from: "pos", pos } }, client }, shop, run));

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("catalog-sync"));
  ({ shopify, client } = await startDemoShopify());
  const books = demoCassaAccount();
  // Two products Shopify does not have: sugar (to be created) and one whose variant has no SKU (to be reported).
  const [coffee] = [...books.categories.values()];
  const simple = (sku: string, description: string) =>
    simpleCassaProduct(books, { sku, description, descriptionExtended: `${description}, dal POS`, price: 3.5, idCategory: coffee!.id });
  sugar = simple("ZUC-CANNA-500", "Zucchero di canna 500 g");
  const unnamed = simple("", "Assaggio senza codice");
  books.products.set(sugar.id, sugar);
  books.products.set(unnamed.id, unnamed);
  books.setStock(101, sugar, null, 5);
  books.setStock(103, sugar, null, 2);
  cassa = await startCassaEmulator({ apiKey: "catalog-key", books });
  const connectorFor = (apiKey: string) => new CassaAdapter({ apiKey, baseUrl: cassa.url });
  pos = connectorFor("catalog-key");
  expect(await updatePosData(db, box, shop, { apiKey: "catalog-key" }, connectorFor)).toMatchObject({ ok: true });
  const [milano, torino] = emulatedShop().locations;
  milanoLocation = { id: milano!.id, gid: `gid://shopify/Location/${milano!.id}` };
  torinoLocation = { id: torino!.id, gid: `gid://shopify/Location/${torino!.id}` };
  // Milano shows the sum of the active sale points; Torino shows the Torino sale point's stock alone.
  await saveLocationMapping(db, shop, { locationId: milanoLocation.gid, locationName: "Milano Centro", choice: "sum" });
  await saveLocationMapping(db, shop, { locationId: torinoLocation.gid, locationName: "Torino Porta Nuova", choice: "102" });
});
afterAll(async () => {
  await shopify.close();
  await cassa.close();
  await db.$disconnect();
});

describe("the first product sync", () => {
  it("links the SKUs Shopify already sells, creates the rest stocked at the mapped locations, and reports a product it cannot match", async () => {
    const productsBefore = emulatedShop().catalog.products.size;
    const { counts, log } = await productSync();
    // Six products are offered to e-commerce (the bakery's biscuits are not): four linked, sugar created, one refused.
    expect(counts).toEqual({ read: 6, linked: 4, created: 1, failed: 1 });
    expect(emulatedShop().catalog.products.size).toBe(productsBefore + 1);
    expect(productsWithSku("ZUC-CANNA-500")).toBe(1);
    const created = [...emulatedShop().catalog.products.values()].find((p) => p.title === "Zucchero di canna 500 g")!;
    expect(created).toMatchObject({ status: "ACTIVE", productType: "Caffè" });
    expect(available("ZUC-CANNA-500", milanoLocation.id)).toBe(0);
    expect(available("ZUC-CANNA-500", torinoLocation.id)).toBe(0);
    expect(log.some((line) => /Assaggio senza codice.*no variant has a SKU/.test(line))).toBe(true);
    const items = await db.catalogItem.findMany({ where: { shop }, orderBy: { sku: "asc" } });
    expect(items.map((item) => [item.sku, item.origin])).toEqual([
      ["CAF-GRANI-1KG", "linked"],
      ["CAF-MOKA-250", "linked"],
      ["MOKA-3", "linked"],
      ["TAZ-ESP-BIA", "linked"],
      ["TAZ-ESP-NER", "linked"],
      ["ZUC-CANNA-500", "created"],
    ]);
    expect(await db.catalogSync.findUnique({ where: { shop } })).toMatchObject({ firstSync: "completed", done: 6, checkpoint: null });
  });

  it("run again, makes nothing twice", async () => {
    const productsBefore = emulatedShop().catalog.products.size;
    const { counts } = await productSync();
    expect(counts).toMatchObject({ read: 6, created: 0 });
    expect(emulatedShop().catalog.products.size).toBe(productsBefore);
    expect(await db.catalogItem.count({ where: { shop } })).toBe(6);
  });

  it("resumes after its checkpoint when a run stopped half-way, and completes", async () => {
    const ordered = (await pos.listProducts()).map((p) => p.id).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    // As a crash leaves it: running, three products done.
    await db.catalogSync.update({
      where: { shop },
      data: { firstSync: "running", checkpoint: ordered[2], done: 3, linked: 3, created: 0, failed: 0, completedAt: null },
    });
    const { counts, log } = await productSync();
    expect(log).toContain(`Resuming after POS product ${ordered[2]}: 3 of 6 products left.`);
    expect(counts.read).toBe(6);
    expect(await db.catalogSync.findUnique({ where: { shop } })).toMatchObject({ firstSync: "completed", done: 6 });
    expect(productsWithSku("ZUC-CANNA-500")).toBe(1);
  });
});

describe("the stock push", () => {
  it("sets each location's quantities from the POS (the sum of the active sale points, or one sale point), recording each change", async () => {
    const { counts, log } = await stockPush();
    // The sources read first, then compared: the log tells both (the 12 stock levels Cassa's sale points hold).
    expect(log.slice(1, 3)).toEqual([
      "Stock read from the sources (quantities: 12).",
      "12 quantities compared (6 SKUs at 2 locations): 11 differed from what was last pushed.",
    ]);
    // 6 SKUs at 2 locations. Sugar was created at 0: only its Milano quantity (5 + 2) differs there.
    expect(counts).toMatchObject({ compared: 12, failed: 0, requests: 1 });
    expect(available("CAF-GRANI-1KG", milanoLocation.id)).toBe(19);
    expect(available("CAF-GRANI-1KG", torinoLocation.id)).toBe(10);
    expect(available("TAZ-ESP-NER", milanoLocation.id)).toBe(8);
    expect(available("ZUC-CANNA-500", milanoLocation.id)).toBe(7);
    expect(available("ZUC-CANNA-500", torinoLocation.id)).toBe(0);
    const sugarChanges = await db.stockChange.findMany({ where: { shop, sku: "ZUC-CANNA-500" } });
    expect(sugarChanges).toEqual([
      expect.objectContaining({ locationName: "Milano Centro", fromQuantity: 0, toQuantity: 7, runId: expect.any(String) }),
    ]);
    expect(await db.stockChange.count({ where: { shop } })).toBe(counts.changed);
  });

  it("sends nothing when nothing changed, and only the changed quantity when the POS sells one", async () => {
    expect((await stockPush()).counts).toMatchObject({ changed: 0, requests: 0 });
    cassa.books.setStock(102, sugar, null, 4);
    const { counts } = await stockPush();
    expect(counts).toMatchObject({ changed: 2, requests: 1 });
    expect(available("ZUC-CANNA-500", milanoLocation.id)).toBe(11);
    expect(available("ZUC-CANNA-500", torinoLocation.id)).toBe(4);
  });

  it("reads a quantity again when Shopify changed it since the last push (a sale in the store), and sets it", async () => {
    const variant = [...emulatedShop().catalog.variants.values()].find((v) => v.sku === "ZUC-CANNA-500")!;
    emulatedShop().catalog.setQuantity(variant.inventoryItemId, milanoLocation.id, "available", 10);
    cassa.books.setStock(101, sugar, null, 1);
    const { counts, log } = await stockPush();
    expect(counts).toMatchObject({ changed: 1, failed: 0, requests: 2 });
    expect(available("ZUC-CANNA-500", milanoLocation.id)).toBe(7);
    expect(log.some((line) => /had changed in Shopify since the last push; read again \(attempt 1 of 3\)/.test(line))).toBe(true);
    const last = await db.stockChange.findFirst({ where: { shop, sku: "ZUC-CANNA-500", locationName: "Milano Centro" }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ fromQuantity: 10, toQuantity: 7 });
  });

  it("leaves a switched-off sale point out of the sum", async () => {
    await setSalePointActive(db, shop, salePointId("102"), false);
    await stockPush();
    // Milano: 1 (Milano) + 2 (Roma), Torino's 4 no longer counted; Torino's own location shows nothing from it.
    expect(available("ZUC-CANNA-500", milanoLocation.id)).toBe(3);
    expect(available("ZUC-CANNA-500", torinoLocation.id)).toBe(0);
    await setSalePointActive(db, shop, salePointId("102"), true);
    expect((await listRuns(db, shop, { kind: "stock-push", status: "failed" })).length).toBe(0);
  });

  it("with a schedule's sale point filter, pushes only the locations those sale points feed (a sum location always)", async () => {
    cassa.books.setStock(101, sugar, null, 3);
    cassa.books.setStock(102, sugar, null, 9);
    const filtered = await asRun("stock-push", (run) =>
      pushStockFromSources({ db, sources: { products: pos, stock: { from: "pos", pos } }, client }, shop, run, [salePointId("101")]),
    );
    expect(filtered.log).toContain("Only the locations fed by sale points 101: Milano Centro.");
    // Milano Centro shows the sum (3 + 9 + 2); Torino Porta Nuova (fed by 102 alone) is left for a later push.
    expect(available("ZUC-CANNA-500", milanoLocation.id)).toBe(14);
    expect(available("ZUC-CANNA-500", torinoLocation.id)).toBe(0);
    await stockPush();
    expect(available("ZUC-CANNA-500", torinoLocation.id)).toBe(9);
  });
});

describe("the product refresh and the full resync", () => {
  const refresh = (full = false, forceImages = false) =>
    asRun(full ? "full-resync" : "product-refresh", (run) => refreshProducts({ db, source: pos, client }, shop, run, { full, forceImages }));
  const sugarInShopify = () =>
    [...emulatedShop().catalog.products.values()].find((p) =>
      p.variantIds.some((id) => emulatedShop().catalog.variants.get(id)!.sku === "ZUC-CANNA-500"),
    )!;

  it("rewrites only the products whose content differs from the POS, then nothing", async () => {
    // The four linked products' descriptions (and the moka's type) differ from the POS's; sugar was made from it.
    expect((await refresh()).counts).toEqual({ read: 6, updated: 4, unchanged: 1, "images sent": 0, "not linked": 1, failed: 0 });
    expect((await refresh()).counts).toMatchObject({ updated: 0, unchanged: 5 });
    expect([...emulatedShop().catalog.products.values()].find((p) => p.title === "Moka 3 tazze")).toMatchObject({
      productType: "Tazze",
      descriptionHtml: "<p>Moka 3 tazze</p>",
    });
  });

  it("carries a POS price change, and puts back a title edited in Shopify", async () => {
    sugar.variants[0]!.prices = [{ value: 3.9 }];
    sugarInShopify().title = "Zucchero (edited in Shopify)";
    const { counts } = await refresh();
    expect(counts).toMatchObject({ updated: 1, unchanged: 4 });
    const product = sugarInShopify();
    expect(product.title).toBe("Zucchero di canna 500 g");
    expect(emulatedShop().catalog.variants.get(product.variantIds[0]!)!.price).toBe("3.90");
  });

  it("sends images only when the POS's image set changed, or when forced", async () => {
    sugar.images = [{ imageUrl: "https://images.example/zucchero.jpg" }] as typeof sugar.images;
    expect((await refresh()).counts).toMatchObject({ updated: 1, "images sent": 1 });
    expect((await refresh()).counts).toMatchObject({ updated: 0, "images sent": 0 });
    // A full resync rewrites every linked product, images still by their hash unless forced.
    expect((await refresh(true)).counts).toMatchObject({ updated: 5, "images sent": 0 });
    expect((await refresh(true, true)).counts).toMatchObject({ updated: 5, "images sent": 1 });
  });

  it("resumes a full resync after its checkpoint", async () => {
    const ordered = (await pos.listProducts()).map((p) => p.id).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    await db.catalogSync.update({ where: { shop }, data: { resyncCheckpoint: ordered[3] } });
    const { counts, log } = await refresh(true);
    expect(log).toContain(`Resuming the full resync after POS product ${ordered[3]}: ${ordered.length - 4} of ${ordered.length} left.`);
    expect(counts.read).toBe(ordered.length - 4);
    expect((await db.catalogSync.findUnique({ where: { shop } }))?.resyncCheckpoint).toBeNull();
  });
});

describe("listing rules after the stock push", () => {
  const sugarProduct = () => [...emulatedShop().catalog.products.values()].find((p) => p.title === "Zucchero di canna 500 g")!;

  it("takes a product out of stock everywhere off sale, puts it back when stock returns, and logs both", async () => {
    await saveCatalogSettings(db, shop, { draftWhenOutOfStock: "true" });
    for (const salePoint of [101, 102, 103]) cassa.books.setStock(salePoint, sugar, null, 0);
    const off = await stockPush();
    expect(off.counts).toMatchObject({ drafted: 1, "back on sale": 0 });
    expect(sugarProduct().status).toBe("DRAFT");
    expect(off.log.some((line) => /set to draft: out of stock at every location\./.test(line))).toBe(true);

    cassa.books.setStock(103, sugar, null, 4);
    const on = await stockPush();
    expect(on.counts).toMatchObject({ drafted: 0, "back on sale": 1 });
    expect(sugarProduct().status).toBe("ACTIVE");
    expect(on.log.some((line) => /back on sale: stock returned\./.test(line))).toBe(true);
  });

  it("takes off sale a product the POS no longer offers to e-commerce, and never puts back one the merchant drafted", async () => {
    sugar.enableForECommerce = false;
    expect((await stockPush()).counts).toMatchObject({ drafted: 1 });
    expect(sugarProduct().status).toBe("DRAFT");
    sugar.enableForECommerce = true;
    expect((await stockPush()).counts).toMatchObject({ "back on sale": 1 });

    // The merchant drafts the moka pot in Shopify: its stock is fine, no rule took it off, so it stays drafted.
    const moka = [...emulatedShop().catalog.products.values()].find((p) => p.title === "Moka 3 tazze")!;
    moka.status = "DRAFT";
    expect((await stockPush()).counts).toMatchObject({ drafted: 0, "back on sale": 0 });
    expect(moka.status).toBe("DRAFT");
  });

  it("runs after an order import too: nothing before the first product sync, the same rules after it", async () => {
    const importRun = (work: (run: RunHandle) => Promise<object | null>) =>
      asRun("import-orders", async (run) => ({ ...((await work(run)) ?? {}) }) as RunCounts);
    expect(sugarProduct().status).toBe("ACTIVE");
    // The merchant turns the e-commerce flag off in the POS: seen at the next order import, before any stock push.
    sugar.enableForECommerce = false;
    expect((await importRun((run) => applyListingRulesFromSource({ db, client, source: pos }, shop, run))).counts).toMatchObject({
      drafted: 1,
      "back on sale": 0,
    });
    expect(sugarProduct().status).toBe("DRAFT");
    sugar.enableForECommerce = true;
    expect((await importRun((run) => applyListingRulesFromSource({ db, client, source: pos }, shop, run))).counts).toMatchObject({
      drafted: 0,
      "back on sale": 1,
    });
    // Before the first product sync has completed, the rules leave everything alone.
    await db.catalogSync.update({ where: { shop }, data: { firstSync: "running" } });
    sugar.enableForECommerce = false;
    expect(
      (await importRun(async (run) => ({ ruled: (await applyListingRulesFromSource({ db, client, source: pos }, shop, run)) === null ? 0 : 1 })))
        .counts,
    ).toEqual({ ruled: 0 });
    expect(sugarProduct().status).toBe("ACTIVE");
    sugar.enableForECommerce = true;
    await db.catalogSync.update({ where: { shop }, data: { firstSync: "completed" } });
  });
});
