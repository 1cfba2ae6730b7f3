/**
 * "Run now" on a schedule: each of its actions at once, by hand. Refused with
 * a clear message while a run of one of its kinds is going for the shop;
 * otherwise each action gets its "queued" run row at once, so the merchant
 * can follow it from the moment the button is pressed.
 */
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { JobNames } from "../jobs/job-names";
import { queueRun, RunAlreadyRunning, runningRunOf } from "../runs/job-runs.server";
import { runKindLabel, type RunKind } from "../runs/run-list";
import { RUN_KIND_OF_ACTION } from "./schedule-form";
import { findSchedule } from "./schedules.server";
import type { ShopDomain } from "../ids";

export interface QueuedRun {
  id: string;
  kind: RunKind;
  label: string;
}

export async function startScheduleNow(db: PrismaClient, queue: Agenda, shop: ShopDomain, scheduleId: string): Promise<QueuedRun[]> {
  const schedule = await findSchedule(db, shop, scheduleId);
  if (!schedule) throw new Error("That schedule no longer exists");
  for (const action of schedule.actions) {
    const running = await runningRunOf(db, shop, RUN_KIND_OF_ACTION[action]);
    if (running) throw new RunAlreadyRunning(RUN_KIND_OF_ACTION[action], running);
  }
  const runs: QueuedRun[] = [];
  const runIds: Record<string, string> = {};
  for (const action of schedule.actions) {
    const kind = RUN_KIND_OF_ACTION[action];
    const id = await queueRun(db, { shop, kind, trigger: "manual", schedule: { id: schedule.id, name: schedule.name } });
    runIds[action] = id;
    runs.push({ id, kind, label: runKindLabel(kind) });
  }
  await queue.now(JobNames.runScheduleNow, { shop, scheduleId, runIds });
  return runs;
}
