/**
 * `node --import tsx bench/inbox-drain.ts [orders] [workers]`
 *
 * A flash sale's backlog: ORDERS (default 2,000) orders/create webhooks, each
 * a real captured order (test/fixtures/shopify-orders/membi-order_create_no_dis.json)
 * under its own ids, recorded in the inbox exactly as the webhook route does
 * (the stored event is all there is: workers claim it from the inbox), then WORKERS (default 1) worker processes (`npm run worker`,
 * as `npm start` runs them) started against the HTTP ERP emulator. Prints how
 * long the inbox took to drain (events a second) and how long until every
 * order was one ERP sale (orders a second), beside the ERP emulator's own
 * time for the same sales made directly (the floor). The database first holds
 * BENCH_OLD_ORDERS (default 200,000) exported orders, of 100 other shops and
 * of this one, as a live store's does (writeOrderHistory).
 */
import { erpLinkSystem } from "../app/services/bindings/binder.server";
import { SecretBox } from "../app/services/crypto/secret-box.server";
import { saveErpConnection } from "../app/services/erp/erp-connections.server";
import { HttpErpAdapter } from "../app/services/erp/http-erp.adapter.server";
import { recordShopInstalled } from "../app/services/shops/shop-registry.server";
import { recordWebhook } from "../app/services/webhooks/webhook-inbox.server";
import { startErpEmulator } from "../emulators/erp/server";
import { startService, workerCommand, type Service } from "../scripts/lib/child-services";
import { cpuOfProcessesNamed, cpuSpentBetween, processCpuMs } from "./support/process-cpu";
import { capturedOrderNumbered, capturedOrders } from "../test/support/captured-orders";
import { BENCH_SHOP as shop, startBenchDatabase, writeOrderHistory } from "./support/bench-harness";

const orders = Number(process.argv[2] ?? 2_000);
const workers = Number(process.argv[3] ?? 1);
const oldOrders = Number(process.env.BENCH_OLD_ORDERS ?? 200_000);
const captured = capturedOrders().find((order) => order.source.startsWith("membi-order_create_no_dis.json"))!.payload;

const orderNumber = (n: number) => capturedOrderNumbered(captured, n);

const { db, url, stop } = await startBenchDatabase();
const erp = await startErpEmulator({ apiKey: "bench-erp-key" });
const encryptionKey = Buffer.alloc(32, 7).toString("base64");
let running: Service[] = [];
try {
  await recordShopInstalled(db, shop);
  const connection = await saveErpConnection(db, new SecretBox(encryptionKey), shop, { kind: "http", url: erp.url, secret: "bench-erp-key" });
  await writeOrderHistory(db, oldOrders, { shop, erpSystem: erpLinkSystem(connection.id) });
  // The ERP books the captured order's currency, as a merchant's ERP for that shop would.
  erp.books.setup.currencies = null;

  let started = performance.now();
  for (let n = 1; n <= orders; n++) {
    await recordWebhook(db, {
      shop,
      topic: "ORDERS_CREATE",
      eventId: `bench-event-${n}`,
      webhookId: `bench-webhook-${n}`,
      apiVersion: "2026-07",
      payload: orderNumber(n),
    });
  }
  const intakeSeconds = (performance.now() - started) / 1000;

  // Transactions committed in the database (each statement outside a transaction is one), to count the workers' per order.
  const commits = async () =>
    Number(
      (await db.$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`))[0]!.n,
    );
  const commitsBefore = await commits();
  const cpuBefore = { bench: process.cpuUsage(), postgres: cpuOfProcessesNamed("postgres") };
  started = performance.now();
  const env = { ...process.env, DATABASE_URL: url, PONTE_ENCRYPTION_KEY: encryptionKey, PONTE_SKIP_BUILD: "1" };
  // BENCH_PROFILE=DIR: each worker writes a CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  if (process.env.BENCH_PRELOAD) profile.push("--import", process.env.BENCH_PRELOAD);
  const [node, workerArgs] = workerCommand();
  running = Array.from({ length: workers }, (_, index) =>
    startService(`worker-${index + 1}`, node, [...profile, ...workerArgs], { ...env, PONTE_WORKER_ID: `bench-${index + 1}` }, (line) => {
      if (process.env.BENCH_VERBOSE) console.log(line);
    }),
  );
  let drainedAt: number | null = null;
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const [processed, exported] = await Promise.all([
      db.webhookEvent.count({ where: { shop, processedAt: { not: null } } }),
      db.orderExport.count({ where: { shop, status: "exported", orderName: { startsWith: "#B" } } }),
    ]);
    if (drainedAt === null && processed >= orders) drainedAt = performance.now();
    if (process.env.BENCH_VERBOSE) {
      const jobs = await db.$queryRawUnsafe<Array<{ name: string; all: bigint; done: bigint; failed: bigint }>>(
        `select name, count(*) as all, count(last_finished_at) as done, count(failed_at) as failed from agenda_jobs group by name`,
      );
      console.log(`processed ${processed}, exported ${exported}; jobs ${jobs.map((j) => `${j.name} ${j.all}/${j.done}/${j.failed}`).join(", ")}`);
    }
    if (exported >= orders || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const exportedSeconds = (performance.now() - started) / 1000;
  // CPU an order, by process, from the workers' start to the last sale (the workers' start-up included): the workers,
  // PostgreSQL's backends, and this process (the ERP emulator answering, and the bench's polling).
  const workersCpu = running.reduce((sum, service) => sum + (processCpuMs(service.child.pid) ?? 0), 0);
  const postgresCpu = cpuSpentBetween(cpuBefore.postgres, cpuOfProcessesNamed("postgres"));
  const benchCpu = cpuMsOf(process.cpuUsage(cpuBefore.bench));
  // PostgreSQL reports its statistics after a short delay.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const commitsPerOrder = ((await commits()) - commitsBefore) / orders;
  const drainSeconds = ((drainedAt ?? performance.now()) - started) / 1000;
  const sales = [...erp.books.salesOrders.values()].filter((sale) => sale.reference.includes("#B")).length;
  // From the first event processed to the last: the drain itself, without the worker's start-up.
  const span = await db.webhookEvent.aggregate({ where: { shop }, _min: { processedAt: true }, _max: { processedAt: true } });
  const drainingSeconds = (span._max.processedAt!.getTime() - span._min.processedAt!.getTime()) / 1000;

  // The floor: the same ERP calls an export makes (find by reference, check, create), made directly.
  const direct = new HttpErpAdapter({ baseUrl: erp.url, apiKey: "bench-erp-key" });
  const sample = Math.min(orders, 500);
  const customer = await direct.createCustomer({ name: "Floor", email: null, externalRef: null, addresses: [] });
  const article = await direct.createArticle({ sku: "FLOOR-1", name: "Floor", listPrice: "1.00" });
  const floorCpuBefore = process.cpuUsage();
  started = performance.now();
  for (let n = 1; n <= sample; n++) {
    await direct.findSalesOrderByReference(`floor-${n}`);
    await direct.checkCanBook({ currency: String(captured.currency), taxes: [] });
    await direct.createSalesOrder({
      reference: `floor-${n}`,
      customerId: customer.id,
      currency: String(captured.currency),
      lines: [{ articleId: article.id, description: "x", quantity: 1, unitPrice: "1.00" }],
      shippingAddress: null,
      note: null,
    });
  }
  const floorPerOrderMs = (performance.now() - started) / sample;
  const floorCpu = cpuMsOf(process.cpuUsage(floorCpuBefore));

  console.log(`${orders} orders/create webhooks recorded in ${intakeSeconds.toFixed(1)} s (${(orders / intakeSeconds).toFixed(0)}/s, one at a time)`);
  console.log(
    `${workers} worker${workers === 1 ? "" : "s"}: inbox drained ${drainSeconds.toFixed(1)} s after the workers were started (${(orders / drainSeconds).toFixed(1)} events/s); ` +
      `${drainingSeconds.toFixed(1)} s from the first event processed to the last (${(orders / drainingSeconds).toFixed(1)} events/s)`,
  );
  console.log(
    `  every order one ERP sale in ${exportedSeconds.toFixed(1)} s (${(orders / exportedSeconds).toFixed(1)} orders/s; ${sales} sales made); ` +
      `${commitsPerOrder.toFixed(1)} database transactions an order, from the webhook stored to the ERP sale (the bench's own polling included)`,
  );
  if (workersCpu > 0) {
    const perOrder = (ms: number) => `${(ms / orders).toFixed(2)} ms`;
    console.log(
      `  CPU an order: workers ${perOrder(workersCpu)} (their start-up included), PostgreSQL ${perOrder(postgresCpu)}, ` +
        `ERP emulator and bench ${perOrder(benchCpu)}`,
    );
  }
  console.log(
    `floor: the same ERP calls made directly, one order after another: ${floorPerOrderMs.toFixed(2)} ms an order (${(1000 / floorPerOrderMs).toFixed(0)} orders/s), ` +
      `CPU ${(floorCpu / sample).toFixed(2)} ms an order (caller and ERP emulator together)`,
  );
} finally {
  await Promise.all(running.map((service) => service.stop(30_000)));
  await erp.close();
  await stop();
}

function cpuMsOf(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
