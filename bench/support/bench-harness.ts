/**
 * What the benchmarks share: a real (embedded) PostgreSQL in a temporary
 * directory, the Shopify emulator with one shop at a Standard plan's limits,
 * an Admin client that counts its GraphQL requests and the cost points
 * Shopify reports, and a measure of wall time and peak live heap.
 */
import { spawn, spawnSync } from "node:child_process";
import { CassaBooks, type CassaCategory } from "../../emulators/cassa/cassa-books";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import readline from "node:readline";
import type { PrismaClient } from "@prisma/client";
import { locateDatabase } from "../../app/services/database/database-location.server";
import { prepareDatabase } from "../../app/services/database/prepare-database.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { STANDARD_PLAN_BUCKET } from "../../emulators/shopify/leaky-bucket";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { shopDomain } from "../../app/services/ids";
import { bundleForNode } from "../../scripts/lib/node-bundle";
import { WORKER_V8_FLAGS } from "../../scripts/lib/child-services";

export const BENCH_SHOP = shopDomain("bench.myshopify.com");

/**
 * Cassa in Cloud's call limit, raised for the benches (its emulator and Ponte's client, here and in every process the
 * bench starts): they measure Ponte's own work, and at Cassa's documented limit reading is Cassa's pace alone
 * (cassaReadFloorMinutes tells how long). The real limit is kept, and tested, everywhere else.
 */
export const BENCH_CASSA_LIMIT = { callsPerWindow: 1_000_000, windowSeconds: 1 };
process.env.PONTE_CASSA_CALLS_PER_WINDOW = String(BENCH_CASSA_LIMIT.callsPerWindow);
process.env.PONTE_CASSA_WINDOW_SECONDS = String(BENCH_CASSA_LIMIT.windowSeconds);

/**
 * The least time Cassa's documented limit (360 calls per API in 10 minutes) allows for `calls` calls to one API:
 * the first 360 at once, then 360 more each 10 minutes.
 */
export function cassaReadFloorMinutes(calls: number): number {
  return Math.max(0, Math.ceil(calls / 360) - 1) * 10;
}
const ACCESS_TOKEN = "shpat_bench";

export async function startBenchDatabase(): Promise<{ db: PrismaClient; url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ponte-bench-"));
  // Readable by the user the embedded PostgreSQL runs as, when the bench runs as root.
  chmodSync(dataDir, 0o755);
  const database = await locateDatabase({ PONTE_DATA_DIR: dataDir });
  await prepareDatabase({ databaseUrl: database.url });
  const db = createPrismaClient(database.url);
  return {
    db,
    url: database.url,
    stop: async () => {
      await db.$disconnect();
      await database.release();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The orders that weeks of trading leave in a store's database before the bench's own come: each one's snapshot, its
 * export record (exported) and its link to its ERP sale, for 100 other shops and, when `own` names it, the bench's shop
 * as well (as many as each other shop, linked to its ERP), a customer linked for every other order, then vacuumed
 * and analysed as a live database long since is.
 * Without them the bench's first orders meet tables whose statistics know nothing of them: a table analysed empty, or
 * a shop and an ERP not among its values. PostgreSQL then reckons on one row for any of the shop's lookups, may read it
 * through an index that names only the shop (its orders by status, its links by ERP id) and keeps that plan for a
 * prepared statement until the next ANALYZE, while the bench's orders pile up in it. A live store's statistics know it
 * (autovacuum analyses a table again after a tenth of it has changed).
 */
export async function writeOrderHistory(db: PrismaClient, orders: number, own?: { shop: string; erpSystem: string }): Promise<void> {
  const shops = own ? 101 : 100;
  // Order n's shop, and its ERP's link system.
  const shop = `CASE WHEN n % ${shops} = 100 THEN $2 ELSE 'old-' || (n % ${shops}) || '.myshopify.com' END`;
  const system = `CASE WHEN n % ${shops} = 100 THEN $3 ELSE 'erp:old' END`;
  const values = [orders, own?.shop ?? "", own?.erpSystem ?? ""];
  await db.$executeRawUnsafe(
    `INSERT INTO "OrderSnapshot" (shop, "orderId", name, "shopifyUpdatedAt", "financialStatus", "order", progress, source, "receivedAt")
     SELECT ${shop}, 'gid://shopify/Order/' || n, '#' || n, now() - interval '10 days', 'PAID',
            jsonb_build_object('id', 'gid://shopify/Order/' || n, 'name', '#' || n), 2, 'webhook', now() - interval '10 days'
       FROM generate_series(1, $1::int) n`,
    ...values.slice(0, 2),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "OrderExport" (shop, "orderId", "orderName", status, attempts, "erpOrderId", "erpNumber", "updatedAt")
     SELECT ${shop}, 'gid://shopify/Order/' || n, '#' || n, 'exported', 1, 'SO' || n, 'SO' || n, now() - interval '10 days'
       FROM generate_series(1, $1::int) n`,
    ...values.slice(0, 2),
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "ExternalLink" (id, shop, system, entity, "shopifyId", "externalId")
     SELECT gen_random_uuid()::text, ${shop}, ${system}, 'order', 'gid://shopify/Order/' || n, 'SO' || n
       FROM generate_series(1, $1::int) n
     UNION ALL
     SELECT gen_random_uuid()::text, ${shop}, ${system}, 'customer', 'gid://shopify/Customer/' || n, 'C' || n
       FROM generate_series(1, $1::int) n WHERE n % 2 = 0`,
    ...values,
  );
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "OrderSnapshot", "OrderExport", "ExternalLink"`);
}

/** The Shopify emulator with the bench shop at these locations, at the emulator's default (Standard plan) bucket. */
export function startBenchShopify(locationNames: string[]): Promise<ShopifyEmulator> {
  return startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [
      {
        name: "Bench",
        myshopifyDomain: BENCH_SHOP,
        accessToken: ACCESS_TOKEN,
        email: "bench@example.com",
        currencyCode: "EUR",
        ianaTimezone: "Europe/Rome",
        planDisplayName: "Basic",
        locations: locationNames.map((name) => ({ name, isActive: true })),
      },
    ],
  });
}

export interface Measured<T> {
  result: T;
  seconds: number;
  requests: number;
  points: number;
  heapMb: number;
  /** The process's peak resident memory while the work ran (sampled every 100 ms), in MB. */
  peakRssMb: number;
  /** Its resident memory just before (after a collection), in MB. */
  rssBeforeMb: number;
}

/** An Admin client on the emulator whose GraphQL requests and cost points `measure` reports. */
export function meteredClient(baseUrl: string): { client: AdminClient; measure: <T>(work: () => Promise<T>) => Promise<Measured<T>> } {
  const meter = { requests: 0, points: 0 };
  const meteredFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).includes("/graphql.json")) {
      meter.requests++;
      const body = (await response.clone().json()) as { extensions?: { cost?: { actualQueryCost?: number | null; requestedQueryCost?: number } } };
      meter.points += body.extensions?.cost?.actualQueryCost ?? body.extensions?.cost?.requestedQueryCost ?? 0;
    }
    return response;
  };
  const measure = async <T>(work: () => Promise<T>): Promise<Measured<T>> => {
    meter.requests = 0;
    meter.points = 0;
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    // BENCH_RSS_TRACE=1: each new 10 MB of peak RSS is told on stderr with its time, to find the step that makes it.
    const traceFrom = performance.now();
    let traced = rssBefore;
    const rssSampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (process.env.BENCH_RSS_TRACE && peakRss > traced + 10e6) {
        traced = peakRss;
        const { heapUsed, external, arrayBuffers } = process.memoryUsage();
        console.error(
          `rss ${(peakRss / 1e6).toFixed(0)} MB at ${((performance.now() - traceFrom) / 1000).toFixed(1)} s (heap ${(heapUsed / 1e6).toFixed(0)}, external ${(external / 1e6).toFixed(0)}, array buffers ${(arrayBuffers / 1e6).toFixed(0)})`,
        );
      }
    }, 100);
    // Live heap: with --expose-gc each sample collects first, so garbage not yet collected is not counted.
    const sampler = setInterval(() => {
      global.gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 2000);
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    clearInterval(rssSampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      result,
      seconds,
      requests: meter.requests,
      points: meter.points,
      heapMb: (peak - heapBefore) / 1e6,
      peakRssMb: peakRss / 1e6,
      rssBeforeMb: rssBefore / 1e6,
    };
  };
  return { client: new AdminClient({ shop: BENCH_SHOP, accessToken: ACCESS_TOKEN, baseUrl, fetch: meteredFetch }), measure };
}

/** The least time the restore rate allows for this many points, once the full bucket is spent. */
export const minimumSeconds = (points: number) => Math.max(0, points - STANDARD_PLAN_BUCKET.maximumAvailable) / STANDARD_PLAN_BUCKET.restoreRate;

export { STANDARD_PLAN_BUCKET };

export interface EmulatorsProcess {
  shopifyUrl: string;
  cassaUrl: string;
  apiKey: string;
  locations: Array<{ id: string; name: string }>;
  /** Cassa's sale points (ids "1", "2", ...), when asked for. */
  salePoints: Array<{ id: string; name: string }>;
  /** Every Cassa product n at sale point l to benchQuantity(n, l) + offset, one more for every step-th (step 0: none). */
  restock(offset: number, step: number): Promise<void>;
  /** Every step-th Cassa product priced 10.90. */
  reprice(step: number): Promise<void>;
  stop(): Promise<void>;
}

/** Cassa in Cloud books with one category offered to e-commerce, where the benches' products go. */
export function benchCassaBooks(): { books: CassaBooks; category: CassaCategory } {
  const books = new CassaBooks();
  const category: CassaCategory = {
    id: books.id("cat"),
    description: "Caffè",
    externalId: null,
    idSalesPoint: null,
    enableForECommerce: true,
    lastUpdate: new Date().toISOString(),
  };
  books.categories.set(category.id, category);
  return { books, category };
}

/** The SKU of the bench's Shopify product n, sorted as n is. */
export const benchSku = (n: number) => `SKU-${String(n).padStart(7, "0")}`;
/** The quantity the bench's Shopify product n shows at location l (1 to 50), as a full stock push leaves it. */
export const benchQuantity = (n: number, l: number) => 1 + ((n * 7 + l * 3) % 50);

/** The Shopify and Cassa in Cloud emulators in a process of their own (see emulators-process.ts), seeded there. */
export async function startEmulatorsProcess(products: number, locations: number, shopifyProducts = 0, salePoints = 0): Promise<EmulatorsProcess> {
  const script = path.join(import.meta.dirname, "emulators-process.ts");
  const child = spawn(
    process.execPath,
    ["--max-old-space-size=16384", "--import", "tsx", script, String(products), String(locations), String(shopifyProducts), String(salePoints)],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      child.once("exit", (code) => reject(new Error(`the emulators' process ended (${code})`)));
    });
  const ready = JSON.parse(await nextLine()) as Omit<EmulatorsProcess, "stop" | "restock" | "reprice">;
  return {
    ...ready,
    restock: async (offset, step) => {
      child.stdin.write(`${JSON.stringify({ restock: { offset, step } })}\n`);
      await nextLine();
    },
    reprice: async (step) => {
      child.stdin.write(`${JSON.stringify({ reprice: { step } })}\n`);
      await nextLine();
    },
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Runs `script --measure CONFIG` in a fresh process (with --expose-gc) and answers the JSON of its last line, so that
 * what it measures (peak RSS above all) is that work's alone.
 */
/**
 * Runs `script --measure config` in a fresh process and returns what it printed last (JSON). The script is compiled
 * first, as `npm run build` compiles the worker (scripts/lib/node-bundle.ts): the process measured is the JavaScript
 * production runs, not TypeScript through tsx. BENCH_FROM_SOURCE=1 runs it through tsx instead.
 */
export async function measureInFreshProcess<T>(script: string, config: unknown): Promise<T> {
  if (process.env.BENCH_FROM_SOURCE === "1") return runMeasured<T>(["--expose-gc", "--import", "tsx", script], config);
  // Compiled beside the benches, so that its packages resolve from the project's node_modules; removed after.
  const compiled = path.join(path.dirname(path.resolve(script)), `.measured-${process.pid}-${path.basename(script, ".ts")}.mjs`);
  await bundleForNode(script, compiled);
  try {
    return runMeasured<T>(["--expose-gc", compiled], config);
  } finally {
    rmSync(compiled, { force: true });
    rmSync(`${compiled}.map`, { force: true });
  }
}

function runMeasured<T>(args: string[], config: unknown): T {
  // The worker's V8 flags, as production runs the work; BENCH_NODE_FLAGS replaces them (flags tried out; "" for none).
  const flags = process.env.BENCH_NODE_FLAGS === undefined ? WORKER_V8_FLAGS : process.env.BENCH_NODE_FLAGS.split(" ").filter(Boolean);
  const child = spawnSync(process.execPath, [...flags, ...args, "--measure", JSON.stringify(config)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !line.startsWith("{")) throw new Error(`the measured process ended ${child.status}: ${child.stdout.slice(-500)}`);
  return JSON.parse(line) as T;
}
