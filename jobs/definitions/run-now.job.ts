import { shopDomainSchema } from "../../app/services/ids";
import type { Agenda } from "agenda";
import { z } from "zod";
import { RUN_KIND_IDS } from "../../app/services/runs/run-list";
import { runAction } from "../../app/services/sync/tracked-actions.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { actionDependencies } from "./action-dependencies";
import type { JobDependencies } from "./index";

const dataSchema = z.object({
  shop: shopDomainSchema,
  kind: z.enum(RUN_KIND_IDS),
  /** The "queued" run row the merchant sees after pressing play. */
  runId: z.string().uuid().optional(),
  trigger: z.enum(["manual", "built-in"]).default("manual"),
  /** Started again after waiting at an outside system's limit (scheduleRunResume). */
  resumed: z.boolean().default(false),
  /** Full resync: images sent again too. */
  forceImages: z.boolean().default(false),
});

/**
 * One run of a kind at once, the built-in job's own times left as they are: the play button on a built-in job
 * (manual, as the queued run the merchant sees), and a worker's catch-up at start (built-in).
 */
export function defineRunNowJob(agenda: Agenda, deps: JobDependencies): void {
  const actions = actionDependencies(agenda, deps);
  agenda.define(
    JobNames.runNow,
    async (job) => {
      const { shop, kind, runId, trigger, forceImages } = dataSchema.parse(job.attrs.data);
      await runAction(actions, shop, kind, { trigger, queuedRunId: runId, forceImages, keepAlive: () => job.touch() });
    },
    { concurrency: 2, lockLifetime: deps.runLockLifetimeMs },
  );
}
