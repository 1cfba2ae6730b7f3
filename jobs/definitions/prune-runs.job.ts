import type { Agenda } from "agenda";
import { pruneRuns, recoverStaleRuns } from "../../app/services/runs/job-runs.server";
import { inboxRetention, pruneInbox } from "../../app/services/webhooks/webhook-inbox.server";
import { JobNames } from "../../app/services/jobs/job-names";
import type { JobDependencies } from "./index";

/** Daily: gives up runs whose worker died (if no run since found them), prunes old run history and old inbox payloads. */
export function definePruneRunsJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.pruneRuns,
    async () => {
      await recoverStaleRuns(deps.db);
      await pruneRuns(deps.db);
      const pruned = await pruneInbox(deps.db, inboxRetention());
      if (pruned > 0) console.info(JSON.stringify({ event: "inbox-pruned", events: pruned }));
    },
    { concurrency: 1, lockLifetime: 10 * 60_000 },
  );
}
