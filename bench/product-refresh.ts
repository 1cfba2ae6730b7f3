/**
 * `node --expose-gc --import tsx bench/product-refresh.ts [products] [changedPercent] [naiveSample]`
 *
 * The product refresh at a Standard plan's limits (the emulator's bucket:
 * 2,000 points, 100 a second), PRODUCTS products (default 100,000) linked
 * between the Cassa in Cloud emulator and the Shopify emulator (both over
 * HTTP, seeded in process), with CHANGED% (default 1%) changed in the POS.
 * Prints: the bulk read of Shopify's side (time, lines), the POS read (time),
 * products written, requests, cost points, wall time and peak live heap; then
 * the naive way (rewrite every product, no hash) measured on NAIVESAMPLE
 * products (default 100) and projected to all, with the ratio.
 */
import { refreshProducts } from "../app/services/catalog/product-refresh.server";
import { CassaAdapter } from "../app/services/pos/cassa/cassa.adapter.server";
import { runTracked } from "../app/services/runs/job-runs.server";
import { productsForRefresh, rewriteProduct } from "../app/services/shopify/catalog.adapter.server";
import type { CassaProduct } from "../emulators/cassa/cassa-books";
import { startCassaEmulator } from "../emulators/cassa/server";
import {
  BENCH_SHOP as shop,
  meteredClient,
  minimumSeconds,
  STANDARD_PLAN_BUCKET,
  startBenchDatabase,
  startBenchShopify,
  benchCassaBooks,
} from "./support/bench-harness";

const count = Number(process.argv[2] ?? 100_000);
const changedPercent = Number(process.argv[3] ?? 1);
const naiveSample = Number(process.argv[4] ?? 100);

const { db, stop: stopDatabase } = await startBenchDatabase();
const shopify = await startBenchShopify(["Milano"]);
const { client, measure } = meteredClient(shopify.url);
const { books, category } = benchCassaBooks();
const cassa = await startCassaEmulator({ apiKey: "bench-key", books });

// The catalog as the first product sync and one refresh leave it: the same content on both sides, linked.
const emulated = shopify.state.shop(shop)!;
const sources: CassaProduct[] = [];
const links: Array<{ shop: string; sourceProductId: string; shopifyProductId: string }> = [];
for (let n = 0; n < count; n++) {
  const sku = `SKU-${String(n).padStart(6, "0")}`;
  const name = `Product ${n}`;
  const source: CassaProduct = {
    id: books.id("prd"),
    description: name,
    descriptionExtended: "",
    idCategory: category.id,
    internalId: sku,
    externalId: null,
    multivariant: false,
    prices: [{ value: 9.9 }],
    variants: [{ id: books.id("var"), description: name, internalId: sku, barcodes: [], prices: [{ value: 9.9 }] }],
    images: [],
    enableForSale: true,
    enableForECommerce: true,
    lastUpdate: new Date().toISOString(),
  };
  books.products.set(source.id, source);
  sources.push(source);
  const product = emulated.catalog.addProduct({ title: name, productType: "Caffè", variants: [{ sku, price: "9.90" }] });
  links.push({ shop, sourceProductId: source.id, shopifyProductId: `gid://shopify/Product/${product.id}` });
}
for (let start = 0; start < links.length; start += 5000) await db.catalogProduct.createMany({ data: links.slice(start, start + 5000) });
await db.posConnection.create({ data: { shop, apiKeySealed: "unused by the bench" } });
await db.catalogSettings.create({ data: { shop, syncImages: false } });
await db.catalogSync.create({ data: { shop, firstSync: "completed" } });

const pos = new CassaAdapter({ apiKey: "bench-key", baseUrl: cassa.url });

// The parts, alone: Shopify's side in bulk, and the POS's pages.
const bulk = await measure(() => productsForRefresh(client, new Set(links.map((link) => link.shopifyProductId)), { pollIntervalMs: 500 }));
const posRead = await measure(() => pos.listProducts());

// CHANGED% of the products get a new price in the POS.
const step = Math.max(1, Math.round(100 / changedPercent));
sources.forEach((source, index) => index % step === 0 && (source.variants[0]!.prices = [{ value: 10.9 }]));
const refresh = await measure(() =>
  runTracked(db, { shop, kind: "product-refresh", trigger: "manual" }, (run) =>
    refreshProducts({ db, source: pos, client }, shop, run, { full: false, forceImages: false }),
  ),
);

// The naive way: every product rewritten, on a sample.
const shopifyCopies = bulk.result;
const sample = links.slice(0, naiveSample);
const naive = await measure(async () => {
  for (const link of sample) {
    await rewriteProduct(client, shopifyCopies.get(link.shopifyProductId)!, {
      title: "x",
      descriptionHtml: "",
      productType: null,
      prices: new Map(),
      images: null,
    });
  }
});

console.log(
  `\nproduct refresh, ${count} products, ${changedPercent}% changed in the POS; Standard plan bucket ${STANDARD_PLAN_BUCKET.maximumAvailable} points, ${STANDARD_PLAN_BUCKET.restoreRate}/s`,
);
console.log(
  `bulk read of Shopify's side: ${bulk.seconds.toFixed(1)} s, ${bulk.result.size} products, ${bulk.requests} requests, peak live heap +${bulk.heapMb.toFixed(1)} MB`,
);
console.log(
  `POS read (Cassa in Cloud pages): ${posRead.seconds.toFixed(1)} s, ${posRead.result.length} products, peak live heap +${posRead.heapMb.toFixed(1)} MB`,
);
console.log(`refresh: ${JSON.stringify(refresh.result.counts)}`);
console.log(
  `refresh: ${refresh.requests} requests, ${Math.round(refresh.points)} cost points, ${refresh.seconds.toFixed(1)} s wall (least the restore rate allows: ${minimumSeconds(refresh.points).toFixed(1)} s), peak live heap +${refresh.heapMb.toFixed(1)} MB`,
);
const perProduct = { points: naive.points / naive.requests, seconds: naive.seconds / naive.requests };
const naivePoints = perProduct.points * count;
console.log(
  `naive (every product rewritten), ${naive.requests} sampled: ${perProduct.points.toFixed(0)} points each; projected to ${count}: ${Math.round(naivePoints)} points, at least ${minimumSeconds(naivePoints).toFixed(0)} s`,
);
console.log(`ratio: naive / refresh = ${(naivePoints / Math.max(1, refresh.points)).toFixed(0)}x the cost points`);

await shopify.close();
await cassa.close();
await stopDatabase();
