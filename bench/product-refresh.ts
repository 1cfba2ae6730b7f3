/**
 * `node --expose-gc --import tsx bench/product-refresh.ts [products] [changedPercent] [naiveSample]`
 *
 * The product refresh at a Standard plan's limits (the emulator's bucket:
 * 2,000 points, 100 a second), PRODUCTS products (default 100,000) linked
 * between the Cassa in Cloud emulator and the Shopify emulator (over HTTP, in
 * a process of their own, seeded with the same content), with CHANGED%
 * (default 1%) repriced in the POS. The refresh runs in a fresh process of its
 * own (this file with --measure), so its peak RSS is Ponte's alone: it reads
 * Cassa's pages and Shopify's bulk query, stages both in PostgreSQL and walks
 * them a page at a time. Prints products written, requests, cost points, wall
 * time, peak live heap and peak RSS; then the naive way (rewrite every
 * product, no hash) measured on NAIVESAMPLE products (default 100) and
 * projected to all, with the ratio.
 */
import { refreshProducts } from "../app/services/catalog/product-refresh.server";
import { createPrismaClient } from "../app/services/database/prisma-client.server";
import { CassaAdapter } from "../app/services/pos/cassa/cassa.adapter.server";
import { runLog, runTracked } from "../app/services/runs/job-runs.server";
import { productsForRefresh, rewriteProduct, variantsBySku } from "../app/services/shopify/catalog.adapter.server";
import {
  BENCH_SHOP as shop,
  measureInFreshProcess,
  meteredClient,
  minimumSeconds,
  STANDARD_PLAN_BUCKET,
  startBenchDatabase,
  startEmulatorsProcess,
  type Measured,
} from "./support/bench-harness";

interface RefreshConfig {
  databaseUrl: string;
  shopifyUrl: string;
  cassaUrl: string;
  apiKey: string;
}

if (process.argv[2] === "--measure") {
  const config = JSON.parse(process.argv[3]!) as RefreshConfig;
  const db = createPrismaClient(config.databaseUrl);
  const { client, measure } = meteredClient(config.shopifyUrl);
  const pos = new CassaAdapter({ apiKey: config.apiKey, baseUrl: config.cassaUrl });
  const measured = await measure(() =>
    runTracked(db, { shop, kind: "product-refresh", trigger: "manual" }, (run) =>
      refreshProducts({ db, source: pos, client }, shop, run, { full: false, forceImages: false }),
    ),
  );
  if (process.env.BENCH_RSS_TRACE) {
    // The run's log with each line's time since the run began, beside the RSS trace.
    const lines = await runLog(db, measured.result.id);
    for (const line of lines) console.error(`${((Date.parse(line.at) - Date.parse(lines[0]!.at)) / 1000).toFixed(1)} s: ${line.message}`);
  }
  console.log(JSON.stringify(measured));
  await db.$disconnect();
  process.exit(0);
}

const count = Number(process.argv[2] ?? 100_000);
const changedPercent = Number(process.argv[3] ?? 1);
const naiveSample = Number(process.argv[4] ?? 100);

const { db, url: databaseUrl, stop: stopDatabase } = await startBenchDatabase();
const emulators = await startEmulatorsProcess(count, 1, count);
const { client, measure } = meteredClient(emulators.shopifyUrl);
const pos = new CassaAdapter({ apiKey: emulators.apiKey, baseUrl: emulators.cassaUrl });

// The catalog as the first product sync and one refresh leave it: the same content on both sides, linked by SKU.
{
  const bySku = await variantsBySku(client, { pollIntervalMs: 500 });
  const links: Array<{ shop: string; sourceProductId: string; shopifyProductId: string }> = [];
  for (const product of await pos.listProducts())
    links.push({ shop, sourceProductId: product.id, shopifyProductId: bySku.get(product.variants[0]!.sku)!.productId });
  for (let start = 0; start < links.length; start += 5000) await db.catalogProduct.createMany({ data: links.slice(start, start + 5000) });
}
await db.posConnection.create({ data: { shop, apiKeySealed: "unused by the bench" } });
await db.catalogSettings.create({ data: { shop, syncImages: false } });
await db.catalogSync.create({ data: { shop, firstSync: "completed" } });

// CHANGED% of the products get a new price in the POS.
await emulators.reprice(Math.max(1, Math.round(100 / changedPercent)));
const config: RefreshConfig = { databaseUrl, shopifyUrl: emulators.shopifyUrl, cassaUrl: emulators.cassaUrl, apiKey: emulators.apiKey };
const refresh = await measureInFreshProcess<Measured<{ counts: Record<string, number> }>>(import.meta.filename, config);

// The naive way: every product rewritten, on a sample.
const sampleLinks = await db.catalogProduct.findMany({ where: { shop }, take: naiveSample });
const copies = await productsForRefresh(client, new Set(sampleLinks.map((link) => link.shopifyProductId)), { pollIntervalMs: 500 });
const naive = await measure(async () => {
  for (const link of sampleLinks) {
    await rewriteProduct(client, copies.get(link.shopifyProductId)!, {
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
console.log(`refresh: ${JSON.stringify(refresh.result.counts)}`);
console.log(
  `refresh: ${refresh.requests} requests, ${Math.round(refresh.points)} cost points, ${refresh.seconds.toFixed(1)} s wall (least the restore rate allows: ${minimumSeconds(refresh.points).toFixed(1)} s), peak live heap +${refresh.heapMb.toFixed(1)} MB, peak RSS ${refresh.peakRssMb.toFixed(0)} MB (${refresh.rssBeforeMb.toFixed(0)} MB before)`,
);
const perProduct = { points: naive.points / naive.requests, seconds: naive.seconds / naive.requests };
const naivePoints = perProduct.points * count;
console.log(
  `naive (every product rewritten), ${naive.requests} sampled: ${perProduct.points.toFixed(0)} points each; projected to ${count}: ${Math.round(naivePoints)} points, at least ${minimumSeconds(naivePoints).toFixed(0)} s`,
);
console.log(`ratio: naive / refresh = ${(naivePoints / Math.max(1, refresh.points)).toFixed(0)}x the cost points`);

await emulators.stop();
await stopDatabase();
