// GIVEN the Shopify emulator (staged uploads, bulkOperationRunMutation, bulkOperationCancel over HTTP) and the Cassa in
//       Cloud emulator offering 40 products Shopify lacks, a bulk threshold of 5, and bulk files split small
// WHEN the first product sync runs: cancelled part-way, stopped by Shopify's daily limit on new variants, resumed, and
//      started after a run that died with its bulk operation still running; then a full resync, a refresh of one
//      change, and listing rules that draft and restore every product
// THEN the products are made by bulk operations (no productSet call each), linked as made, each once; a cancel stops
//      the operation at Shopify and keeps what it made; the limit makes the run wait, never fail, and the next run
//      completes from the checkpoint; what a dead run's operation made is linked, never made again; the resync and
//      the rules go in bulk above the threshold, a single change as one productSet
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCatalogSettings } from "../../app/services/catalog/catalog-settings.server";
import { firstProductSync, type ProductSyncDependencies } from "../../app/services/catalog/first-product-sync.server";
import { applyListingRules } from "../../app/services/catalog/listing-rules.server";
import { refreshProducts } from "../../app/services/catalog/product-refresh.server";
import { recordBulkOperation } from "../../app/services/catalog/first-sync-progress.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { shopDomain } from "../../app/services/ids";
import { CassaAdapter } from "../../app/services/pos/cassa/cassa.adapter.server";
import { updatePosData } from "../../app/services/pos/pos-connections.server";
import { saveLocationMapping } from "../../app/services/pos/pos-locations.server";
import { runLog, runTracked } from "../../app/services/runs/job-runs.server";
import type { AdminClient } from "../../app/services/shopify/admin-client.server";
import { BulkVariablesFile, runBulkMutation } from "../../app/services/shopify/bulk-mutation.server";
import { BULK_PRODUCT_SET, productSetVariables } from "../../app/services/shopify/catalog.adapter.server";
import type { CassaBooks } from "../../emulators/cassa/cassa-books";
import { demoCassaAccount, simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator, type CassaEmulator } from "../../emulators/cassa/server";
import type { ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { startDemoShopify } from "../support/catalog-harness";
import { createTestDatabase } from "../support/test-database";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const NEW_PRODUCTS = 40;
let db: PrismaClient;
let shopify: ShopifyEmulator;
let cassa: CassaEmulator;
let books: CassaBooks;
let client: AdminClient;
let pos: CassaAdapter;
let locationIds: string[];

const emulatedShop = () => shopify.state.shop(shop)!;
const bulkSkus = () => Array.from({ length: NEW_PRODUCTS }, (_, index) => `BULK-${String(index + 1).padStart(3, "0")}`);
const variantsWithSku = (sku: string) => [...emulatedShop().catalog.variants.values()].filter((variant) => variant.sku === sku).length;
const mutations = () => [...emulatedShop().bulkOperations.values()].filter((operation) => operation.type === "MUTATION");
const control = (path: string, body: unknown) =>
  fetch(`${shopify.url}/_control/shops/${shop}/${path}`, { method: "POST", body: JSON.stringify(body) }).then((response) => response.json());
const deps = (bulkFileLimitBytes: number): ProductSyncDependencies => ({ db, source: pos, client, bulkPollIntervalMs: 20, bulkFileLimitBytes });

async function productSync(bulkFileLimitBytes: number) {
  const outcome = await runTracked(db, { shop, kind: "product-sync", trigger: "manual" }, (run) =>
    firstProductSync(deps(bulkFileLimitBytes), shop, run),
  );
  const log = (await runLog(db, outcome.id)).map((line) => line.message);
  return { ...outcome, log };
}

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("catalog-bulk-writes"));
  ({ shopify, client } = await startDemoShopify());
  books = demoCassaAccount();
  const [coffee] = [...books.categories.values()];
  for (const sku of bulkSkus()) {
    const product = simpleCassaProduct(books, { sku, description: `Prodotto ${sku}`, price: 4.2, idCategory: coffee!.id });
    books.products.set(product.id, product);
  }
  cassa = await startCassaEmulator({ apiKey: "bulk-key", books });
  const connectorFor = (apiKey: string) => new CassaAdapter({ apiKey, baseUrl: cassa.url });
  pos = connectorFor("bulk-key");
  expect(await updatePosData(db, new SecretBox(randomBytes(32).toString("base64")), shop, { apiKey: "bulk-key" }, connectorFor)).toMatchObject({
    ok: true,
  });
  const [milano, torino] = emulatedShop().locations;
  locationIds = [milano!, torino!].map((location) => `gid://shopify/Location/${location.id}`);
  await saveLocationMapping(db, shop, { locationId: locationIds[0]!, locationName: "Milano Centro", choice: "sum" });
  await saveLocationMapping(db, shop, { locationId: locationIds[1]!, locationName: "Torino Porta Nuova", choice: "102" });
  await saveCatalogSettings(db, shop, { bulkThreshold: "5" });
});
afterAll(async () => {
  await shopify.close();
  await cassa.close();
  await db.$disconnect();
});

describe("the first product sync through bulk mutations", () => {
  it("cancelled while its bulk operation runs (its bar moving meanwhile): the operation is cancelled at Shopify and what it made is linked", async () => {
    await control("faults", { bulkSliceDelayMs: 600 });
    const sync = productSync(20 * 1024 * 1024);
    await expect.poll(() => mutations().at(-1)?.objectCount ?? 0, { timeout: 15_000, interval: 20 }).toBeGreaterThanOrEqual(10);
    // The run's bar moves while Shopify makes the products, before any is linked.
    const running = () => db.jobRun.findFirst({ where: { shop, kind: "product-sync", status: "running" } });
    await expect.poll(async () => (await running())?.progress ?? 0, { timeout: 10_000, interval: 100 }).toBeGreaterThan(0);
    await db.jobRun.updateMany({ where: { shop, kind: "product-sync", status: "running" }, data: { cancelRequested: true } });
    const outcome = await sync;
    await control("faults", { bulkSliceDelayMs: 0 });

    expect(outcome.status).toBe("cancelled");
    const operation = mutations().at(-1)!;
    expect(operation.status).toBe("CANCELED");
    expect(operation.objectCount).toBeLessThan(NEW_PRODUCTS);
    const made = bulkSkus().filter((sku) => variantsWithSku(sku) === 1);
    expect(made.length).toBe(operation.objectCount);
    const linked = await db.catalogItem.findMany({ where: { shop, sku: { startsWith: "BULK-" } } });
    expect(linked.map((item) => item.sku).sort()).toEqual(made);
    expect(linked.every((item) => item.origin === "created")).toBe(true);
    expect(await db.catalogSync.findUnique({ where: { shop } })).toMatchObject({ firstSync: "cancelled", bulkOperationId: null });
  });

  it("stopped by Shopify's daily limit on new variants: waits (never fails), then completes from its checkpoint, each product made once", async () => {
    await control("variant-limit", { threshold: 0, perDay: 7, newDay: true });
    const before = mutations().length;
    const waiting = await productSync(6_000);
    expect(waiting.status).toBe("waiting");
    expect(waiting.log.some((line) => /^Shopify did not make \d+ products \(Daily variant creation limit reached\): waiting/.test(line))).toBe(true);
    const sync = await db.catalogSync.findUniqueOrThrow({ where: { shop } });
    expect(sync.firstSync).toBe("waiting");
    expect(sync.resumeAt!.getTime()).toBeGreaterThan(Date.now());
    expect(bulkSkus().filter((sku) => variantsWithSku(sku) === 1).length).toBeLessThan(NEW_PRODUCTS);

    await control("variant-limit", { perDay: 1_000, newDay: true });
    const afterWaiting = mutations().length;
    const completed = await productSync(6_000);
    expect(completed.status).toBe("completed");
    expect(bulkSkus().map(variantsWithSku)).toEqual(bulkSkus().map(() => 1));
    expect(await db.catalogItem.count({ where: { shop, sku: { startsWith: "BULK-" }, origin: "created" } })).toBe(NEW_PRODUCTS);
    // Files split at the limit given (about 500 bytes a product: at most 11 in 6,000 bytes), so several operations.
    expect(mutations().length - afterWaiting).toBeGreaterThanOrEqual(2);
    expect(
      mutations()
        .slice(before)
        .every((operation) => operation.objectCount <= 11),
    ).toBe(true);
    expect(await db.catalogSync.findUnique({ where: { shop } })).toMatchObject({ firstSync: "completed", checkpoint: null, bulkOperationId: null });
    // Made stocked at 0 at both mapped locations, where the stock push starts.
    const item = await db.catalogItem.findFirstOrThrow({ where: { shop, sku: "BULK-040" } });
    expect(await db.stockLevel.count({ where: { shop, inventoryItemId: item.inventoryItemId } })).toBe(2);
  });

  it("after a run that died with its bulk operation running: waits for it, links what it made, and makes nothing twice", async () => {
    const [coffee] = [...books.categories.values()];
    const fresh = ["LATE-1", "LATE-2", "LATE-3", "LATE-4", "LATE-5", "LATE-6", "LATE-7", "LATE-8"];
    for (const sku of fresh) {
      const product = simpleCassaProduct(books, { sku, description: `Arrivo ${sku}`, price: 2, idCategory: coffee!.id });
      books.products.set(product.id, product);
    }
    // What the dead run left: a bulk operation making three of them, recorded, its results never read.
    const file = new BulkVariablesFile();
    for (const sku of fresh.slice(0, 3)) {
      await file.add(
        file.lineOf(
          productSetVariables({
            title: `Arrivo ${sku}`,
            descriptionHtml: "",
            productType: null,
            variants: [{ sku, price: "2.00", name: sku }],
            locationIds,
          }),
        )!,
      );
    }
    await runBulkMutation(client, BULK_PRODUCT_SET, await file.close(), { onStarted: (id) => recordBulkOperation(db, shop, id), pollIntervalMs: 20 });
    await file.discard();

    const outcome = await productSync(6_000);
    expect(outcome.status).toBe("completed");
    expect(outcome.log).toContain("A bulk operation the last run started has ended: 3 products it made linked.");
    expect(fresh.map(variantsWithSku)).toEqual(fresh.map(() => 1));
    const items = await db.catalogItem.findMany({ where: { shop, sku: { startsWith: "LATE-" } }, orderBy: { sku: "asc" } });
    expect(items.map((item) => [item.sku, item.origin])).toEqual(fresh.map((sku) => [sku, "created"]));
  });

  it("the full resync rewrites through bulk operations, its checkpoint moving after each; a refresh of one change makes one productSet", async () => {
    const linked = await db.catalogProduct.count({ where: { shop } });
    const before = mutations().length;
    const resync = await runTracked(db, { shop, kind: "full-resync", trigger: "manual" }, (run) =>
      refreshProducts({ db, source: pos, client, bulk: { pollIntervalMs: 20, fileLimitBytes: 6_000 } }, shop, run, {
        full: true,
        forceImages: false,
      }),
    );
    expect(resync.status).toBe("completed");
    expect(resync.counts).toMatchObject({ updated: linked, failed: 0 });
    expect(mutations().length - before).toBeGreaterThanOrEqual(2);
    expect(await db.catalogSync.findUnique({ where: { shop } })).toMatchObject({ resyncCheckpoint: null });

    // A title edited in Shopify: one product to put back, under the threshold, so no bulk operation.
    const variant = [...emulatedShop().catalog.variants.values()].find((candidate) => candidate.sku === "BULK-007")!;
    emulatedShop().catalog.products.get(variant.productId)!.title = "Edited in Shopify";
    const afterResync = mutations().length;
    const refresh = await runTracked(db, { shop, kind: "product-refresh", trigger: "manual" }, (run) =>
      refreshProducts({ db, source: pos, client }, shop, run, { full: false, forceImages: false }),
    );
    expect(refresh.counts).toMatchObject({ updated: 1, failed: 0 });
    expect(emulatedShop().catalog.products.get(variant.productId)!.title).toBe("Prodotto BULK-007");
    expect(mutations().length).toBe(afterResync);
  });

  it("listing rules: a flash sale that empties more products than the threshold drafts them in bulk, and puts them back in bulk", async () => {
    await saveCatalogSettings(db, shop, { draftWhenOutOfStock: "true" });
    const offered = new Set((await pos.listProducts()).map((product) => product.id));
    const items = await db.catalogItem.findMany({ where: { shop, sku: { startsWith: "BULK-" } } });
    const rules = () =>
      runTracked(db, { shop, kind: "listing-rules", trigger: "manual" }, (run) =>
        applyListingRules({ db, client, bulk: { pollIntervalMs: 20 } }, shop, async (ids) => new Set(ids.filter((id) => offered.has(id))), run),
      );
    const statusOf = (sku: string) => {
      const variant = [...emulatedShop().catalog.variants.values()].find((candidate) => candidate.sku === sku)!;
      return emulatedShop().catalog.products.get(variant.productId)!.status;
    };
    const before = mutations().length;
    // The BULK- products were made at 0 everywhere and the stock push has not run: every one of them is out of stock.
    const drafted = await rules();
    // (So is every other product the push has not stocked yet.)
    expect(drafted.counts!.drafted).toBeGreaterThanOrEqual(NEW_PRODUCTS);
    expect(drafted.counts!.drafted).toBe(await db.catalogProduct.count({ where: { shop, draftedBy: "out-of-stock" } }));
    expect(bulkSkus().map(statusOf)).toEqual(bulkSkus().map(() => "DRAFT"));
    expect(mutations().length).toBe(before + 1);

    await db.stockLevel.updateMany({ where: { shop, inventoryItemId: { in: items.map((item) => item.inventoryItemId) } }, data: { quantity: 3 } });
    const restored = await rules();
    expect(restored.counts).toMatchObject({ drafted: 0, "back on sale": NEW_PRODUCTS });
    expect(bulkSkus().map(statusOf)).toEqual(bulkSkus().map(() => "ACTIVE"));
    expect(mutations().length).toBe(before + 2);
  });
});
