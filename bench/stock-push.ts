/**
 * `node --expose-gc --import tsx bench/stock-push.ts [skus] [changedPercent] [naiveSample]`
 *
 * The stock push at a Standard plan's limits (the emulator's default bucket:
 * 2,000 points, 100 restored a second), with SKUS variants (default 100,000)
 * at 2 locations, against the Shopify emulator over HTTP and a real
 * (embedded) PostgreSQL. Prints, for each way of pushing:
 * - the delta push after CHANGED% of the quantities changed (default 1%);
 * - a full push of every quantity, beside the least time the restore rate allows;
 * - the naive way (one call per quantity, every quantity, no delta), measured on a
 *   sample of NAIVESAMPLE calls (default 300) and projected to all of them.
 * Figures: requests, cost points, wall time, peak heap growth (live heap when
 * run with --expose-gc, as below) and peak RSS. Each push is the whole push
 * from the sources through to Shopify (pushStockFromSources): Cassa in Cloud's
 * emulator offers every SKU, stocked at two sale points (location l shows sale
 * point l), read over HTTP a page at a time and staged in PostgreSQL; then the
 * listing rules. The Shopify and Cassa emulators run in a process of their own,
 * Shopify already selling every SKU; each push runs in a fresh process of its
 * own too (this file with --measure), so its RSS is the push's alone. Above
 * 200,000 SKUs the full push is left out (BENCH_FULL=1 runs it).
 *
 * `node --expose-gc --import tsx bench/stock-push.ts`
 */
import { pushStockFromSources } from "../app/services/catalog/stock-push.server";
import { CassaAdapter } from "../app/services/pos/cassa/cassa.adapter.server";
import { createPrismaClient } from "../app/services/database/prisma-client.server";
import { runTracked } from "../app/services/runs/job-runs.server";
import { variantsBySku } from "../app/services/shopify/catalog.adapter.server";
import { setQuantitiesOnce } from "../app/services/shopify/inventory.adapter.server";
import {
  BENCH_SHOP as shop,
  benchQuantity,
  cassaReadFloorMinutes,
  benchSku,
  measureInFreshProcess,
  meteredClient,
  minimumSeconds,
  STANDARD_PLAN_BUCKET,
  startBenchDatabase,
  startEmulatorsProcess,
  type Measured,
} from "./support/bench-harness";

/** What one measured push is given: it runs in a fresh process, so its memory is the push's alone. */
interface PushConfig {
  label: string;
  databaseUrl: string;
  shopifyUrl: string;
  cassaUrl: string;
  apiKey: string;
}

if (process.argv[2] === "--measure") {
  const config = JSON.parse(process.argv[3]!) as PushConfig;
  const db = createPrismaClient(config.databaseUrl);
  const { client, measure } = meteredClient(config.shopifyUrl);
  // From the sources through to Shopify: Cassa in Cloud (its emulator, over HTTP) gives products and stock.
  const cassa = new CassaAdapter({ apiKey: config.apiKey, baseUrl: config.cassaUrl });
  const measured = await measure(() =>
    runTracked(db, { shop, kind: "stock-push", trigger: "manual" }, (run) =>
      pushStockFromSources({ db, client, sources: { products: cassa, stock: { from: "pos", pos: cassa } } }, shop, run),
    ),
  );
  // When the sources had been read (the run's log says so): the rest is comparing with the catalog and sending.
  const read = await db.jobRunLogEntry.findFirst({ where: { runId: measured.result.id, key: "runs.log.push.read" }, select: { at: true } });
  const run = await db.jobRun.findUniqueOrThrow({ where: { id: measured.result.id }, select: { startedAt: true } });
  const readSeconds = read ? (read.at.getTime() - run.startedAt.getTime()) / 1000 : Number.NaN;
  console.log(JSON.stringify({ label: config.label, ...measured, readSeconds }));
  await db.$disconnect();
  process.exit(0);
}

const skus = Number(process.argv[2] ?? 100_000);
const changedPercent = Number(process.argv[3] ?? 1);
const naiveSample = Number(process.argv[4] ?? 300);
/** Above this, the full push (hours at the restore rate) is left out unless BENCH_FULL=1. */
const FULL_PUSH_UP_TO = 200_000;
const withFull = skus <= FULL_PUSH_UP_TO || process.env.BENCH_FULL === "1";

const { db, url: databaseUrl, stop: stopDatabase } = await startBenchDatabase();
// Shopify already sells every SKU, stocked as a full push left it; Cassa in Cloud offers them, stocked the same at two
// sale points; the emulators run in a process of their own.
const emulators = await startEmulatorsProcess(skus, 2, skus, 2);
const { client, measure } = meteredClient(emulators.shopifyUrl);
const locations = emulators.locations.map((location) => location.id);

// Ponte's side as the first product sync and that push leave it: every SKU linked, what was last set recorded; location
// l shows sale point l's stock.
{
  for (const [l, point] of emulators.salePoints.entries()) {
    await db.posSalePoint.create({ data: { shop, salePointId: point.id, name: point.name, address: "", priority: l } });
    const location = emulators.locations[l]!;
    await db.posLocationStock.create({
      data: { shop, locationId: location.id, locationName: location.name, source: "sale-point", salePointId: point.id },
    });
  }
  const bySku = await variantsBySku(client, { pollIntervalMs: 500 });
  const now = new Date();
  for (let start = 0; start < skus; start += 5000) {
    const chunk = Array.from({ length: Math.min(5000, skus - start) }, (_, offset) => {
      const n = start + offset;
      return { n, sku: benchSku(n), inventoryItemId: bySku.get(benchSku(n))!.inventoryItemId };
    });
    await db.catalogItem.createMany({
      data: chunk.map((item) => ({
        shop,
        sku: item.sku,
        sourceProductId: String(item.n),
        sourceVariantId: String(item.n),
        shopifyProductId: "p",
        shopifyVariantId: "v",
        inventoryItemId: item.inventoryItemId,
        origin: "created",
      })),
    });
    await db.stockLevel.createMany({
      data: chunk.flatMap((item) =>
        locations.map((locationId, l) => ({
          shop,
          inventoryItemId: item.inventoryItemId,
          locationId,
          quantity: benchQuantity(item.n, l),
          pushedAt: now,
        })),
      ),
    });
  }
}

/** One push measured in a process of its own (this file with --measure), after Cassa is restocked as given. */
type MeasuredPush = Measured<{ counts: Record<string, number> }> & { label: string; readSeconds: number };
async function push(label: string, offset: number, step: number): Promise<MeasuredPush> {
  await emulators.restock(offset, step);
  const config: PushConfig = { label, databaseUrl, shopifyUrl: emulators.shopifyUrl, cassaUrl: emulators.cassaUrl, apiKey: emulators.apiKey };
  return measureInFreshProcess<MeasuredPush>(import.meta.filename, config);
}

// Full push: every quantity one more than Shopify shows.
const full = withFull ? await push("full push (every quantity)", 1, 0) : null;
// Delta: CHANGED% of the quantities moved since.
const step = Math.max(1, Math.round(100 / changedPercent));
const delta = await push(`delta push (${changedPercent}% changed)`, full ? 1 : 0, step);
const items = Array.from({ length: Math.ceil(naiveSample / locations.length) }, (_, n) => ({ n }));

// The naive way: one call per quantity, every quantity, measured on a sample.
const sampleIds = new Map(
  (await db.catalogItem.findMany({ where: { shop, sku: { in: items.map(({ n }) => benchSku(n)) } } })).map((row) => [row.sku, row.inventoryItemId]),
);
const sample = items.flatMap(({ n }) => locations.map((locationId) => ({ item: { inventoryItemId: sampleIds.get(benchSku(n))! }, locationId })));
const naive = {
  label: `naive (1 call per quantity), ${sample.length} calls sampled`,
  ...(await measure(async () => {
    for (const [index, { item, locationId }] of sample.entries()) {
      await setQuantitiesOnce(
        client,
        {
          name: "available",
          reason: "correction",
          quantities: [{ inventoryItemId: item.inventoryItemId, locationId, quantity: 60, changeFromQuantity: null }],
        },
        `naive-${index}`,
      );
    }
  })),
};

const quantities = skus * locations.length;
const row = (label: string, requests: number, points: number, seconds: number, heap: string, minimum: number, rss = "-") =>
  console.log(
    `${label.padEnd(44)} ${String(requests).padStart(9)} ${String(Math.round(points)).padStart(11)} ${seconds.toFixed(1).padStart(10)} ${minimum.toFixed(1).padStart(10)} ${heap.padStart(9)} ${rss.padStart(9)}`,
  );

console.log(
  `\nstock push, ${skus} SKUs x ${locations.length} locations = ${quantities} quantities; Standard plan bucket ${STANDARD_PLAN_BUCKET.maximumAvailable} points, ${STANDARD_PLAN_BUCKET.restoreRate}/s`,
);
console.log(
  `${"".padEnd(44)} ${"requests".padStart(9)} ${"cost pts".padStart(11)} ${"wall s".padStart(10)} ${"min s".padStart(10)} ${"heap MB".padStart(9)} ${"RSS MB (before)".padStart(9)}`,
);
for (const run of full ? [delta, full] : [delta])
  row(
    run.label,
    run.requests,
    run.points,
    run.seconds,
    `+${run.heapMb.toFixed(1)}`,
    minimumSeconds(run.points),
    `${run.peakRssMb.toFixed(0)} (${run.rssBeforeMb.toFixed(0)})`,
  );
for (const run of full ? [delta, full] : [delta]) {
  const sending = run.seconds - run.readSeconds;
  const minimum = minimumSeconds(run.points);
  console.log(
    `  ${run.label}: reading the sources ${run.readSeconds.toFixed(1)} s, then comparing and sending ${sending.toFixed(1)} s` +
      (minimum > 0 ? ` (${(sending / minimum).toFixed(2)}x the restore-rate minimum; the whole push ${(run.seconds / minimum).toFixed(2)}x)` : ""),
  );
}
{
  // What Cassa's own limit makes of the reading, which the benches raise: a page of 100 products, and per sale point
  // a stock call for that page.
  const productCalls = Math.ceil(skus / 100);
  const stockCalls = productCalls * emulators.salePoints.length;
  const floor = Math.max(cassaReadFloorMinutes(productCalls), cassaReadFloorMinutes(stockCalls));
  console.log(
    `  at Cassa in Cloud's documented limit (360 calls per API in 10 minutes; raised here) reading its ${productCalls} /products and ${stockCalls} /stocks pages takes at least ${floor} minutes`,
  );
}
if (!full) console.log(`full push left out above ${FULL_PUSH_UP_TO} SKUs (BENCH_FULL=1 runs it)`);
row(naive.label, naive.requests, naive.points, naive.seconds, naive.heapMb.toFixed(1), minimumSeconds(naive.points));
const perCall = { points: naive.points / naive.requests, seconds: naive.seconds / naive.requests };
const projectedPoints = perCall.points * quantities;
row(
  `naive, projected to all ${quantities}`,
  quantities,
  projectedPoints,
  Math.max(minimumSeconds(projectedPoints), perCall.seconds * quantities),
  "-",
  minimumSeconds(projectedPoints),
);
console.log(`\nchanged quantities sent: delta ${JSON.stringify(delta.result.counts)}${full ? `, full ${JSON.stringify(full.result.counts)}` : ""}`);
console.log(
  `ratios: naive / delta = ${(projectedPoints / delta.points).toFixed(0)}x the cost points` +
    (full ? `; naive / full = ${(projectedPoints / full.points).toFixed(0)}x; full / delta = ${(full.points / delta.points).toFixed(0)}x` : ""),
);

await emulators.stop();
await stopDatabase();
