// GIVEN the demo shop on the Shopify emulator with 50 more products of two variants each (and one variant without a
//       SKU), connected to the HTTP ERP emulator, which already has an article for one of the SKUs
// WHEN the store's products are imported into the ERP as a recorded run, the ERP goes down half-way, the import is
//      run again, a run is cancelled and run again, a run finds nothing new, and a new product is added and the
//      recurring import runs
// THEN every variant with a SKU gets one ERP article (the existing one linked, never duplicated), filed under its
//      product type (one ERP category per type), the variant without a SKU is named in the log; a run stopped by the
//      ERP's outage is finished by the next; a second run makes nothing; the new product's variants are made alone
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importStoreProducts, type ImportCategoryFrom } from "../../app/services/catalog/erp-product-import.server";
import { previewErpProductImport } from "../../app/services/catalog/erp-product-import-preview.server";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { erpConnectionId } from "../../app/services/ids";
import { requestCancel, runLog, runTracked } from "../../app/services/runs/job-runs.server";
import { startDemoShopWithErp, type DemoShopWithErp } from "../support/demo-shop-with-erp";

let demo: DemoShopWithErp;
let erpId: ReturnType<typeof erpConnectionId>;
let baseline: { variantsWithSku: number; variantsWithoutSku: number };

const catalog = () => demo.shopify.state.shop(demo.shop)!.catalog;
const erpAdapter = () => new HttpErpAdapter({ baseUrl: demo.erp.url, apiKey: demo.erp.apiKey });

/** One import as the run kind makes it: a recorded run of the shop. */
const importRun = (categoryFrom: ImportCategoryFrom = "product-type", started: (runId: string) => void = () => {}) =>
  runTracked(demo.db, { shop: demo.shop, kind: "erp-product-import", trigger: "manual" }, async (run) => {
    started(run.id);
    return { ...(await importStoreProducts({ db: demo.db, erp: erpAdapter(), erpId, client: demo.client() }, demo.shop, run, categoryFrom)) };
  }).catch((error: Error) => error);

beforeAll(async () => {
  demo = await startDemoShopWithErp({ databaseName: "erp-product-import" });
  erpId = erpConnectionId((await demo.db.erpConnection.findFirstOrThrow({ where: { shop: demo.shop } })).id);
  const before = [...catalog().variants.values()];
  baseline = { variantsWithSku: before.filter((v) => v.sku.trim()).length, variantsWithoutSku: before.filter((v) => !v.sku.trim()).length };
  for (let n = 1; n <= 50; n++) {
    catalog().addProduct({
      title: `Tee ${n}`,
      productType: n % 2 ? "T-shirts" : "Hoodies",
      variants: [
        { sku: `TEE-${n}-S`, title: "S", price: "19.90" },
        { sku: `TEE-${n}-M`, title: "M", price: "21.50" },
      ],
    });
  }
  catalog().addProduct({ title: "Sticker", productType: "Extras", variants: [{ sku: "  ", title: "Default Title", price: "2.00" }] });
  // The ERP already sells one of them.
  demo.erp.books.createArticle({ sku: "TEE-1-S", name: "Maglietta 1 S", listPrice: "16.31" });
}, 120_000);

afterAll(async () => {
  await demo?.close();
});

describe("importing the store's products into the ERP", () => {
  it("previews the counts, the categories and the first products as articles, without touching the ERP", async () => {
    const articlesBefore = demo.erp.books.articles.size;
    const preview = await previewErpProductImport(demo.db, demo.client(), demo.shop, [{ id: erpId, name: "ERP" }]);
    expect(preview.products).toBe(catalog().products.size);
    expect(preview.variants).toBe(catalog().variants.size);
    expect(preview.productTypes).toEqual(expect.arrayContaining(["Extras", "Hoodies", "T-shirts"]));
    const tee = preview.sample.find((product) => product.product === "Tee 10")!;
    expect(tee).toMatchObject({ productType: "Hoodies", articles: [{ sku: "TEE-10-S", name: "Tee 10 - S", price: "19.90" }, expect.anything()] });
    expect(preview.erps).toEqual([{ id: erpId, name: "ERP", linked: 0, created: 0 }]);
    expect(demo.erp.books.articles.size).toBe(articlesBefore);
  });

  it("makes each variant's article once, links the one the ERP had, and finishes after an outage without duplicates", async () => {
    const articlesBefore = demo.erp.books.articles.size;
    // The ERP goes down once about 30 articles are made.
    const outage = setInterval(() => {
      if (demo.erp.books.articles.size >= articlesBefore + 30) void demo.erpFaults({ down: true });
    }, 5);
    const failed = await importRun();
    clearInterval(outage);
    expect(failed).toBeInstanceOf(Error);
    const [stopped] = await demo.db.jobRun.findMany({ where: { shop: demo.shop, kind: "erp-product-import" }, orderBy: { startedAt: "desc" } });
    expect(stopped).toMatchObject({ status: "failed" });
    expect(demo.erp.books.articles.size).toBeLessThan(articlesBefore + 99 + baseline.variantsWithSku);

    await demo.erpFaults({ down: false });
    const finished = await importRun();
    expect(finished).toMatchObject({ status: "completed" });
    const withSku = baseline.variantsWithSku + 100;
    const articles = [...demo.erp.books.articles.values()];
    // One article per SKU: the one the ERP had, and one made for every other.
    expect(new Set(articles.map((a) => a.sku)).size).toBe(articles.length);
    expect(articles.filter((a) => a.sku.startsWith("TEE-"))).toHaveLength(100);
    expect(await demo.db.erpArticleLink.count({ where: { shop: demo.shop, erpConnectionId: erpId } })).toBe(withSku);
    expect(
      await demo.db.erpArticleLink.findUnique({ where: { shop_erpConnectionId_sku: { shop: demo.shop, erpConnectionId: erpId, sku: "TEE-1-S" } } }),
    ).toMatchObject({
      origin: "linked",
      erpArticleId: articles.find((a) => a.name === "Maglietta 1 S")!.id,
    });
    // Named as the store names them, priced as Shopify prices them, filed under their type: one category per type.
    expect(articles.find((a) => a.sku === "TEE-10-M")).toMatchObject({ name: "Tee 10 - M", listPrice: "21.50", category: "Hoodies" });
    expect([...demo.erp.books.articleCategories].filter((name) => ["T-shirts", "Hoodies"].includes(name)).sort()).toEqual(["Hoodies", "T-shirts"]);
    // The store's active locations are ERP warehouses of their names, each once however many runs.
    const locations = demo.shopify.state
      .shop(demo.shop)!
      .locations.filter((location) => location.isActive)
      .map((location) => location.name);
    const warehouses = [...demo.erp.books.catalog.warehouses.values()].map((warehouse) => warehouse.name);
    for (const name of locations) expect(warehouses.filter((one) => one === name)).toHaveLength(1);
    // The two runs together: every variant read, the variant without a SKU told in the log.
    const log = await runLog(demo.db, (finished as { id: string }).id);
    expect(log.map((line) => line.message)).toContainEqual(expect.stringContaining("Sticker: 1 variant has no SKU"));
    expect((finished as { counts: Record<string, number> }).counts).toMatchObject({ skipped: 1 + baseline.variantsWithoutSku, failed: 0 });
  });

  it("stops when Cancel is pressed, keeping what it made, and the next run goes on from there", async () => {
    for (let n = 1; n <= 20; n++)
      catalog().addProduct({ title: `Mug ${n}`, productType: "Mugs", variants: [{ sku: `MUG-${n}`, title: "Default Title", price: "8.00" }] });
    await demo.erpFaults({ latencyMs: 40 });
    const articlesBefore = demo.erp.books.articles.size;
    // Cancel, as the run page's button asks it, for this run only (by its id).
    let runId: string | null = null;
    const cancelling = setInterval(() => {
      if (runId && demo.erp.books.articles.size >= articlesBefore + 3) {
        clearInterval(cancelling);
        void requestCancel(demo.db, demo.shop, runId);
      }
    }, 10);
    const cancelled = await importRun("product-type", (id) => (runId = id));
    clearInterval(cancelling);
    await demo.erpFaults({ latencyMs: 0 });
    expect(cancelled).toMatchObject({ status: "cancelled" });
    const made = demo.erp.books.articles.size - articlesBefore;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(20);

    const resumed = await importRun();
    expect(resumed).toMatchObject({ status: "completed", counts: expect.objectContaining({ created: 20 - made }) });
    expect([...demo.erp.books.articles.values()].filter((a) => a.sku.startsWith("MUG-"))).toHaveLength(20);
  });

  it("makes nothing on a second run, and only the new product's articles on the recurring import", async () => {
    const articlesBefore = demo.erp.books.articles.size;
    const again = await importRun();
    expect(again).toMatchObject({ status: "completed", counts: expect.objectContaining({ created: 0, linked: 0 }) });
    expect(demo.erp.books.articles.size).toBe(articlesBefore);

    catalog().addProduct({ title: "Cap", productType: "Hats", variants: [{ sku: "CAP-1", title: "Default Title", price: "12.00" }] });
    const recurring = await importRun();
    expect(recurring).toMatchObject({ status: "completed", counts: expect.objectContaining({ created: 1, linked: 0 }) });
    expect(demo.erp.books.articles.size).toBe(articlesBefore + 1);
    expect(await erpAdapter().findArticleBySku("CAP-1")).toMatchObject({ name: "Cap", listPrice: "12.00", category: "Hats" });
    expect(await erpAdapter().findArticleBySku("NOT-A-SKU")).toBeNull();
  });
});
