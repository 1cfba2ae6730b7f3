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
 * run with --expose-gc, as below). The emulator shares the process; its
 * catalog is built before the figures start, but what it keeps per call
 * (idempotency answers) counts.
 *
 * `node --expose-gc --import tsx bench/stock-push.ts`
 */
import { pushStockTarget, type StockTarget } from "../app/services/catalog/stock-push.server";
import { runTracked } from "../app/services/runs/job-runs.server";
import { setQuantitiesOnce } from "../app/services/shopify/inventory.adapter.server";
import {
  BENCH_SHOP as shop,
  meteredClient,
  minimumSeconds,
  STANDARD_PLAN_BUCKET,
  startBenchDatabase,
  startBenchShopify,
} from "./support/bench-harness";

const skus = Number(process.argv[2] ?? 100_000);
const changedPercent = Number(process.argv[3] ?? 1);
const naiveSample = Number(process.argv[4] ?? 300);

const { db, stop: stopDatabase } = await startBenchDatabase();
const shopify = await startBenchShopify(["Milano", "Torino"]);
const { client, measure } = meteredClient(shopify.url);

// The catalog as a first product sync leaves it: every SKU linked, stocked at 0 at both locations.
const emulated = shopify.state.shop(shop)!;
const locations = emulated.locations.map((location) => `gid://shopify/Location/${location.id}`);
const items: Array<{ sku: string; inventoryItemId: string }> = [];
for (let n = 0; n < skus; n++) {
  const sku = `SKU-${String(n).padStart(6, "0")}`;
  const product = emulated.catalog.addProduct({ title: `Product ${n}`, variants: [{ sku, price: "9.90" }] });
  const variant = emulated.catalog.variants.get(product.variantIds[0]!)!;
  items.push({ sku, inventoryItemId: `gid://shopify/InventoryItem/${variant.inventoryItemId}` });
}
const now = new Date();
for (let start = 0; start < items.length; start += 5000) {
  const chunk = items.slice(start, start + 5000);
  await db.catalogItem.createMany({
    data: chunk.map((item, index) => ({
      shop,
      sku: item.sku,
      sourceProductId: String(start + index),
      sourceVariantId: String(start + index),
      shopifyProductId: "p",
      shopifyVariantId: "v",
      inventoryItemId: item.inventoryItemId,
      origin: "created",
    })),
  });
  await db.stockLevel.createMany({
    data: chunk.flatMap((item) =>
      locations.map((locationId) => ({ shop, inventoryItemId: item.inventoryItemId, locationId, quantity: 0, pushedAt: now })),
    ),
  });
}

const target = (quantityOf: (index: number, location: number) => number): StockTarget => ({
  wanted: new Map(locations.map((locationId, l) => [locationId, Object.fromEntries(items.map((item, index) => [item.sku, quantityOf(index, l)]))])),
  locationNames: new Map(locations.map((locationId, l) => [locationId, emulated.locations[l]!.name])),
});
const push = async (label: string, wanted: StockTarget) => ({
  label,
  ...(await measure(() =>
    runTracked(db, { shop, kind: "stock-push", trigger: "manual" }, async (run) => ({
      ...(await pushStockTarget({ db, client }, shop, wanted, run)),
    })),
  )),
});

// Full push: every quantity differs from the 0 first set.
const full = await push(
  "full push (every quantity)",
  target((index, l) => 1 + ((index * 7 + l * 3) % 50)),
);
// Delta: CHANGED% of the quantities moved since.
const step = Math.max(1, Math.round(100 / changedPercent));
const delta = await push(
  `delta push (${changedPercent}% changed)`,
  target((index, l) => 1 + ((index * 7 + l * 3) % 50) + (index % step === 0 ? 1 : 0)),
);

// The naive way: one call per quantity, every quantity, measured on a sample.
const sample = items.slice(0, Math.ceil(naiveSample / locations.length)).flatMap((item) => locations.map((locationId) => ({ item, locationId })));
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
const row = (label: string, requests: number, points: number, seconds: number, heap: string, minimum: number) =>
  console.log(
    `${label.padEnd(44)} ${String(requests).padStart(9)} ${String(Math.round(points)).padStart(11)} ${seconds.toFixed(1).padStart(10)} ${minimum.toFixed(1).padStart(10)} ${heap.padStart(9)}`,
  );

console.log(
  `\nstock push, ${skus} SKUs x ${locations.length} locations = ${quantities} quantities; Standard plan bucket ${STANDARD_PLAN_BUCKET.maximumAvailable} points, ${STANDARD_PLAN_BUCKET.restoreRate}/s`,
);
console.log(
  `${"".padEnd(44)} ${"requests".padStart(9)} ${"cost pts".padStart(11)} ${"wall s".padStart(10)} ${"min s".padStart(10)} ${"heap MB".padStart(9)}`,
);
for (const run of [delta, full]) row(run.label, run.requests, run.points, run.seconds, run.heapMb.toFixed(1), minimumSeconds(run.points));
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
console.log(`\nchanged quantities sent: delta ${JSON.stringify(delta.result.counts)}, full ${JSON.stringify(full.result.counts)}`);
console.log(
  `ratios: naive / delta = ${(projectedPoints / delta.points).toFixed(0)}x the cost points; naive / full = ${(projectedPoints / full.points).toFixed(0)}x; full / delta = ${(full.points / delta.points).toFixed(0)}x`,
);

await shopify.close();
await stopDatabase();
