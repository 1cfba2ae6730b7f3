/**
 * `node --import tsx bench/webhook-intake.ts [seconds] [rates] [rounds]`
 *
 * A flash sale at the webhook door. The production build (made afresh by
 * `npm run build`; the app server as `npm start` runs it, webhook door first) and one worker (the compiled one, as `npm start` runs it)
 * (BENCH_NO_WORKER=1: none) run against an embedded PostgreSQL whose job
 * table already holds BENCH_OLD_JOBS finished jobs (default 500,000) and whose inbox holds BENCH_OLD_EVENTS processed events
 * (default 1,000,000, small payloads), beside BENCH_OLD_ORDERS exported orders' snapshots and export records
 * (default 200,000). A load generator then posts signed
 * orders/create webhooks (a real captured order, about 5 KB, each under its
 * own ids) at each fixed rate (default 100, 250, 500 and 1,000 a second) for
 * SECONDS (default 10) after a second's lead-in at that rate (sent and stored,
 * not counted: see fire), open loop: a request's time runs from when it was
 * due, so a slow answer delays no later request's clock.
 *
 * In the same run, at the same rates, the floor: a minimal Node server
 * (bench/support/floor-webhook-server.ts) that verifies the HMAC and inserts
 * one row into the same PostgreSQL. Prints, per rate and server, p50, p95,
 * p99 and max latency, failures (not 200, or no answer in 30 s) and rows
 * stored; and, on Linux, the CPU a delivery cost each server's processes (the
 * app and the worker, until the worker had processed the step's deliveries; or
 * the floor) and PostgreSQL's.
 *
 * ROUNDS (default 3) runs the whole ladder that many times over, and ends with
 * each rate's median p99 for either server and their ratio: on a shared
 * machine one step's p99 is the time of its few slowest answers, and a stall
 * of some tens of milliseconds (a checkpoint, another process) lands in one
 * step of a run and in none of the next.
 */
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { JOBS_TABLE } from "../app/services/jobs/agenda.server";
import { JobNames } from "../app/services/jobs/job-names";
import { recordShopInstalled } from "../app/services/shops/shop-registry.server";
import { appServerCommand, startService, waitForHttp, workerCommand, type Service } from "../scripts/lib/child-services";
import { capturedOrderNumbered, capturedOrders } from "../test/support/captured-orders";
import { signedWebhookHeaders } from "../test/support/signed-webhook";
import { freePort } from "../app/services/database/embedded-database.server";
import { BENCH_SHOP as shop, startBenchDatabase, writeOrderHistory } from "./support/bench-harness";
import { cpuOfProcessesNamed, cpuSpentBetween, processCpuMs } from "./support/process-cpu";

const seconds = Number(process.argv[2] ?? 10);
const rates = (process.argv[3] ?? "100,250,500,1000").split(",").map(Number);
const rounds = Number(process.argv[4] ?? 3);
const oldJobs = Number(process.env.BENCH_OLD_JOBS ?? 500_000);
const oldEvents = Number(process.env.BENCH_OLD_EVENTS ?? 1_000_000);
const oldOrders = Number(process.env.BENCH_OLD_ORDERS ?? 200_000);
const verbose = (line: string) => process.env.BENCH_VERBOSE && console.log(line);

const root = path.resolve(import.meta.dirname, "..");
const serverEntry = path.join(root, "build", "production", "server", "index.js");
// Built afresh, so that the figures are those of the code as it is (BENCH_SKIP_BUILD=1 keeps an existing build).
if (!existsSync(serverEntry) || !process.env.BENCH_SKIP_BUILD) {
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
}

const secret = "bench-secret-".padEnd(40, "x");
const captured = capturedOrders().find((order) => order.source.startsWith("membi-order_create_no_dis.json"))!.payload;

interface Delivery {
  body: Buffer;
  headers: Record<string, string>;
}

function delivery(eventId: string, n: number): Delivery {
  const body = Buffer.from(JSON.stringify(capturedOrderNumbered(captured, n)));
  const headers = signedWebhookHeaders({ topic: "orders/create", shop, secret, body, eventId, webhookId: `w-${eventId}` });
  return { body, headers: { ...headers, "Content-Length": String(body.length) } };
}

/** One POST; its time from `due` to the end of the answer, and its status (0: no answer). */
function post(agent: http.Agent, url: URL, { body, headers }: Delivery, due: number): Promise<{ status: number; ms: number }> {
  return new Promise((resolve) => {
    const done = (status: number) => resolve({ status, ms: performance.now() - due });
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers, timeout: 30_000 },
      (answer) => {
        answer.resume();
        answer.on("end", () => done(answer.statusCode ?? 0));
        answer.on("error", () => done(0));
      },
    );
    request.on("timeout", () => request.destroy());
    request.on("error", () => done(0));
    request.end(body);
  });
}

/**
 * RATE requests a second, each sent when due whatever the earlier ones are doing: first the `leadIn` deliveries, not
 * counted, then `deliveries`, counted. The lead-in (a second's worth in each step) takes the step's start off the
 * figures, alike for both servers: the step's new connections being opened, and the first moments at a new rate,
 * where the 25 slowest answers of a 10-second step at 250/s (its p99) were, for either server, in runs of this bench.
 */
async function fire(url: URL, rate: number, deliveries: Delivery[], leadIn: Delivery[] = []) {
  // Connections of the step's own: one kept from an earlier step, idle past the server's keep-alive time, could be
  // closed by the server just as a request goes out on it (no answer, counted failed, never received).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const all = [...leadIn, ...deliveries];
  const firstAt = performance.now();
  const started = firstAt + (leadIn.length * 1000) / rate;
  const answers: Array<Promise<{ status: number; ms: number }>> = [];
  for (let i = 0; i < all.length; i++) {
    const due = firstAt + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(post(agent, url, all[i]!, due));
  }
  const sentFor = (performance.now() - started) / 1000;
  const results = (await Promise.all(answers)).slice(leadIn.length);
  agent.destroy();
  // What the server answered a second: every request, over the time from the first sent to the last answered.
  return { results, sent: deliveries.length / sentFor, answered: deliveries.length / ((performance.now() - started) / 1000) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const { db, url, stop } = await startBenchDatabase();
const services: Service[] = [];
try {
  // History: finished jobs (an order's export each) and processed inbox events, as weeks of trading leave them.
  let t = performance.now();
  await db.$executeRawUnsafe(
    `INSERT INTO "${JOBS_TABLE}" (name, data, last_finished_at)
     SELECT $1, jsonb_build_object('shop', 'old-' || (n % 100) || '.myshopify.com', 'orderId', 'gid://shopify/Order/' || n), now() - interval '2 hours'
       FROM generate_series(1, $2::int) n`,
    JobNames.exportOrder,
    oldJobs,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "WebhookEvent" (id, shop, topic, "eventId", "webhookId", "apiVersion", payload, "receivedAt", "processedAt", attempts, "availableAt")
     SELECT gen_random_uuid()::text, 'old-' || (n % 100) || '.myshopify.com', 'ORDERS_CREATE', 'old-' || n, 'old-' || n, '2026-07',
            json_build_object('id', n, 'name', '#' || n), now() - interval '10 days', now() - interval '10 days', 1, NULL
       FROM generate_series(1, $1::int) n`,
    oldEvents,
  );
  await writeOrderHistory(db, oldOrders);
  // As weeks-old history stands in a live store: vacuumed, analysed and checkpointed long since (else the autovacuum
  // of these million fresh rows and the checkpoint after them fall in the first steps, Ponte's, not the floor's).
  await db.$executeRawUnsafe(`VACUUM (ANALYZE)`);
  await db.$executeRawUnsafe(`CHECKPOINT`);
  console.log(
    `history: ${oldJobs.toLocaleString("en")} finished jobs, ${oldEvents.toLocaleString("en")} processed inbox events, ${oldOrders.toLocaleString("en")} exported orders (${((performance.now() - t) / 1000).toFixed(0)} s to write)`,
  );
  await recordShopInstalled(db, shop);

  const appPort = await freePort();
  const floorPort = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: url,
    // As npm start says of its own: the bench's PostgreSQL is embedded, on this machine, so the worker's backends run at
    // its priority (BENCH_DATABASE_KIND=external leaves them at PostgreSQL's own, to compare).
    PONTE_DATABASE_KIND: process.env.BENCH_DATABASE_KIND ?? "embedded",
    NODE_ENV: "production",
    SHOPIFY_API_KEY: "bench-key",
    SHOPIFY_API_SECRET: secret,
    SHOPIFY_APP_URL: `http://127.0.0.1:${appPort}`,
    PONTE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  };
  const [node, appArgs] = appServerCommand(serverEntry);
  // BENCH_PROFILE=DIR: the app server and the worker write a CPU profile there when they stop (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const app = startService("app", node, [...profile, ...appArgs], { ...env, PORT: String(appPort) }, verbose);
  // BENCH_NO_WORKER=1: the app alone, nothing draining the inbox meanwhile (how much the worker's drain costs the door).
  const [workerNode, workerArgs] = workerCommand({ built: true });
  const worker = process.env.BENCH_NO_WORKER
    ? null
    : startService("worker", workerNode, [...profile, ...workerArgs], { ...env, PONTE_WORKER_ID: "bench-worker" }, verbose);
  const floor = startService(
    "floor",
    process.execPath,
    ["--import", "tsx", path.join(root, "bench", "support", "floor-webhook-server.ts")],
    { ...env, FLOOR_SECRET: secret, PORT: String(floorPort) },
    verbose,
  );
  services.push(app, floor, ...(worker ? [worker] : []));
  await waitForHttp(`http://127.0.0.1:${appPort}/`, app, 120_000);
  await waitForHttp(`http://127.0.0.1:${floorPort}/`, floor);

  const rows: string[] = [];
  let n = 0;
  let step = 0;
  // Until the worker has processed every delivery stored so far (at once without a worker).
  const drained = async () => {
    while (worker && (await db.webhookEvent.count({ where: { shop, processedAt: null, error: null } })) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  // Both servers warmed up alike before anything is counted: their connections opened, their code compiled by V8
  // (BENCH_WARMUP deliveries at 100/s each, default 300; the worker drains Ponte's).
  const warmup = Number(process.env.BENCH_WARMUP ?? 300);
  for (const [name, port] of [
    ["Ponte", appPort],
    ["floor", floorPort],
  ] as const) {
    const deliveries = Array.from({ length: warmup }, (_, i) => delivery(`warmup-${name}-${i}`, ++n));
    await fire(new URL(`http://127.0.0.1:${port}/webhooks/orders/create`), 100, deliveries);
  }
  await drained();
  // Each step's p99, by rate and server, round after round.
  const p99s = new Map<string, number[]>();
  for (let round = 1; round <= rounds; round++)
    for (const rate of rates) {
      for (const [name, port] of [
        ["Ponte", appPort],
        ["floor", floorPort],
      ] as const) {
        // Each step's own ids (a rate may be given twice): a repeated id would be a duplicate, stored once.
        const prefix = `${name}-${++step}-${rate}-`;
        const servers = name === "Ponte" ? [app, ...(worker ? [worker] : [])] : [floor];
        const cpuBefore = { servers: servers.map((service) => processCpuMs(service.child.pid)), postgres: cpuOfProcessesNamed("postgres") };
        const deliveries = Array.from({ length: rate * seconds }, (_, i) => delivery(`${prefix}${i}`, ++n));
        const leadIn = Array.from({ length: rate }, (_, i) => delivery(`lead-in-${prefix}${i}`, ++n));
        const { results, sent, answered } = await fire(new URL(`http://127.0.0.1:${port}/webhooks/orders/create`), rate, deliveries, leadIn);
        const times = results.map((result) => result.ms).sort((a, b) => a - b);
        const failed = results.filter((result) => result.status !== 200).length;
        // "no answer": the connection broke or 30 s passed; otherwise the statuses answered instead of 200.
        const unanswered = results.filter((result) => result.status === 0).length;
        const statuses = [...new Set(results.filter((result) => result.status !== 200 && result.status !== 0).map((result) => result.status))];
        const failures =
          failed === 0
            ? "0"
            : [unanswered ? `${unanswered} no answer` : "", statuses.length ? `${failed - unanswered} answered ${statuses.join("/")}` : ""]
                .filter(Boolean)
                .join(", ");
        const stored =
          name === "Ponte"
            ? await db.webhookEvent.count({ where: { shop, eventId: { startsWith: prefix } } })
            : Number(
                (await db.$queryRawUnsafe<Array<{ count: bigint }>>(`SELECT count(*) FROM floor_events WHERE event_id LIKE $1`, `${prefix}%`))[0]!
                  .count,
              );
        const p99 = percentile(times, 99);
        const line =
          `| ${rate}/s × ${seconds} s | ${name} | ${sent.toFixed(0)}/s | ${answered.toFixed(0)}/s | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ` +
          `${p99.toFixed(1)} | ${times.at(-1)!.toFixed(0)} | ${failures} | ${stored} of ${deliveries.length} |`;
        rows.push(line);
        p99s.set(`${rate} ${name}`, [...(p99s.get(`${rate} ${name}`) ?? []), p99]);
        console.log(line);
        // The worker drains what came in before the next step starts, as it would between bursts.
        t = performance.now();
        if (name === "Ponte") {
          await drained();
          console.log(`  (the worker processed that step's inbox ${((performance.now() - t) / 1000).toFixed(1)} s after its last answer)`);
        }
        // CPU a delivery, from the step's start until the worker had processed it (Ponte) or its last answer (the floor).
        // (The lead-in's deliveries with the step's: the CPU is read around both.)
        const perDelivery = (ms: number | null) => (ms === null ? "?" : `${(ms / (deliveries.length + leadIn.length)).toFixed(2)} ms`);
        const serverCpu = servers.map((service, i) => {
          const [before, after] = [cpuBefore.servers[i], processCpuMs(service.child.pid)];
          return `${service.name} ${perDelivery(before == null || after === null ? null : after - before)}`;
        });
        console.log(
          `  (CPU a delivery: ${serverCpu.join(", ")}, PostgreSQL ${perDelivery(cpuSpentBetween(cpuBefore.postgres, cpuOfProcessesNamed("postgres")))})`,
        );
      }
    }
  console.log(
    "\n| rate | server | sent | answered | p50 ms | p95 ms | p99 ms | max ms | failed | rows stored |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const row of rows) console.log(row);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  console.log(
    `\n| rate | Ponte p99 ms, median of ${rounds} | floor p99 ms, median of ${rounds} | Ponte / floor | Ponte p99 each round | floor p99 each round |\n| --- | --- | --- | --- | --- | --- |`,
  );
  for (const rate of rates) {
    const [ponte, floorP99] = [p99s.get(`${rate} Ponte`)!, p99s.get(`${rate} floor`)!];
    const each = (values: number[]) => values.map((value) => value.toFixed(1)).join(", ");
    console.log(
      `| ${rate}/s | ${median(ponte).toFixed(1)} | ${median(floorP99).toFixed(1)} | ${(median(ponte) / median(floorP99)).toFixed(2)}x | ${each(ponte)} | ${each(floorP99)} |`,
    );
  }
} finally {
  await Promise.all(services.map((service) => service.stop(30_000)));
  await stop();
}
