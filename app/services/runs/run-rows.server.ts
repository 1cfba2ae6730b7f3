/** Runs as the admin pages show them (RunRow), read for one shop only. */
import type { JobRun, PrismaClient } from "@prisma/client";
import { listRuns, recoverStaleRuns, runLogs, type RunLogLine, type RunStatus } from "./job-runs.server";
import type { RunRow } from "./run-list";
import type { ShopDomain } from "../ids";

export function runRowOf(run: JobRun, log: { lines: RunLogLine[]; omitted: number }): RunRow {
  return {
    id: run.id,
    kind: run.kind,
    trigger: run.trigger,
    scheduleId: run.scheduleId,
    scheduleName: run.scheduleName,
    status: run.status as RunRow["status"],
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    progress: run.progress,
    counts: (run.counts as Record<string, number> | null) ?? null,
    error: run.error,
    log: log.lines,
    logOmitted: log.omitted,
  };
}

/** The shop's runs, newest first; runs whose worker died are given up first, so none shows "running" for ever. */
export async function runRows(
  db: PrismaClient,
  shop: ShopDomain,
  filter: { kind?: string; status?: RunStatus; since?: Date; scheduleId?: string; take?: number },
): Promise<RunRow[]> {
  await recoverStaleRuns(db);
  const runs = await listRuns(db, shop, filter);
  const logs = await runLogs(
    db,
    runs.map((run) => run.id),
  );
  return runs.map((run) => runRowOf(run, logs.get(run.id)!));
}

export async function findRunRow(db: PrismaClient, shop: ShopDomain, id: string): Promise<RunRow | null> {
  await recoverStaleRuns(db);
  const run = await db.jobRun.findFirst({ where: { id, shop } });
  return run ? runRowOf(run, (await runLogs(db, [run.id])).get(run.id)!) : null;
}
