import type { Agenda } from "agenda";
import { z } from "zod";
import { enqueuePosDispatch } from "../../app/services/jobs/shop-jobs.server";
import { POS_COMEBACK_PROBE_MS, requeueRetryingDispatchesIfPosIsBack } from "../../app/services/sync/pos/pos-comeback.server";
import { JobNames } from "../../app/services/jobs/job-names";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: z.string().min(1) });

/** Per shop while its POS is unavailable: asks it every half minute, and queues the waiting dispatches once it answers. */
export function defineAwaitPosComebackJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.awaitPosComeback,
    async (job) => {
      const { shop } = dataSchema.parse(job.attrs.data);
      const check = await requeueRetryingDispatchesIfPosIsBack(deps, shop, (orderId) => enqueuePosDispatch(agenda, shop, orderId));
      // Saved by Agenda with the job when this handler returns: asked again later while the POS is still down, else done.
      job.attrs.nextRunAt = check.state === "still-down" ? new Date(Date.now() + POS_COMEBACK_PROBE_MS) : null;
    },
    { concurrency: 2, lockLifetime: 2 * 60_000 },
  );
}
