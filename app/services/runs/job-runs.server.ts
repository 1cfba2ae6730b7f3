/**
 * Runs: every run of a job for a shop is recorded with its outcome
 * (completed, failed, cancelled), counts, duration and a log a merchant can
 * read. Two runs of the same kind for the same shop never overlap: a run
 * holds a lease on (shop, kind), renewed while it works, so a long run is
 * never started twice; a run whose worker died loses its lease when it
 * expires and is then marked failed, never left "running" for ever.
 * Cancel is a request the run sees at its next check and ends on.
 */
import { withRunContext } from "./current-run";
import { englishOf, say, type MerchantMessage, type MessageParams } from "../../i18n/merchant-message";
import { CancelledError, RefusedError, WaitUntilError } from "../errors";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@prisma/client";

import type { RunLogLevel, RunTrigger } from "../database/column-values";
import type { RUN_STATUSES } from "./run-list";
import type { ShopDomain } from "../ids";
export type { RunTrigger };
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunCounts = Record<string, number>;

/** The same kind of run is already going for this shop. */
export class RunAlreadyRunning extends RefusedError {
  constructor(
    readonly kind: string,
    readonly runningId: string,
  ) {
    super(`A ${kind} run is already going for this shop; it was not started twice`, "already-running");
    this.name = "RunAlreadyRunning";
  }
}

/** Thrown by checkCancelled() once Cancel was pressed: the run ends as cancelled. */
export class RunCancelled extends CancelledError {
  constructor() {
    super("cancelled by the merchant");
    this.name = "RunCancelled";
  }
}

export interface RunHandle {
  id: string;
  /** A line of the run's log: a message by key (`say(...)`), shown in the merchant's language, or plain text (from outside systems). */
  log(message: string | MerchantMessage, level?: "info" | "warning" | "error"): Promise<void>;
  progress(percent: number, counts?: RunCounts): Promise<void>;
  /** The counts so far, when the run cannot tell how far along it is (written once a second at most). */
  report(counts: RunCounts): Promise<void>;
  /** Throws RunCancelled when Cancel was pressed; call it between units of work, as often as wanted (asks once a second). */
  checkCancelled(): Promise<void>;
}

/** A run as it ended, for whoever watches outcomes (alerts). */
export interface FinishedRun {
  id: string;
  shop: ShopDomain;
  kind: string;
  status: RunStatus;
  error: string | null;
  /** How it started: a run the merchant started by hand sends a mail when it ends (run-alerts.server.ts). */
  trigger?: RunTrigger;
  counts?: RunCounts | null;
  /** Started by a schedule whose merchant ticked "mail me when each run ends". */
  mailWhenFinished?: boolean;
}

export interface RunOptions {
  shop: ShopDomain;
  kind: string;
  trigger: RunTrigger;
  /** How long the lease lives without renewal; renewed every third of it while the run works (PONTE_RUN_LEASE_MS). */
  leaseMs?: number;
  /** The run row made when the merchant pressed play ("queued"), which this run takes over. */
  queuedRunId?: string;
  /** Called with each lease renewal: keeps the queue's own lock on the job alive (Agenda's job.touch()). */
  keepAlive?: () => Promise<unknown>;
  /** Told of every run that ended, this one and any found dead on the way in. */
  onFinished?: (run: FinishedRun) => Promise<void>;
  /** The schedule that started it (by its time or its play button). */
  schedule?: RunSchedule;
}

/** A schedule as its runs name it: its id (Activity's filter) and its name as it was when the run started. */
export interface RunSchedule {
  id: string;
  name: string;
  /** Its runs mail how they ended (the schedule's setting). */
  mailWhenFinished?: boolean;
}

const scheduleColumns = (schedule: RunSchedule | undefined) => (schedule ? { scheduleId: schedule.id, scheduleName: schedule.name } : {});

const CHECK_EVERY_MS = 1000;
const DEFAULT_LEASE_MS = Number(process.env.PONTE_RUN_LEASE_MS) || 2 * 60_000;

/** The run row for a run the merchant asked for, shown as "queued" until a worker takes it. */
export async function queueRun(
  db: PrismaClient,
  { schedule, ...run }: { shop: ShopDomain; kind: string; trigger: RunTrigger; schedule?: RunSchedule },
): Promise<string> {
  const id = randomUUID();
  await db.jobRun.create({
    data: { id, ...run, ...scheduleColumns(schedule), status: "queued", logEntries: { create: [logLine(run.shop, "info", say("runs.log.queued"))] } },
  });
  return id;
}

/** The run of this kind going for the shop now, if any (its lease still alive). */
export async function runningRunOf(db: PrismaClient, shop: ShopDomain, kind: string): Promise<string | null> {
  const lease = await db.jobLease.findUnique({ where: { shop_kind: { shop, kind } } });
  return lease && lease.expiresAt > new Date() ? lease.runId : null;
}

/** A run that did not happen (another of its kind was going, or nothing to work with) is recorded as skipped, with why. */
export async function recordSkippedRun(
  db: PrismaClient,
  options: Pick<RunOptions, "shop" | "kind" | "trigger" | "queuedRunId" | "schedule">,
  reason: string,
): Promise<string> {
  const line = say("runs.log.skipped", { reason });
  const data = { status: "skipped", finishedAt: new Date(), error: reason };
  if (options.queuedRunId) {
    const { count } = await db.jobRun.updateMany({ where: { id: options.queuedRunId, status: "queued" }, data });
    if (count > 0) {
      await appendLog(db, options.queuedRunId, "warning", line);
      return options.queuedRunId;
    }
  }
  const id = randomUUID();
  await db.jobRun.create({
    data: {
      id,
      shop: options.shop,
      kind: options.kind,
      trigger: options.trigger,
      ...scheduleColumns(options.schedule),
      ...data,
      logEntries: { create: [logLine(options.shop, "warning", line)] },
    },
  });
  return id;
}

/** Runs `work` as one recorded run; refuses (RunAlreadyRunning) while the same kind runs for the shop. */
export async function runTracked(
  db: PrismaClient,
  options: RunOptions,
  work: (run: RunHandle) => Promise<RunCounts>,
): Promise<{ id: string; status: RunStatus; counts: RunCounts | null; error: string | null; resumeAt?: Date }> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const id = await startRun(db, options, leaseMs);
  const renew = setInterval(
    () => void Promise.all([renewLease(db, options, id, leaseMs), options.keepAlive?.()]).catch(() => {}),
    Math.max(1000, leaseMs / 3),
  );
  // Work may report and check after every record: the database is asked at most once a second.
  let lastReport = 0;
  let lastCheck = 0;
  const handle: RunHandle = {
    id,
    log: (message, level = "info") => appendLog(db, id, level, message),
    progress: async (percent, counts) => {
      await db.jobRun.update({
        where: { id },
        data: { progress: Math.max(0, Math.min(100, Math.round(percent))), ...(counts ? { counts } : {}), heartbeatAt: new Date() },
      });
    },
    report: async (counts) => {
      if (Date.now() - lastReport < CHECK_EVERY_MS) return;
      lastReport = Date.now();
      await db.jobRun.update({ where: { id }, data: { counts, heartbeatAt: new Date() } });
    },
    checkCancelled: async () => {
      if (Date.now() - lastCheck < CHECK_EVERY_MS) return;
      lastCheck = Date.now();
      const run = await db.jobRun.findUnique({ where: { id }, select: { cancelRequested: true } });
      if (run?.cancelRequested) throw new RunCancelled();
    },
  };
  try {
    const counts = await withRunContext(handle, () => work(handle));
    await finish(db, options, id, "completed", counts, null);
    return { id, status: "completed", counts, error: null };
  } catch (error) {
    if (error instanceof WaitUntilError) {
      // Not a failure: the outside system lets the work go on later, and the run starts again by itself then.
      await appendLog(
        db,
        id,
        "warning",
        say("runs.log.waiting", {
          reason: error.message,
          at: `${error.resumeAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
          resumeAt: error.resumeAt.toISOString(),
        }),
      );
      await db.jobRun.update({ where: { id }, data: { resumeAt: error.resumeAt } });
      await finish(db, options, id, "waiting", null, `Waiting: ${error.message}.`);
      return { id, status: "waiting", counts: null, error: null, resumeAt: error.resumeAt };
    }
    const cancelled = error instanceof RunCancelled;
    const message = cancelled ? null : (error as Error).message;
    await appendLog(
      db,
      id,
      cancelled ? "warning" : "error",
      cancelled ? say("runs.log.cancelled") : say("runs.log.failed", { reason: message ?? "" }),
    );
    await finish(db, options, id, cancelled ? "cancelled" : "failed", null, message);
    if (!cancelled) throw error;
    return { id, status: "cancelled", counts: null, error: null };
  } finally {
    clearInterval(renew);
  }
}

async function startRun(db: PrismaClient, options: RunOptions, leaseMs: number): Promise<string> {
  for (const dead of await recoverStaleRuns(db)) await options.onFinished?.(dead);
  const id = options.queuedRunId ?? randomUUID();
  // The lease first: a run row never exists without the lease that keeps it alive.
  const taken = await db.$executeRaw`
    insert into "JobLease" (shop, kind, "runId", "expiresAt") values (${options.shop}, ${options.kind}, ${id}, ${new Date(Date.now() + leaseMs)})
    on conflict (shop, kind) do update set "runId" = excluded."runId", "expiresAt" = excluded."expiresAt"
    where "JobLease"."expiresAt" < now()`;
  if (taken === 0) {
    const holder = await db.jobLease.findUnique({ where: { shop_kind: { shop: options.shop, kind: options.kind } } });
    throw new RunAlreadyRunning(options.kind, holder?.runId ?? "");
  }
  await db.jobRun.upsert({
    where: { id },
    create: { id, shop: options.shop, kind: options.kind, trigger: options.trigger, ...scheduleColumns(options.schedule), status: "running" },
    update: { status: "running", startedAt: new Date(), heartbeatAt: new Date() },
  });
  await appendLog(db, id, "info", say(`runs.log.started.${options.trigger}`));
  return id;
}

async function renewLease(db: PrismaClient, options: RunOptions, id: string, leaseMs: number): Promise<void> {
  await db.jobLease.updateMany({ where: { shop: options.shop, kind: options.kind, runId: id }, data: { expiresAt: new Date(Date.now() + leaseMs) } });
  await db.jobRun.update({ where: { id }, data: { heartbeatAt: new Date() } });
}

async function finish(
  db: PrismaClient,
  options: RunOptions,
  id: string,
  status: RunStatus,
  counts: RunCounts | null,
  error: string | null,
): Promise<void> {
  await db.jobRun.update({ where: { id }, data: { status, finishedAt: new Date(), error, ...(counts ? { counts, progress: 100 } : {}) } });
  if (status === "completed")
    await appendLog(
      db,
      id,
      "info",
      counts && Object.keys(counts).length
        ? say("runs.log.completedCounts", {
            // In English for the server log; the admin writes the counts out again in the merchant's language (RunLog).
            counts: Object.entries(counts)
              .map(([k, v]) => `${v} ${k}`)
              .join(", "),
            countsJson: JSON.stringify(counts),
          })
        : say("runs.log.completed"),
    );
  await db.jobLease.deleteMany({ where: { shop: options.shop, kind: options.kind, runId: id } });
  await options.onFinished?.({
    id,
    shop: options.shop,
    kind: options.kind,
    status,
    error,
    trigger: options.trigger,
    counts,
    mailWhenFinished: options.schedule?.mailWhenFinished ?? false,
  });
}

/** One line more in the run's log, a row of its own (the lines before it are not rewritten); the run's heartbeat with it. */
async function appendLog(db: PrismaClient, id: string, level: RunLogLevel, line: string | MerchantMessage): Promise<void> {
  const key = typeof line === "string" ? null : line.key;
  const params = typeof line === "string" || !line.params ? null : JSON.stringify(line.params);
  await db.$executeRaw`
    with run as (update "JobRun" set "heartbeatAt" = now() where id = ${id} returning id, shop)
    insert into "JobRunLogEntry" ("runId", shop, level, message, key, params)
    select id, shop, ${level}, ${englishOf(line)}, ${key}, ${params}::jsonb from run`;
}

export interface RunLogLine {
  at: string;
  level: RunLogLevel;
  /** In English. */
  message: string;
  /** The message key and values it was written with, when it was (RunLog shows it in the merchant's language). */
  key?: string;
  params?: MessageParams;
}

/** A log line to create with its run: its English text, its key and its values. */
const logLine = (shop: ShopDomain, level: RunLogLevel, line: MerchantMessage) => ({
  shop,
  level,
  message: englishOf(line),
  key: line.key,
  ...(line.params ? { params: line.params } : {}),
});

/** The last `limit` lines of each run's log, oldest first, and how many earlier lines were left out. */
export async function runLogs(db: PrismaClient, runIds: string[], limit = 500): Promise<Map<string, { lines: RunLogLine[]; omitted: number }>> {
  const logs = new Map<string, { lines: RunLogLine[]; omitted: number }>(runIds.map((id) => [id, { lines: [], omitted: 0 }]));
  if (runIds.length === 0) return logs;
  const rows = await db.$queryRaw<
    Array<{ runId: string; at: Date; level: RunLogLevel; message: string; key: string | null; params: MessageParams | null; lineCount: bigint }>
  >`
    select "runId", at, level, message, key, params, "lineCount" from (
      select e."runId", e.at, e.level, e.message, e.key, e.params, e.id,
             row_number() over (partition by e."runId" order by e.id desc) as newest,
             count(*) over (partition by e."runId") as "lineCount"
        from "JobRunLogEntry" e where e."runId" = any(${runIds})
    ) lines where newest <= ${limit} order by "runId", id`;
  for (const row of rows) {
    const log = logs.get(row.runId)!;
    log.lines.push({ at: row.at.toISOString(), level: row.level, message: row.message, ...keyOf(row) });
    log.omitted = Math.max(0, Number(row.lineCount) - limit);
  }
  return logs;
}

/** One run's whole log, oldest line first. */
export async function runLog(db: PrismaClient, runId: string): Promise<RunLogLine[]> {
  const rows = await db.jobRunLogEntry.findMany({
    where: { runId },
    orderBy: { id: "asc" },
    select: { at: true, level: true, message: true, key: true, params: true },
  });
  return rows.map((row) => ({ at: row.at.toISOString(), level: row.level as RunLogLevel, message: row.message, ...keyOf(row) }));
}

/** A line written by key keeps it, for the admin to show it in the merchant's language. */
const keyOf = (row: { key: string | null; params: unknown }): Pick<RunLogLine, "key" | "params"> =>
  row.key ? { key: row.key, ...(row.params ? { params: row.params as MessageParams } : {}) } : {};

/** Cancel: the run ends as cancelled at its next check. */
export async function requestCancel(db: PrismaClient, shop: ShopDomain, runId: string): Promise<boolean> {
  const { count } = await db.jobRun.updateMany({ where: { id: runId, shop, status: "running" }, data: { cancelRequested: true } });
  return count > 0;
}

/** Runs whose lease expired (their worker died) are marked failed and their lease freed; returns them. */
export async function recoverStaleRuns(db: PrismaClient): Promise<FinishedRun[]> {
  const stale = await db.$queryRaw<Array<{ id: string; shop: ShopDomain; kind: string; trigger: RunTrigger }>>`
    select r.id, r.shop, r.kind, r.trigger from "JobRun" r
     where r.status = 'running'
       and not exists (select 1 from "JobLease" l where l."runId" = r.id and l."expiresAt" >= now())`;
  const recovered: FinishedRun[] = [];
  for (const run of stale) {
    const marked = await db.$executeRaw`
      with failed as (
        update "JobRun" set status = 'failed', "finishedAt" = now(), error = ${WORKER_STOPPED} where id = ${run.id} and status = 'running' returning id, shop
      )
      insert into "JobRunLogEntry" ("runId", shop, level, message) select id, shop, 'error', ${`Failed: ${WORKER_STOPPED}.`} from failed`;
    await db.jobLease.deleteMany({ where: { shop: run.shop, kind: run.kind, runId: run.id } });
    if (marked > 0) recovered.push({ ...run, status: "failed", error: WORKER_STOPPED });
  }
  return recovered;
}

export const WORKER_STOPPED = "the worker running it stopped; the run was given up when its lease expired";

/** Keeps history bounded: runs that went well (or were skipped, cancelled or waited) for 90 days, failures for a year. */
export async function pruneRuns(db: PrismaClient, now = new Date()): Promise<number> {
  const day = 86_400_000;
  const { count } = await db.jobRun.deleteMany({
    where: {
      OR: [
        { status: { in: ["completed", "skipped", "cancelled", "waiting"] }, startedAt: { lt: new Date(now.getTime() - 90 * day) } },
        { status: "failed", startedAt: { lt: new Date(now.getTime() - 365 * day) } },
      ],
    },
  });
  return count;
}

export async function listRuns(
  db: PrismaClient,
  shop: ShopDomain,
  filter: { kind?: string; status?: RunStatus; since?: Date; scheduleId?: string; take?: number } = {},
) {
  const where: Prisma.JobRunWhereInput = {
    shop,
    ...(filter.scheduleId ? { scheduleId: filter.scheduleId } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.since ? { startedAt: { gte: filter.since } } : {}),
  };
  return db.jobRun.findMany({ where, orderBy: { startedAt: "desc" }, take: filter.take ?? 50 });
}
