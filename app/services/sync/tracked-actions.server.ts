/**
 * The work a job, a schedule or a play button runs for a shop, each as one
 * recorded run (see runs/job-runs) of its kind: import orders, sync
 * customers, sync statuses, send orders to the POS, the first product sync,
 * push stock, refresh products, full resync, recalculate prices. A run of a kind already
 * going for the shop is recorded as skipped, never doubled. A kind whose
 * system is not connected does nothing: no run at all when a job or a
 * schedule starts it, a skipped run with the reason when the merchant did.
 * A run that meets an outside system's limit waits, and is started again by
 * itself when the limit allows (resumeLater).
 */
import { recordSkippedRun, RunAlreadyRunning, runTracked } from "../runs/job-runs.server";
import { runKindLabel, type RunKind } from "../runs/run-list";
import { PREPARE_RUN } from "./run-kinds/index.server";
import type { ActionDependencies, RunContext } from "./run-kinds/run-kind";
import type { ShopDomain } from "../ids";

export type { ActionDependencies, RunContext };

/** Runs one kind of work for the shop as a recorded run. */
export async function runAction(deps: ActionDependencies, shop: ShopDomain, kind: RunKind, context: RunContext): Promise<void> {
  const prepared = await PREPARE_RUN[kind](deps, shop, context);
  const identity = { shop, kind, trigger: context.trigger, queuedRunId: context.queuedRunId, schedule: context.schedule };
  if ("unavailable" in prepared) {
    if (context.queuedRunId) await recordSkippedRun(deps.db, identity, prepared.unavailable);
    return;
  }
  try {
    const ran = await runTracked(deps.db, { ...identity, keepAlive: context.keepAlive, onFinished: deps.onRunFinished }, prepared.work);
    if (ran.resumeAt) await deps.resumeLater(shop, kind, ran.resumeAt);
  } catch (error) {
    if (!(error instanceof RunAlreadyRunning)) throw error;
    await recordSkippedRun(deps.db, identity, `${runKindLabel(kind)} was already running for this shop`);
  }
}
