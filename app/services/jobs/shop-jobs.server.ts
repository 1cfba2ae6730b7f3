/**
 * The jobs that belong to a shop: created when the shop is installed (and
 * checked at every worker start), removed at uninstall. Each has its own
 * unique key, so two shops never share one job.
 */
import { POS_COMEBACK_PROBE_MS } from "../sync/pos/pos-comeback.server";
import type { Agenda } from "agenda";
import { JobNames } from "./job-names";
import { builtInKinds, type RunKind } from "../runs/run-kind-registry";
import { ERP_COMEBACK_PROBE_MS } from "../sync/orders/erp-comeback.server";
import type { ShopDomain } from "../ids";

/**
 * The built-in jobs every installed shop has, as the run-kind registry
 * declares them: what they run (a run kind), their Agenda job, and how often.
 * Two intervals are the merchant's (ERP statuses, customers); the others are fixed.
 */
export interface BuiltInJob {
  kind: RunKind;
  name: string;
  data: (shop: ShopDomain) => Record<string, string | boolean>;
  defaultMinutes: number;
  /** The shop setting holding the merchant's interval, if the merchant sets it. */
  setting?: "statusSyncMinutes" | "customerSyncMinutes";
}

export const BUILT_IN_JOBS: readonly BuiltInJob[] = builtInKinds().map(({ kind, builtIn }) => ({
  kind,
  name: builtIn.job,
  data: builtIn.data,
  defaultMinutes: builtIn.defaultMinutes,
  ...(builtIn.setting ? { setting: builtIn.setting } : {}),
}));

export function builtInJob(kind: RunKind): BuiltInJob {
  const job = BUILT_IN_JOBS.find((candidate) => candidate.kind === kind);
  if (!job) throw new Error(`no built-in job runs ${kind}`);
  return job;
}

/** The unique key of a shop's built-in job: its name and every field of its data. */
function uniqueKey(job: BuiltInJob, shop: ShopDomain): Record<string, unknown> {
  return { name: job.name, ...Object.fromEntries(Object.entries(job.data(shop)).map(([key, value]) => [`data.${key}`, value])) };
}

export async function ensureShopJobs(queue: Agenda, shop: ShopDomain): Promise<void> {
  for (const job of BUILT_IN_JOBS) {
    await queue
      .create(job.name, job.data(shop))
      .repeatEvery(`${job.defaultMinutes} minutes`, { skipImmediate: true })
      .unique(uniqueKey(job, shop), { insertOnly: true })
      .save();
  }
}

/** Sets how often a built-in job runs (its next run moves to one interval from now), keeping it paused if it was. */
export async function setBuiltInJobInterval(queue: Agenda, shop: ShopDomain, kind: RunKind, minutes: number): Promise<void> {
  const job = builtInJob(kind);
  const paused = (await queue.queryJobs({ name: job.name, data: job.data(shop) })).jobs.some((found) => found.disabled);
  const created = queue.create(job.name, job.data(shop)).repeatEvery(`${minutes} minutes`, { skipImmediate: true }).unique(uniqueKey(job, shop));
  if (paused) created.disable();
  await created.save();
}

/** Pause and resume: a paused job keeps its place and times but is not run until resumed. */
export async function setBuiltInJobPaused(queue: Agenda, shop: ShopDomain, kind: RunKind, paused: boolean): Promise<number> {
  const job = builtInJob(kind);
  const query = { name: job.name, data: job.data(shop) };
  return paused ? queue.disable(query) : queue.enable(query);
}

/** The play button: one run of the kind at once, shown as "queued" until a worker takes it. */
export async function enqueueRunNow(
  queue: Agenda,
  shop: ShopDomain,
  kind: RunKind,
  runId: string,
  options: { forceImages?: boolean } = {},
): Promise<void> {
  await queue.now(JobNames.runNow, { shop, kind, runId, ...(options.forceImages ? { forceImages: true } : {}) });
}

/** A run that waited at an outside system's limit starts again at `at`: one such job per shop and kind. */
export async function scheduleRunResume(queue: Agenda, shop: ShopDomain, kind: RunKind, at: Date): Promise<void> {
  await queue
    .create(JobNames.runNow, { shop, kind, trigger: "built-in", resumed: true })
    .schedule(at)
    .unique({ name: JobNames.runNow, "data.shop": shop, "data.kind": kind, "data.resumed": true })
    .save();
}

/** "Sync customers now": every linked customer, once. */
export async function enqueueCustomerSync(queue: Agenda, shop: ShopDomain): Promise<void> {
  await queue.now(JobNames.syncCustomers, { shop, mode: "all" });
}

export async function stopShopJobs(queue: Agenda, shop: ShopDomain): Promise<number> {
  return queue.cancel({ data: { shop } });
}

/** Queues the export of one order to the ERP: one job per (shop, order), queued again when the order changes. */
export async function enqueueOrderExport(queue: Agenda, shop: ShopDomain, orderId: string): Promise<void> {
  await queue
    .create(JobNames.exportOrder, { shop, orderId })
    .unique({ name: JobNames.exportOrder, "data.shop": shop, "data.orderId": orderId })
    .save();
}

/**
 * Starts the watch on an unavailable ERP or POS for the shop, unless one is already waiting to ask again: many
 * orders failing at once start one watch.
 */
async function watchForComeback(queue: Agenda, name: string, probeMs: number, shop: ShopDomain): Promise<void> {
  const { jobs } = await queue.queryJobs({ name, data: { shop } });
  if (jobs.some((job) => job.state === "scheduled" || job.state === "queued" || job.state === "running")) return;
  await queue
    .create(name, { shop })
    .schedule(new Date(Date.now() + probeMs))
    .unique({ name, "data.shop": shop })
    .save();
}

export const watchForErpComeback = (queue: Agenda, shop: ShopDomain) =>
  watchForComeback(queue, JobNames.awaitErpComeback, ERP_COMEBACK_PROBE_MS, shop);
export const watchForPosComeback = (queue: Agenda, shop: ShopDomain) =>
  watchForComeback(queue, JobNames.awaitPosComeback, POS_COMEBACK_PROBE_MS, shop);

/** Queues one order's dispatch to the POS: one job per (shop, order), queued again when the order changes. */
export async function enqueuePosDispatch(queue: Agenda, shop: ShopDomain, orderId: string): Promise<void> {
  await queue
    .create(JobNames.dispatchToPos, { shop, orderId })
    .unique({ name: JobNames.dispatchToPos, "data.shop": shop, "data.orderId": orderId })
    .save();
}

/** "Send orders to POS": every order the POS still owes, failed ones included. */
export async function enqueueForcedPosDispatch(queue: Agenda, shop: ShopDomain): Promise<void> {
  await queue.now(JobNames.dispatchPendingToPos, { shop, includeFailed: true });
}

/** A schedule's own Agenda job: set for its next run while enabled, removed when disabled or deleted. */
export async function syncScheduleJob(
  queue: Agenda,
  shop: ShopDomain,
  schedule: { id: string; enabled: boolean; nextRun: string | null } | { id: string; deleted: true },
): Promise<void> {
  if ("deleted" in schedule || !schedule.enabled || !schedule.nextRun) {
    await queue.cancel({ name: JobNames.runSchedule, data: { shop, scheduleId: schedule.id } });
    return;
  }
  await queue
    .create(JobNames.runSchedule, { shop, scheduleId: schedule.id })
    .unique({ name: JobNames.runSchedule, "data.scheduleId": schedule.id })
    .schedule(new Date(schedule.nextRun))
    .save();
}
