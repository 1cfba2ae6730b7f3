/**
 * Jobs that must always exist, (re)declared at every worker start: the daily
 * prune, the order metafields writer (every 30 seconds), and each installed shop's own jobs, plus one reconciliation run per
 * shop at once, to catch up on what changed while no worker ran. The jobs
 * of earlier versions that no longer exist are removed. Declaring
 * them twice is harmless; a second catch-up run finds nothing new.
 */
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { ensureShopJobs } from "../app/services/jobs/shop-jobs.server";
import { JobNames, RETIRED_JOB_NAMES } from "../app/services/jobs/job-names";
import { shopDomain } from "../app/services/ids";

export async function scheduleStandingJobs(agenda: Agenda, db: PrismaClient): Promise<void> {
  for (const name of RETIRED_JOB_NAMES) await agenda.cancel({ name });
  await agenda.every("1 day", JobNames.pruneRuns, undefined, { skipImmediate: true });
  await agenda.every("30 seconds", JobNames.writeOrderMetafields, undefined, { skipImmediate: true });
  const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  for (const { domain } of shops) {
    await ensureShopJobs(agenda, shopDomain(domain));
    // Through the run-now job, not a second reconcile job: the shop's own reconcile job stays the only one of its key.
    await agenda.now(JobNames.runNow, { shop: domain, kind: "import-orders", trigger: "built-in" });
  }
}
