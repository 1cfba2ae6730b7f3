/**
 * `node --import tsx bench/inbox-write-batches.ts [deliveries] [rounds]`
 *
 * The webhook door's writes to the inbox after a stall: DELIVERIES (default
 * 10,000) signed-and-checked orders/create deliveries (a real captured order,
 * about 10 KB, each under its own ids) come in together, as the requests a
 * stall of the app held back do, and are stored through inboxWriteBatches
 * (what the door stores with) on a pool of 10 connections, as the app server's
 * is, against an embedded PostgreSQL:
 * - the naive way, each delivery a statement of its own, 10 under way at once
 *   (PONTE_WEBHOOK_BATCH=1, PONTE_WEBHOOK_WRITES=10: the door before batching);
 * - the door's defaults (inboxBatchSettings: 4 writes under way, up to 32
 *   deliveries a write);
 * - the defaults with 2 writes under way (the defaults before 4);
 * - and, between them, batches of 5.
 * Prints for each, ROUNDS (default 2) times over, deliveries stored a second,
 * and the CPU a delivery cost this process (the door's share) and PostgreSQL.
 * Every delivery must come out recorded, and be stored once.
 */
import pg from "pg";
import { poolConfigFromUrl } from "../app/services/database/connection-settings";
import { poolSql } from "../app/services/database/sql-runner.server";
import { recordShopInstalled } from "../app/services/shops/shop-registry.server";
import { inboxBatchSettings, inboxWriteBatches, type InboxBatchSettings } from "../app/services/webhooks/inbox-write-batches.server";
import type { AuthenticatedWebhook } from "../app/services/webhooks/handle-webhook.server";
import { capturedOrderNumbered, capturedOrders } from "../test/support/captured-orders";
import { BENCH_SHOP as shop, startBenchDatabase } from "./support/bench-harness";
import { cpuOfProcessesNamed, cpuSpentBetween } from "./support/process-cpu";

const count = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 2);
const captured = capturedOrders().find((order) => order.source.startsWith("membi-order_create_no_dis.json"))!.payload;

const { db, url, stop } = await startBenchDatabase();
const pool = new pg.Pool({ ...poolConfigFromUrl(url), max: 10 });
try {
  await recordShopInstalled(db, shop);
  const ways: Array<[string, InboxBatchSettings]> = [
    ["each its own statement, 10 at once (naive)", { ...inboxBatchSettings({}), writesAtOnce: 10, maxDeliveries: 1 }],
    ["batches of up to 5, 4 at once", { ...inboxBatchSettings({}), maxDeliveries: 5 }],
    ["up to 32, 2 at once", { ...inboxBatchSettings({}), writesAtOnce: 2 }],
    ["the door's defaults (up to 32, 4 at once)", inboxBatchSettings({})],
  ];
  console.log(`| way | round | deliveries/s | this process CPU a delivery | PostgreSQL CPU a delivery |\n| --- | --- | --- | --- | --- |`);
  let n = 0;
  for (let round = 1; round <= rounds; round++)
    for (const [label, settings] of ways) {
      const deliveries: AuthenticatedWebhook[] = Array.from({ length: count }, () => {
        const eventId = `bench-${++n}`;
        return {
          shop,
          topic: "ORDERS_CREATE",
          webhookId: `w-${eventId}`,
          eventId,
          apiVersion: "2026-07",
          payload: undefined,
          payloadJson: JSON.stringify(capturedOrderNumbered(captured, n)),
        };
      });
      const store = inboxWriteBatches(poolSql(pool), settings);
      const postgresBefore = cpuOfProcessesNamed("postgres");
      const ownBefore = process.cpuUsage();
      const started = performance.now();
      const outcomes = await Promise.all(deliveries.map((delivery) => store(delivery)));
      const seconds = (performance.now() - started) / 1000;
      const own = process.cpuUsage(ownBefore);
      const postgres = cpuSpentBetween(postgresBefore, cpuOfProcessesNamed("postgres"));
      const recorded = outcomes.filter((outcome) => outcome.status === "recorded").length;
      if (recorded !== count) throw new Error(`${label}: ${recorded} of ${count} recorded`);
      const perDelivery = (ms: number) => `${(ms / count).toFixed(3)} ms`;
      console.log(
        `| ${label} | ${round} | ${(count / seconds).toFixed(0)} | ${perDelivery((own.user + own.system) / 1000)} | ${perDelivery(postgres)} |`,
      );
    }
  const stored = await db.webhookEvent.count({ where: { shop } });
  if (stored !== n) throw new Error(`${stored} stored of ${n}`);
  console.log(`\n${stored.toLocaleString("en")} deliveries stored, each once.`);
} finally {
  await pool.end();
  await stop();
}
