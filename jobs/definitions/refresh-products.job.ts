import { shopDomainSchema } from "../../app/services/ids";
import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import { runAction } from "../../app/services/sync/tracked-actions.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { actionDependencies } from "./action-dependencies";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: shopDomainSchema });

/** Per shop, twice a day once the first product sync has completed: rewrites the Shopify products whose content changed. */
export function defineRefreshProductsJob(agenda: Agenda, deps: JobDependencies): void {
  const actions = actionDependencies(agenda, deps);
  agenda.define(
    JobNames.refreshProducts,
    async (job) =>
      runAction(actions, dataSchema.parse(job.attrs.data).shop, "product-refresh", { trigger: "built-in", keepAlive: () => job.touch() }),
    {
      concurrency: 1,
      lockLifetime: deps.runLockLifetimeMs,
      backoff: when(({ error }) => isRetryable(error), exponential({ delay: 60_000, maxRetries: 3 })),
    },
  );
}
