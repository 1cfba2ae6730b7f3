import { shopDomainSchema } from "../../app/services/ids";
import type { Agenda } from "agenda";
import { z } from "zod";
import { watchForPosComeback } from "../../app/services/jobs/shop-jobs.server";
import { PosUnavailableError } from "../../app/services/pos/pos-connector";
import { dispatchSnapshotToPos } from "../../app/services/sync/pos/dispatch-snapshot-to-pos.server";
import { runAction } from "../../app/services/sync/tracked-actions.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { actionDependencies } from "./action-dependencies";
import { defineOrderDeliveryJob } from "./order-delivery-job";
import type { JobDependencies } from "./index";

const pendingSchema = z.object({ shop: shopDomainSchema, includeFailed: z.boolean().default(false) });

export function defineDispatchToPosJobs(agenda: Agenda, deps: JobDependencies): void {
  const actions = actionDependencies(agenda, deps);
  defineOrderDeliveryJob(agenda, deps, JobNames.dispatchToPos, {
    deliver: (shop, orderId) => dispatchSnapshotToPos({ db: deps.db, box: deps.box }, shop, orderId),
    onFailure: async (shop, error) => {
      if (error instanceof PosUnavailableError) await watchForPosComeback(agenda, shop);
    },
  });
  agenda.define(
    JobNames.dispatchPendingToPos,
    async (job) => {
      const { shop, includeFailed } = pendingSchema.parse(job.attrs.data);
      // The 5-minute safety net is built-in; "Send orders to POS" (failed ones too) is by hand.
      await runAction(actions, shop, "pos-dispatch", {
        trigger: includeFailed ? "manual" : "built-in",
        includeFailedPos: includeFailed,
        keepAlive: () => job.touch(),
      });
    },
    { concurrency: 2, lockLifetime: deps.runLockLifetimeMs },
  );
}
