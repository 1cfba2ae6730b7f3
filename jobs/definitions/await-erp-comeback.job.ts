import type { Agenda } from "agenda";
import { z } from "zod";
import { ERP_COMEBACK_PROBE_MS, requeueRetryingOrdersIfErpIsBack } from "../../app/services/sync/orders/erp-comeback.server";
import { enqueueOrderExport } from "../../app/services/jobs/shop-jobs.server";
import { JobNames } from "../../app/services/jobs/job-names";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: z.string().min(1) });

/** Per shop while its ERP is unavailable: asks it every half minute, and queues the waiting orders once it answers. */
export function defineAwaitErpComebackJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.awaitErpComeback,
    async (job) => {
      const { shop } = dataSchema.parse(job.attrs.data);
      const check = await requeueRetryingOrdersIfErpIsBack(deps, shop, (orderId) => enqueueOrderExport(agenda, shop, orderId));
      // Saved by Agenda with the job when this handler returns: asked again later while the ERP is still down, else done.
      job.attrs.nextRunAt = check.state === "still-down" ? new Date(Date.now() + ERP_COMEBACK_PROBE_MS) : null;
    },
    { concurrency: 2, lockLifetime: 2 * 60_000 },
  );
}
