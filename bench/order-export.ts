/**
 * `node --import tsx bench/order-export.ts [orders] [erp latency ms]`
 *
 * Ponte's own cost of exporting an order. ORDERS (default 300) real captured
 * orders (test/fixtures/shopify-orders/membi-order_create_no_dis.json, each
 * under its own ids) go one after another through the use case
 * (exportOrderToErp) to the HTTP ERP emulator answering every call after
 * LATENCY ms (default 20). Every ERP call the export made is recorded; then
 * the same calls (same methods, paths and bodies, each order's reference
 * made new) are made directly, one order after another: the floor. Prints
 * both times an order, their ratio, the database round trips an order made
 * (every query sent to PostgreSQL, by Prisma and by the lock connections),
 * and the ERP calls. The first order, which makes the customer and the
 * articles, is counted apart from the rest.
 */
import pg from "pg";
import { SecretBox } from "../app/services/crypto/secret-box.server";
import { closeLockPools } from "../app/services/database/advisory-locks.server";
import { saveErpConnection } from "../app/services/erp/erp-connections.server";
import { HttpErpAdapter } from "../app/services/erp/http-erp.adapter.server";
import { erpConnectionId } from "../app/services/ids";
import { orderFromWebhook } from "../app/services/shopify/shopify-order";
import { recordShopInstalled } from "../app/services/shops/shop-registry.server";
import { exportOrderToErp } from "../app/services/sync/orders/export-order-to-erp.use-case.server";
import { startErpEmulator } from "../emulators/erp/server";
import { capturedOrderNumbered, capturedOrders } from "../test/support/captured-orders";
import { BENCH_SHOP as shop, startBenchDatabase } from "./support/bench-harness";

const orders = Number(process.argv[2] ?? 300);
const latencyMs = Number(process.argv[3] ?? 20);
const captured = capturedOrders().find((order) => order.source.startsWith("membi-order_create_no_dis.json"))!.payload;

// Every query any pg client sends (Prisma's adapter and the lock connections both use pg) is one round trip.
let roundTrips = 0;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  roundTrips++;
  if (process.env.BENCH_VERBOSE) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    console.log(`  query: ${String(text).replace(/\s+/g, " ").slice(0, 100)}`);
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

interface ErpCall {
  method: string;
  url: string;
  headers: HeadersInit | undefined;
  body: string | undefined;
}
let calls: ErpCall[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  calls.push({
    method: init?.method ?? "GET",
    url: String(input),
    headers: init?.headers,
    body: typeof init?.body === "string" ? init.body : undefined,
  });
  return fetch(input, init);
};

const { db, stop } = await startBenchDatabase();
const erp = await startErpEmulator({ apiKey: "bench-erp-key" });
try {
  await recordShopInstalled(db, shop);
  const saved = await saveErpConnection(db, new SecretBox(Buffer.alloc(32, 7).toString("base64")), shop, {
    kind: "http",
    url: erp.url,
    secret: "bench-erp-key",
  });
  erp.books.setup.currencies = null; // the ERP books the captured order's currency, as the shop's ERP would
  erp.faults.latencyMs = latencyMs;
  const deps = {
    db,
    erp: new HttpErpAdapter({ baseUrl: erp.url, apiKey: "bench-erp-key", fetch: recordingFetch }),
    erpId: erpConnectionId(saved.id),
  };

  const perOrder: Array<{ ms: number; roundTrips: number; calls: ErpCall[]; reference: string }> = [];
  for (let n = 1; n <= orders; n++) {
    const order = orderFromWebhook(capturedOrderNumbered(captured, n));
    calls = [];
    roundTrips = 0;
    const started = performance.now();
    const outcome = await exportOrderToErp(deps, shop, order);
    const ms = performance.now() - started;
    if (outcome.status !== "exported") throw new Error(`order ${order.name} was not exported: ${JSON.stringify(outcome)}`);
    const sale = [...erp.books.salesOrders.values()].find((s) => s.id === outcome.erpOrderId)!;
    perOrder.push({ ms, roundTrips, calls, reference: sale.reference });
  }

  // The floor: the same calls, made directly (each order's reference made new, so each makes its own sale). The
  // first order's are not made again: the customer and articles it made exist now.
  const direct: number[] = [];
  for (const [index, exported] of perOrder.slice(1).entries()) {
    const fresh = `direct-${index}`;
    const started = performance.now();
    for (const call of exported.calls) {
      const swap = (text: string) =>
        text.replaceAll(exported.reference, fresh).replaceAll(encodeURIComponent(exported.reference), encodeURIComponent(fresh));
      const response = await fetch(swap(call.url), {
        method: call.method,
        headers: call.headers,
        body: call.body === undefined ? undefined : swap(call.body),
      });
      await response.text();
      if (response.status >= 400 && !(response.status === 404 && call.url.endsWith("/check")))
        throw new Error(`direct ${call.method} ${call.url}: HTTP ${response.status}`);
    }
    direct.push(performance.now() - started);
  }

  const rest = perOrder.slice(1);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ponteMs = mean(rest.map((o) => o.ms));
  const directMs = mean(direct);
  const first = perOrder[0]!;
  console.log(`${orders} orders exported one after another, the ERP answering each call after ${latencyMs} ms`);
  console.log(
    `first order (makes the customer and ${first.calls.filter((c) => c.method === "POST" && c.url.endsWith("/articles")).length} articles): ` +
      `${first.ms.toFixed(1)} ms, ${first.roundTrips} database round trips, ${first.calls.length} ERP calls`,
  );
  console.log(
    `| the other ${rest.length} | Ponte (exportOrderToErp) | ${ponteMs.toFixed(1)} ms an order (median ${median(rest.map((o) => o.ms)).toFixed(1)}) | ` +
      `${Math.max(...rest.map((o) => o.roundTrips))} database round trips at most (${mean(rest.map((o) => o.roundTrips)).toFixed(1)} on average) | ` +
      `${mean(rest.map((o) => o.calls.length)).toFixed(1)} ERP calls |`,
  );
  console.log(
    `| the other ${rest.length} | the same ERP calls made directly | ${directMs.toFixed(1)} ms an order (median ${median(direct).toFixed(1)}) | | |`,
  );
  console.log(`Ponte / direct: ${(ponteMs / directMs).toFixed(3)}x (Ponte's own time ${(ponteMs - directMs).toFixed(1)} ms an order)`);
  console.log(`ERP calls of one order: ${rest[0]!.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`).join(", ")}`);
} finally {
  await closeLockPools();
  await erp.close();
  await stop();
}
