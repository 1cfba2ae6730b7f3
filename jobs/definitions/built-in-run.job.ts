/**
 * The built-in jobs that are a recorded run of one kind and nothing more,
 * per shop on its interval (the run-kind registry names each one's job):
 * "Import orders" (what changed in Shopify since the watermark, then queued
 * for the ERP), the ERP statuses (cancelled, shipped and invoiced sales onto
 * the Shopify orders), and the stock push once the first product sync has
 * completed. A passing failure is tried again 3 times, 10 s apart and growing.
 */
import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import { shopDomainSchema } from "../../app/services/ids";
import { builtInJob } from "../../app/services/jobs/shop-jobs.server";
import type { RunKind } from "../../app/services/runs/run-kind-registry";
import { runAction } from "../../app/services/sync/tracked-actions.server";
import { actionDependencies } from "./action-dependencies";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: shopDomainSchema });

export const SIMPLE_BUILT_IN_RUNS = ["import-orders", "erp-statuses", "stock-push"] as const satisfies readonly RunKind[];

export function defineBuiltInRunJob(agenda: Agenda, deps: JobDependencies, kind: (typeof SIMPLE_BUILT_IN_RUNS)[number]): void {
  const actions = actionDependencies(agenda, deps);
  agenda.define(
    builtInJob(kind).name,
    async (job) => runAction(actions, dataSchema.parse(job.attrs.data).shop, kind, { trigger: "built-in", keepAlive: () => job.touch() }),
    {
      concurrency: 2,
      lockLifetime: deps.runLockLifetimeMs,
      backoff: when(({ error }) => isRetryable(error), exponential({ delay: 10_000, maxRetries: 3 })),
    },
  );
}
