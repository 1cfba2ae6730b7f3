import { shopDomainSchema } from "../../app/services/ids";
import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import { runAction } from "../../app/services/sync/tracked-actions.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { actionDependencies } from "./action-dependencies";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: shopDomainSchema });

/** Per shop, every 5 minutes: the "Import orders" run (what changed in Shopify since the watermark, then queued for the ERP). */
export function defineReconcileShopJob(agenda: Agenda, deps: JobDependencies): void {
  const actions = actionDependencies(agenda, deps);
  agenda.define(
    JobNames.reconcileShop,
    async (job) => runAction(actions, dataSchema.parse(job.attrs.data).shop, "import-orders", { trigger: "built-in", keepAlive: () => job.touch() }),
    {
      concurrency: 2,
      lockLifetime: deps.runLockLifetimeMs,
      backoff: when(({ error }) => isRetryable(error), exponential({ delay: 10_000, maxRetries: 3 })),
    },
  );
}
