/**
 * One worker process: finds (or starts) the database, brings it up to date,
 * runs Agenda's jobs and drains the webhook inbox, beats its heart, and on SIGTERM/SIGINT drains the jobs
 * it is running before it stops.
 */
import type { Environment } from "../app/services/config/environment";
import { randomUUID } from "node:crypto";
import { getPriority, hostname } from "node:os";
import { createPrismaClient } from "../app/services/database/prisma-client.server";
import { closeLockPools } from "../app/services/database/advisory-locks.server";
import { locateDatabase } from "../app/services/database/database-location.server";
import { prepareDatabase } from "../app/services/database/prepare-database.server";
import { HEARTBEAT_INTERVAL_MS, recordHeartbeat, recordStopped } from "../app/services/workers/worker-heartbeat.server";
import { createSessionStorage, sessionStorageWithoutKey } from "../app/services/sessions/session-storage.server";
import { adminClientForShop } from "../app/services/shopify/shop-admin-client.server";
import { createAgenda, jobStoreKind } from "../app/services/jobs/agenda.server";
import { scheduleStandingJobs } from "./standing-jobs.server";
import { SecretBox } from "../app/services/crypto/secret-box.server";
import { defineJobs } from "./definitions";
import { mailerFromEnvironment } from "../app/services/mail/smtp-mailer.server";
import { wholeNumberSetting } from "../app/services/config/whole-number-setting";
import { enqueueOrderExport, enqueuePosDispatch } from "../app/services/jobs/shop-jobs.server";
import { startInboxDrainer } from "./inbox-drainer.server";
import { LEASE_MS } from "../app/services/webhooks/process-inbox-event.server";
import pg from "pg";
import { poolSql } from "../app/services/database/sql-runner.server";
import { poolConfigFromUrl } from "../app/services/database/connection-settings";
import { hasPosConnection } from "../app/services/pos/pos-connections.server";
import { inlineExporter } from "../app/services/sync/orders/inline-export.server";
import { exportSnapshotToErp } from "../app/services/sync/orders/export-order-from-snapshot.server";
import type { ShopDomain } from "../app/services/ids";
import { lowerWorkerBackends, WORKER_APPLICATION_NAME } from "../app/services/workers/worker-backend-priority.server";
import { DEFAULT_BURST_HOLD } from "../app/services/webhooks/inbox-burst-hold";

export interface WorkerOptions {
  env?: Environment;
  log?: (line: string) => void;
  /** How long a shutdown waits for running jobs before it gives up on them. */
  drainTimeoutMs?: number;
}

export interface RunningWorker {
  workerId: string;
  /** Drains running jobs, then stops; resolves when everything is closed. */
  shutdown(reason: string): Promise<void>;
}

export async function startWorker(options: WorkerOptions = {}): Promise<RunningWorker> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(`[worker] ${line}`));
  const workerId = env.PONTE_WORKER_ID ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const drainTimeoutMs = options.drainTimeoutMs ?? Number(env.PONTE_DRAIN_TIMEOUT_MS ?? 60_000);

  const database = await locateDatabase(env, log);
  const store = { databaseUrl: database.url, mongodbUrl: env.MONGODB_URL || undefined };
  await prepareDatabase(store, log);
  const db = createPrismaClient(database.url);
  const agenda = createAgenda({ ...store, name: workerId, processEvery: env.PONTE_WORKER_POLL ?? "2 seconds" });
  const sessions = env.PONTE_ENCRYPTION_KEY ? createSessionStorage(db, env.PONTE_ENCRYPTION_KEY) : sessionStorageWithoutKey();
  const box = env.PONTE_ENCRYPTION_KEY ? new SecretBox(env.PONTE_ENCRYPTION_KEY) : null;
  const exportLockLifetimeMs = millisecondsSetting(env, "PONTE_EXPORT_LOCK_MS", 120_000);
  const runLockLifetimeMs = millisecondsSetting(env, "PONTE_JOB_LOCK_MS", 10 * 60_000);
  defineJobs(agenda, {
    db,
    workerId,
    sessions,
    box,
    exportLockLifetimeMs,
    runLockLifetimeMs,
    jobStore: jobStoreKind(store),
    mailer: mailerFromEnvironment(env),
    appUrl: env.SHOPIFY_APP_URL,
  });
  agenda.on("error", (error) => log(`agenda error: ${error.message}`));
  // Agenda also relays other workers' failures (remote: true, another shape); each worker logs its own.
  agenda.on("fail", (error: Error | string, job: { attrs?: { name: string } }, remote?: boolean) => {
    if (remote || !job.attrs) return;
    log(`job ${job.attrs.name} failed: ${typeof error === "string" ? error : error.message}`);
  });

  const identity = { workerId, hostname: hostname(), pid: process.pid, backend: jobStoreKind(store), startedAt: new Date() };
  await recordHeartbeat(db, identity);
  const heartbeat = setInterval(() => {
    recordHeartbeat(db, identity).catch((error: Error) => log(`heartbeat failed: ${error.message}`));
  }, HEARTBEAT_INTERVAL_MS);

  await agenda.start();
  await scheduleStandingJobs(agenda, db);
  const posConnected = remembered(10_000, (shop: ShopDomain) => hasPosConnection(db, shop));
  // The drain exports each order itself (no job rows in a flash sale); what it cannot do now goes to the export job.
  const inboxConcurrency = wholeNumberSetting(env, "PONTE_INBOX_CONCURRENCY", 10, "events");
  // The drain's own statements skip Prisma: a pool of its own, one connection per event in hand and one to claim.
  const inboxPool = new pg.Pool({ ...poolConfigFromUrl(database.url), max: inboxConcurrency + 1, idleTimeoutMillis: 10_000 });
  inboxPool.on("error", (error) => log(`inbox pool: ${error.message}`));
  const inboxSql = poolSql(inboxPool);
  // The drain exports each order's version once: a newer one's webhook asks again (exportSnapshotToErp's `once`).
  const exportOrder = inlineExporter({
    exportNow: (shop, orderId) =>
      exportSnapshotToErp({ db, box, sql: inboxSql, shopify: (shop) => adminClientForShop(sessions, shop) }, shop, orderId, { once: true }),
    queue: (shop, orderId) => enqueueOrderExport(agenda, shop, orderId),
    log,
  });
  const inbox = await startInboxDrainer({
    db,
    sql: inboxSql,
    databaseUrl: database.url,
    log,
    batchSize: wholeNumberSetting(env, "PONTE_INBOX_BATCH", 100, "events"),
    concurrency: inboxConcurrency,
    pollMs: wholeNumberSetting(env, "PONTE_INBOX_POLL_MS", 2_000, "milliseconds"),
    burstHold: {
      // "0": the drain never holds back.
      holdAboveRate:
        env.PONTE_INBOX_HOLD_ABOVE_RATE?.trim() === "0"
          ? 0
          : wholeNumberSetting(env, "PONTE_INBOX_HOLD_ABOVE_RATE", DEFAULT_BURST_HOLD.holdAboveRate, "deliveries a second"),
      maxHoldMs: wholeNumberSetting(env, "PONTE_INBOX_MAX_HOLD_MS", DEFAULT_BURST_HOLD.maxHoldMs, "milliseconds"),
    },
    leaseMs: wholeNumberSetting(env, "PONTE_INBOX_LEASE_MS", LEASE_MS, "milliseconds"),
    // Every order a webhook brought goes to its export job, which decides what the ERP needs; and to its POS dispatch
    // when the shop has a POS (one connected meanwhile takes its orders through its 5-minute pending dispatch).
    shopify: (shop) => adminClientForShop(sessions, shop),
    onOrderChanged: async (shop, orderId, deadline) => {
      await exportOrder(shop, orderId, deadline);
      if (await posConnected(shop)) await enqueuePosDispatch(agenda, shop, orderId);
    },
  });
  // A worker process (jobs/worker.ts) at a lower priority hands it on to the embedded PostgreSQL's backends serving it
  // (started by this worker, or by the launcher that started it: npm start, the sandbox, npm run dev).
  const backends =
    (database.kind === "embedded" || env.PONTE_DATABASE_KIND === "embedded") && process.env.PGAPPNAME === WORKER_APPLICATION_NAME && getPriority() > 0
      ? lowerWorkerBackends(inboxPool, getPriority(), 5_000, log)
      : null;
  log(`worker ${workerId} started (jobs on ${identity.backend})`);

  let stopping: Promise<void> | undefined;
  return {
    workerId,
    shutdown(reason: string) {
      stopping ??= (async () => {
        log(`worker ${workerId} stopping (${reason}): draining running jobs`);
        clearInterval(heartbeat);
        backends?.stop();
        await inbox.stop();
        await inboxPool.end().catch(() => {});
        const drained = await agenda.drain({ timeout: drainTimeoutMs });
        if (drained.timedOut) log(`drain timed out with ${drained.running} job(s) still running; their locks expire and another worker takes them`);
        await recordStopped(db, workerId).catch(() => {});
        await db.$disconnect();
        await closeLockPools();
        await database.release();
        log(`worker ${workerId} stopped`);
      })();
      return stopping;
    },
  };
}

/** `read`, its answer for each key kept `forMs`: a question asked for every event of a batch, answered once. */
function remembered<K, V>(forMs: number, read: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const answers = new Map<K, { at: number; value: Promise<V> }>();
  return (key) => {
    const held = answers.get(key);
    if (held && Date.now() - held.at < forMs) return held.value;
    const value = read(key);
    answers.set(key, { at: Date.now(), value });
    value.catch(() => answers.delete(key));
    return value;
  };
}

function millisecondsSetting(env: Environment, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1000) throw new Error(`${name} must be a whole number of milliseconds, 1000 or more`);
  return value;
}
