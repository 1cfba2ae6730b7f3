import { shopDomainSchema } from "../../app/services/ids";
import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import { runAction } from "../../app/services/sync/tracked-actions.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { actionDependencies } from "./action-dependencies";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: shopDomainSchema, mode: z.enum(["all", "changed"]).default("changed") });

/** Per shop, at the merchant's interval ("changed"), or by hand from the ERP page ("all"): updates the ERP's linked customers. */
export function defineSyncCustomersJob(agenda: Agenda, deps: JobDependencies): void {
  const actions = actionDependencies(agenda, deps);
  agenda.define(
    JobNames.syncCustomers,
    async (job) => {
      const { shop, mode } = dataSchema.parse(job.attrs.data);
      await runAction(actions, shop, "customers-sync", {
        trigger: mode === "all" ? "manual" : "built-in",
        customers: mode,
        keepAlive: () => job.touch(),
      });
    },
    {
      concurrency: 1,
      lockLifetime: deps.runLockLifetimeMs,
      backoff: when(({ error }) => isRetryable(error), exponential({ delay: 30_000, maxRetries: 3 })),
    },
  );
}
