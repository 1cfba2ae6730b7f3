import { shopDomainSchema } from "../../app/services/ids";
import type { Agenda } from "agenda";
import { z } from "zod";
import { nextRuns } from "../../app/services/schedules/recurrence";
import { findSchedule } from "../../app/services/schedules/schedules.server";
import { RUN_KIND_OF_ACTION } from "../../app/services/schedules/schedule-form";
import { runAction } from "../../app/services/sync/tracked-actions.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { actionDependencies } from "./action-dependencies";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: shopDomainSchema, scheduleId: z.string().uuid() });
/** Run now: the "queued" run row made for each action when the merchant pressed play. */
const nowSchema = dataSchema.extend({ runIds: z.record(z.string(), z.string().uuid()).default({}) });

/** One Agenda job per schedule: runs its actions, then sets itself for the schedule's next run. */
export function defineRunScheduleJob(agenda: Agenda, deps: JobDependencies): void {
  const actions = actionDependencies(agenda, deps);
  agenda.define(
    JobNames.runSchedule,
    async (job) => {
      const { shop, scheduleId } = dataSchema.parse(job.attrs.data);
      const schedule = await findSchedule(deps.db, shop, scheduleId);
      if (!schedule?.enabled) return;
      try {
        for (const action of schedule.actions) {
          await runAction(actions, shop, RUN_KIND_OF_ACTION[action], {
            trigger: "schedule",
            schedule: { id: schedule.id, name: schedule.name, mailWhenFinished: schedule.mailWhenFinished },
            salePointIds: schedule.salePointIds,
            erpConnectionIds: schedule.erpConnectionIds,
            keepAlive: () => job.touch(),
          });
        }
      } finally {
        // Saved by Agenda with the job when this handler returns (a one-off job otherwise ends with no next run).
        job.attrs.nextRunAt = nextRuns(schedule.when, new Date(), 1)[0] ?? null;
      }
    },
    { concurrency: 2, lockLifetime: deps.runLockLifetimeMs },
  );
  agenda.define(
    JobNames.runScheduleNow,
    async (job) => {
      const { shop, scheduleId, runIds } = nowSchema.parse(job.attrs.data);
      const schedule = await findSchedule(deps.db, shop, scheduleId);
      if (!schedule) return;
      for (const action of schedule.actions) {
        await runAction(actions, shop, RUN_KIND_OF_ACTION[action], {
          trigger: "manual",
          schedule: { id: schedule.id, name: schedule.name },
          queuedRunId: runIds[action],
          salePointIds: schedule.salePointIds,
          erpConnectionIds: schedule.erpConnectionIds,
          keepAlive: () => job.touch(),
        });
      }
    },
    { concurrency: 2, lockLifetime: deps.runLockLifetimeMs },
  );
}
