// GIVEN the Shopify emulator's demo shop (vendors, product types, the collections "Colazione" and "Idee regalo") and
//       the Cassa in Cloud emulator over HTTP, linked by the first product sync
// WHEN price list rules are added, moved, switched off and deleted, the preview is asked for, prices are
//      recalculated, and the product refresh runs
// THEN the first rule on that covers a product prices it (by collection, vendor, product type), the preview lists
//      exactly what the recalculation then changes, a price no rule can work out is reported and left alone, and the
//      refresh keeps the rules' prices instead of putting the source's back
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstProductSync } from "../../app/services/catalog/first-product-sync.server";
import { refreshProducts } from "../../app/services/catalog/product-refresh.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { CassaAdapter } from "../../app/services/pos/cassa/cassa.adapter.server";
import { updatePosData } from "../../app/services/pos/pos-connections.server";
import { saveLocationMapping } from "../../app/services/pos/pos-locations.server";
import { planPrices, recalculatePrices, SOURCE_PRICE } from "../../app/services/pricing/price-recalculation.server";
import { addPriceRule, deletePriceRule, loadPriceRules, movePriceRule, setPriceRuleEnabled } from "../../app/services/pricing/price-rules.server";
import type { PriceRuleInput } from "../../app/services/pricing/price-rules";
import type { RunCounts, RunHandle } from "../../app/services/runs/job-runs.server";
import type { AdminClient } from "../../app/services/shopify/admin-client.server";
import { demoCassaAccount, simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator, type CassaEmulator } from "../../emulators/cassa/server";
import type { ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { recordedRun, startDemoShopify } from "../support/catalog-harness";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const box = new SecretBox(randomBytes(32).toString("base64"));
let db: PrismaClient;
let shopify: ShopifyEmulator;
let cassa: CassaEmulator;
let client: AdminClient;
let pos: CassaAdapter;

const emulatedShop = () => shopify.state.shop(shop)!;
const priceOf = (sku: string) => [...emulatedShop().catalog.variants.values()].find((v) => v.sku === sku)!.price;
const rule = (over: Partial<PriceRuleInput>): PriceRuleInput => ({
  scope: "all",
  scopeValue: "",
  base: "list",
  adjustment: "markup-percent",
  amount: "0",
  rounding: "none",
  ...over,
});

const asRun = (kind: string, work: (run: RunHandle) => Promise<RunCounts>) => recordedRun(db, shop, kind, work);
const plan = () => planPrices({ db, source: pos, client }, shop);
const recalculate = () => asRun("recalculate-prices", (run) => recalculatePrices({ db, source: pos, client }, shop, run));
const changesOf = async () => Object.fromEntries((await plan()).changes.map((change) => [change.sku, [change.from, change.to]]));

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("price-lists"));
  ({ shopify, client } = await startDemoShopify());
  const books = demoCassaAccount();
  // A product Shopify does not sell yet, in the POS category "Caffè": the first sync creates it.
  const [coffee] = [...books.categories.values()];
  const sugar = simpleCassaProduct(books, { sku: "ZUC-CANNA-500", description: "Zucchero di canna 500 g", price: 3.5, idCategory: coffee!.id });
  books.products.set(sugar.id, sugar);
  cassa = await startCassaEmulator({ apiKey: "prices-key", books });
  const connectorFor = (apiKey: string) => new CassaAdapter({ apiKey, baseUrl: cassa.url });
  pos = connectorFor("prices-key");
  expect(await updatePosData(db, box, shop, { apiKey: "prices-key" }, connectorFor)).toMatchObject({ ok: true });
  const [milano] = emulatedShop().locations;
  await saveLocationMapping(db, shop, { locationId: `gid://shopify/Location/${milano!.id}`, locationName: "Milano Centro", choice: "sum" });
});
afterAll(async () => {
  await shopify.close();
  await cassa.close();
  await db.$disconnect();
});

describe("price lists", () => {
  it("creates a new product at its rule's price in the first sync", async () => {
    const typeRule = await addPriceRule(db, shop, rule({ scope: "product-type", scopeValue: "Caffè", adjustment: "fixed-amount", amount: "0.50" }));
    const { counts } = await asRun("product-sync", (run) => firstProductSync({ db, source: pos, client }, shop, run));
    expect(counts).toMatchObject({ created: 1, failed: 0 });
    expect(priceOf("ZUC-CANNA-500")).toBe("4.00");
    await deletePriceRule(db, shop, typeRule.id);
  });

  it("previews what the rules change: the first rule on that covers a product, by collection, vendor or product type", async () => {
    await addPriceRule(db, shop, rule({ scope: "collection", scopeValue: "colazione", amount: "20", rounding: "0.90" }));
    await addPriceRule(db, shop, rule({ scope: "vendor", scopeValue: "Ceramiche del Lago", adjustment: "fixed-amount", amount: "-1.00" }));
    // Last, every product from its cost price: the POS keeps none, so what only this rule covers is reported, not priced.
    await addPriceRule(db, shop, rule({ base: "cost", amount: "50" }));
    const preview = await plan();
    expect(Object.fromEntries(preview.changes.map((change) => [change.sku, [change.from, change.to, change.because]]))).toEqual({
      "CAF-GRANI-1KG": ["18.90", "22.90", 'Collection "colazione": list price + 20 %, rounded up to .90'],
      "CAF-MOKA-250": ["5.40", "6.90", 'Collection "colazione": list price + 20 %, rounded up to .90'],
      "TAZ-ESP-BIA": ["7.00", "6.00", 'Vendor "Ceramiche del Lago": list price − 1.00'],
      "TAZ-ESP-NER": ["7.00", "6.00", 'Vendor "Ceramiche del Lago": list price − 1.00'],
    });
    expect(preview.problems).toEqual([
      { sku: "MOKA-3", reason: "the source keeps no cost price for it" },
      { sku: "ZUC-CANNA-500", reason: "the source keeps no cost price for it" },
    ]);
    // A preview changes nothing.
    expect(priceOf("CAF-GRANI-1KG")).toBe("18.90");
  });

  it("recalculates exactly what the preview listed, leaves what it cannot price alone, and then has nothing to do", async () => {
    const expected = await changesOf();
    const { counts, log } = await recalculate();
    expect(counts).toEqual({ changed: 4, unchanged: 0, "not priced": 2, failed: 0 });
    for (const [sku, [, to]] of Object.entries(expected)) expect(priceOf(sku)).toBe(to);
    expect(priceOf("MOKA-3")).toBe("29.00");
    expect(priceOf("ZUC-CANNA-500")).toBe("4.00");
    expect(log).toContain('CAF-GRANI-1KG: 18.90 → 22.90 (Collection "colazione": list price + 20 %, rounded up to .90)');
    expect(log).toContain("MOKA-3: not repriced: the source keeps no cost price for it");
    expect((await recalculate()).counts).toMatchObject({ changed: 0, unchanged: 4 });
  });

  it("keeps the rules' prices through the product refresh, which no longer puts the source's back", async () => {
    await asRun("product-refresh", (run) => refreshProducts({ db, source: pos, client }, shop, run, { full: false, forceImages: false }));
    expect(priceOf("CAF-GRANI-1KG")).toBe("22.90");
    expect(priceOf("TAZ-ESP-NER")).toBe("6.00");
    // A full resync, which rewrites every product whatever the hashes, too.
    await asRun("full-resync", (run) => refreshProducts({ db, source: pos, client }, shop, run, { full: true, forceImages: false }));
    expect(priceOf("CAF-MOKA-250")).toBe("6.90");
    expect(await changesOf()).toEqual({});
  });

  it("follows the rules' order, and a rule switched off or deleted no longer counts", async () => {
    const rules = await loadPriceRules(db, shop);
    const [collection, , byCost] = rules;
    const coffee = await addPriceRule(db, shop, rule({ scope: "product-type", scopeValue: "Caffè", adjustment: "fixed-amount", amount: "0.50" }));
    // Last, it covers nothing the collection rule does not already price; moved above it, it prices the coffee.
    expect((await changesOf())["CAF-GRANI-1KG"]).toBeUndefined();
    await movePriceRule(db, shop, coffee.id, "up");
    await movePriceRule(db, shop, coffee.id, "up");
    await movePriceRule(db, shop, coffee.id, "up");
    await movePriceRule(db, shop, coffee.id, "up");
    expect((await loadPriceRules(db, shop)).map((r) => r.id)).toEqual([coffee.id, ...rules.map((r) => r.id)]);
    // Moved past the top it stays there. The sugar's 4.00 was already right (the same rule made it).
    expect(await changesOf()).toEqual({ "CAF-GRANI-1KG": ["22.90", "19.40"], "CAF-MOKA-250": ["6.90", "5.90"] });
    await setPriceRuleEnabled(db, shop, coffee.id, false);
    await deletePriceRule(db, shop, byCost!.id);
    await setPriceRuleEnabled(db, shop, collection!.id, false);
    // Nothing covers the coffee now: back to the POS's list price.
    const preview = await plan();
    expect(preview.changes.find((change) => change.sku === "CAF-GRANI-1KG")).toMatchObject({ from: "22.90", to: "18.90", because: SOURCE_PRICE });
    expect(preview.problems).toEqual([]);
  });
});
