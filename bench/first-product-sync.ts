/**
 * `node --expose-gc --import tsx bench/first-product-sync.ts [counts] [naiveSample]`
 *
 * The first product sync of a POS catalog Shopify does not have yet: COUNTS
 * products (default "10000,100000", each a run of its own on a fresh
 * database) offered by the Cassa in Cloud emulator, made in the Shopify
 * emulator at a Standard plan's limits (2,000 points, 100 a second) with two
 * locations, as a Shopify Plus store (not bound by the daily limit on new
 * variants past 50,000). Both emulators run in a process of their own, and
 * the sync in a fresh one (this file with --measure, compiled as `npm run
 * build` compiles the worker), so the memory printed is Ponte's process alone.
 *
 * For each count it prints: products made, GraphQL requests and cost points,
 * bulk operations, wall time, the time spent waiting on the POS (reading its
 * products) and on Shopify (its bulk operations running), Ponte's own time
 * (wall time less those), and Ponte's peak RSS. Beside it, the way before this
 * one (a synchronous productSet a product), measured on NAIVESAMPLE products
 * (default 100) and projected: its requests, points and the least time the
 * restore rate allows for them.
 */
import type { ProductSource } from "../app/services/sources/product-source.types";
import { saveLocationMapping } from "../app/services/pos/pos-locations.server";
import { CassaAdapter } from "../app/services/pos/cassa/cassa.adapter.server";
import { firstProductSync } from "../app/services/catalog/first-product-sync.server";
import { runTracked } from "../app/services/runs/job-runs.server";
import { createProduct } from "../app/services/shopify/catalog.adapter.server";
import { createPrismaClient } from "../app/services/database/prisma-client.server";
import {
  BENCH_SHOP as shop,
  measureInFreshProcess,
  meteredClient,
  minimumSeconds,
  startBenchDatabase,
  startEmulatorsProcess,
  type Measured,
} from "./support/bench-harness";

/** What the measured sync is given: it runs in a fresh process, so its memory is the sync's alone. */
interface SyncConfig {
  databaseUrl: string;
  shopifyUrl: string;
  cassaUrl: string;
  apiKey: string;
}
type MeasuredSync = Measured<{ status: string }> & { posSeconds: number; rssBeforeMb: number };

if (process.argv[2] === "--measure") {
  const config = JSON.parse(process.argv[3]!) as SyncConfig;
  const db = createPrismaClient(config.databaseUrl);
  const { client, measure } = meteredClient(config.shopifyUrl);
  const cassa = new CassaAdapter({ apiKey: config.apiKey, baseUrl: config.cassaUrl });
  let posSeconds = 0;
  const source: ProductSource = Object.assign(Object.create(cassa) as CassaAdapter, {
    listProducts: async () => {
      const started = performance.now();
      const products = await cassa.listProducts();
      posSeconds += (performance.now() - started) / 1000;
      return products;
    },
  });
  global.gc?.();
  const rssBeforeMb = process.memoryUsage().rss / 1e6;
  const sync = await measure(() =>
    runTracked(db, { shop, kind: "product-sync", trigger: "manual" }, (run) =>
      firstProductSync({ db, source, client, bulkPollIntervalMs: 250 }, shop, run),
    ),
  );
  await db.$disconnect();
  console.log(JSON.stringify({ ...sync, result: { status: sync.result.status }, posSeconds, rssBeforeMb }));
  process.exit(0);
}

const counts = (process.argv[2] ?? "10000,100000").split(",").map(Number);
const naiveSample = Number(process.argv[3] ?? 100);

interface ControlCatalog {
  products: number;
  variants: number;
  bulkOperations: Array<{ type: string; status: string; createdAt: string; completedAt: string | null; objectCount: number }>;
}

const rows: string[] = [];
for (const count of counts) {
  const emulators = await startEmulatorsProcess(count, 2);
  const { db, url: databaseUrl, stop: stopDatabase } = await startBenchDatabase();
  try {
    const { client, measure } = meteredClient(emulators.shopifyUrl);
    const locations = await fetch(`${emulators.shopifyUrl}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_bench" },
      body: JSON.stringify({ query: "{ locations(first: 10) { nodes { id name } } }" }),
    }).then(
      async (response) => ((await response.json()) as { data: { locations: { nodes: Array<{ id: string; name: string }> } } }).data.locations.nodes,
    );
    for (const location of locations) await saveLocationMapping(db, shop, { locationId: location.id, locationName: location.name, choice: "sum" });

    // A store this size is on Shopify Plus, which the daily limit on new variants past 50,000 does not bind.
    await fetch(`${emulators.shopifyUrl}/_control/shops/${shop}/variant-limit`, { method: "POST", body: JSON.stringify({ threshold: 1e9 }) });
    const sync = await measureInFreshProcess<MeasuredSync>(import.meta.filename, {
      databaseUrl,
      shopifyUrl: emulators.shopifyUrl,
      cassaUrl: emulators.cassaUrl,
      apiKey: emulators.apiKey,
    } satisfies SyncConfig);
    const { posSeconds, rssBeforeMb: rssBefore } = sync;
    // A socket kept alive through the minutes of the sync may be closed by the emulator as it is reused: asked again.
    const readCatalog = () => fetch(`${emulators.shopifyUrl}/_control/shops/${shop}/catalog`).then((response) => response.json());
    const catalog = (await readCatalog().catch(readCatalog)) as ControlCatalog;
    const shopifySeconds = catalog.bulkOperations.reduce(
      (sum, operation) => sum + (operation.completedAt ? (Date.parse(operation.completedAt) - Date.parse(operation.createdAt)) / 1000 : 0),
      0,
    );
    const mutations = catalog.bulkOperations.filter((operation) => operation.type === "MUTATION");
    const own = sync.seconds - posSeconds - shopifySeconds;
    console.log(
      `${count} products: ${sync.result.status}, ${catalog.products} in Shopify; ${sync.requests} requests, ${sync.points} points, ` +
        `${mutations.length} bulk mutation${mutations.length === 1 ? "" : "s"}; wall ${sync.seconds.toFixed(1)} s = POS ${posSeconds.toFixed(1)} s ` +
        `+ Shopify's bulk operations ${shopifySeconds.toFixed(1)} s + Ponte's own ${own.toFixed(1)} s; peak RSS ${sync.peakRssMb.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before it), live heap +${sync.heapMb.toFixed(0)} MB`,
    );
    if (catalog.products !== count || sync.result.status !== "completed") throw new Error(`the sync left ${catalog.products} of ${count} products`);

    // The way before: one synchronous productSet a product, on a sample, projected to the whole catalog.
    const naive = await measure(async () => {
      for (let n = 0; n < naiveSample; n++) {
        const made = await createProduct(client, {
          title: `Naive ${n}`,
          descriptionHtml: `<p>The product numbered ${n}.</p>`,
          productType: "Caffè",
          variants: [{ sku: `NAIVE-${n}`, price: "9.90", name: "Default" }],
          locationIds: locations.map((location) => location.id),
        });
        if (!made.ok) throw new Error(made.message);
      }
    });
    const naivePoints = (naive.points / naiveSample) * count;
    rows.push(
      `| ${count.toLocaleString("en")} | ${sync.requests} | ${sync.points} | ${mutations.length} | ${sync.seconds.toFixed(1)} s | ${own.toFixed(1)} s | ${sync.peakRssMb.toFixed(0)} MB | ${count.toLocaleString("en")} requests, ${Math.round(naivePoints).toLocaleString("en")} points, at least ${(minimumSeconds(naivePoints) / 60).toFixed(0)} min |`,
    );
  } finally {
    await stopDatabase();
    await emulators.stop();
  }
}
console.log("\n| products | requests | points | bulk mutations | wall | Ponte's own | peak RSS | a productSet each (projected) |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const row of rows) console.log(row);
