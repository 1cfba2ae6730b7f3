import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import { erpStatusesToStore } from "../../app/services/sync/tracked-actions.server";
import { JobNames } from "../names";
import { actionDependencies } from "./action-dependencies";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: z.string().min(1) });

export function defineSyncErpStatusesJob(agenda: Agenda, deps: JobDependencies): void {
  const actions = actionDependencies(agenda, deps);
  agenda.define(
    JobNames.syncErpStatuses,
    async (job) => void (await erpStatusesToStore(actions, dataSchema.parse(job.attrs.data).shop, "built-in")),
    { concurrency: 2, lockLifetime: 15 * 60_000, backoff: when(({ error }) => isRetryable(error), exponential({ delay: 10_000, maxRetries: 3 })) },
  );
}
