/**
 * The Jobs page's work: a shop's built-in jobs as the merchant sees them
 * (how often, next run, last outcome, paused or not), only those with
 * something to do (the ERP's once an ERP is connected, the POS's once a POS
 * is); play, pause and resume; and the merchant's intervals.
 */
import { hasPosConnection } from "../pos/pos-connections.server";
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { queueRun, RunAlreadyRunning, runningRunOf } from "../runs/job-runs.server";
import { kindApplies } from "../runs/run-kind-registry";
import { runKindLabel, type RunKind, type RunRow } from "../runs/run-list";
import { jobSettingsSchema, type JobSettings } from "./job-settings";
import { catalogSourcesConnected } from "../catalog/catalog-sources.server";
import { BUILT_IN_JOBS, enqueueRunNow, setBuiltInJobInterval } from "./shop-jobs.server";
import type { ShopDomain } from "../ids";

export interface BuiltInJobRow {
  kind: RunKind;
  label: string;
  everyMinutes: number;
  nextRunAt: string | null;
  paused: boolean;
  runningRunId: string | null;
  lastRun: { id: string; status: RunRow["status"]; finishedAt: string | null; error: string | null } | null;
}

const minutesOf = (interval: string | undefined, fallback: number) => {
  const match = /^(\d+) minutes?$/.exec(interval ?? "");
  return match ? Number(match[1]) : fallback;
};

export async function listBuiltInJobs(db: PrismaClient, queue: Agenda, shop: ShopDomain): Promise<BuiltInJobRow[]> {
  const [erp, pos] = await Promise.all([db.erpConnection.findFirst({ where: { shop }, select: { shop: true } }), hasPosConnection(db, shop)]);
  const catalog = await catalogSourcesConnected(db, shop, { pos, erp: erp !== null });
  const icecat = (await db.icecatSettings.count({ where: { shop } })) > 0;
  const applies = (kind: RunKind) => kindApplies(kind, { erp: erp !== null, pos, catalog, icecat });
  const rows: BuiltInJobRow[] = [];
  for (const job of BUILT_IN_JOBS.filter((candidate) => applies(candidate.kind))) {
    const agendaJob = (await queue.queryJobs({ name: job.name, data: job.data(shop) })).jobs.find((found) => found.repeatInterval);
    const last = await db.jobRun.findFirst({
      where: { shop, kind: job.kind, status: { notIn: ["queued", "running"] } },
      orderBy: { startedAt: "desc" },
    });
    rows.push({
      kind: job.kind,
      label: runKindLabel(job.kind),
      everyMinutes: minutesOf(agendaJob?.repeatInterval as string | undefined, job.defaultMinutes),
      nextRunAt: agendaJob?.disabled ? null : (agendaJob?.nextRunAt?.toISOString() ?? null),
      paused: agendaJob?.disabled ?? false,
      runningRunId: await runningRunOf(db, shop, job.kind),
      lastRun: last
        ? { id: last.id, status: last.status as RunRow["status"], finishedAt: last.finishedAt?.toISOString() ?? null, error: last.error }
        : null,
    });
  }
  return rows;
}

/** The play button: refused (RunAlreadyRunning) while a run of the kind goes; otherwise a queued run, returned for its page. */
export async function startRunNow(
  db: PrismaClient,
  queue: Agenda,
  shop: ShopDomain,
  kind: RunKind,
  options: { forceImages?: boolean } = {},
): Promise<string> {
  const running = await runningRunOf(db, shop, kind);
  if (running) throw new RunAlreadyRunning(kind, running);
  const runId = await queueRun(db, { shop, kind, trigger: "manual" });
  await enqueueRunNow(queue, shop, kind, runId, options);
  return runId;
}

export async function readJobSettings(db: PrismaClient, shop: ShopDomain): Promise<JobSettings> {
  const row = await db.shopSettings.findUnique({ where: { shop } });
  return {
    statusSyncMinutes: row?.statusSyncMinutes ?? 10,
    customerSyncMinutes: row?.customerSyncMinutes ?? 60,
    alertEmail: row?.alertEmail ?? null,
  };
}

/** Saves the intervals and alert address; a changed interval moves its job at once. */
export async function saveJobSettings(db: PrismaClient, queue: Agenda, shop: ShopDomain, raw: unknown): Promise<JobSettings> {
  const input = jobSettingsSchema.parse(raw);
  const before = await readJobSettings(db, shop);
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ...input }, update: input });
  if (input.statusSyncMinutes !== before.statusSyncMinutes) await setBuiltInJobInterval(queue, shop, "erp-statuses", input.statusSyncMinutes);
  if (input.customerSyncMinutes !== before.customerSyncMinutes) await setBuiltInJobInterval(queue, shop, "customers-sync", input.customerSyncMinutes);
  return input;
}
