import type { Agenda } from "agenda";
import { pruneRuns, recoverStaleRuns } from "../../app/services/runs/job-runs.server";
import { inboxRetention, pruneInbox } from "../../app/services/webhooks/webhook-inbox.server";
import { jobRetention, pruneFinishedJobs } from "../../app/services/jobs/job-store-maintenance.server";
import { JobNames } from "../../app/services/jobs/job-names";
import type { JobDependencies } from "./index";

/** Daily: gives up runs whose worker died (if no run since found them), prunes old run history, old inbox payloads and finished one-off jobs. */
export function definePruneRunsJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.pruneRuns,
    async () => {
      await recoverStaleRuns(deps.db);
      await pruneRuns(deps.db);
      const pruned = await pruneInbox(deps.db, inboxRetention());
      if (pruned > 0) console.info(JSON.stringify({ event: "inbox-pruned", events: pruned }));
      // Jobs live in PostgreSQL unless MongoDB holds them (Agenda's mongo backend keeps its own).
      if (deps.jobStore === "postgres") {
        const jobs = await pruneFinishedJobs(deps.db, jobRetention());
        if (jobs > 0) console.info(JSON.stringify({ event: "jobs-pruned", jobs }));
      }
    },
    { concurrency: 1, lockLifetime: 10 * 60_000 },
  );
}
