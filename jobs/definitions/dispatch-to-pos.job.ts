import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import { watchForPosComeback } from "../../app/services/jobs/shop-jobs.server";
import { PosUnavailableError } from "../../app/services/pos/pos-connector";
import { dispatchSnapshotToPos } from "../../app/services/sync/pos/dispatch-snapshot-to-pos.server";
import { runAction } from "../../app/services/sync/tracked-actions.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { actionDependencies } from "./action-dependencies";
import type { JobDependencies } from "./index";

const orderSchema = z.object({ shop: z.string().min(1), orderId: z.string().min(1) });
const pendingSchema = z.object({ shop: z.string().min(1), includeFailed: z.boolean().default(false) });

export function defineDispatchToPosJobs(agenda: Agenda, deps: JobDependencies): void {
  const actions = actionDependencies(agenda, deps);
  agenda.define(
    JobNames.dispatchToPos,
    async (job) => {
      const { shop, orderId } = orderSchema.parse(job.attrs.data);
      try {
        await dispatchSnapshotToPos({ db: deps.db, box: deps.box }, shop, orderId);
      } catch (error) {
        if (error instanceof PosUnavailableError) await watchForPosComeback(agenda, shop);
        throw error;
      }
    },
    {
      concurrency: 5,
      lockLimit: 50,
      removeOnComplete: true,
      lockLifetime: deps.exportLockLifetimeMs,
      backoff: when(({ error }) => isRetryable(error), exponential({ delay: 2000, factor: 2, maxDelay: 5 * 60_000, maxRetries: 12, jitter: 0.2 })),
    },
  );
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
