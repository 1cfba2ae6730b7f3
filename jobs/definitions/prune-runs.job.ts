import type { Agenda } from "agenda";
import { pruneRuns, recoverStaleRuns } from "../../app/services/runs/job-runs.server";
import { JobNames } from "../names";
import type { JobDependencies } from "./index";

/** Daily: gives up runs whose worker died (if no run since found them) and prunes old history. */
export function definePruneRunsJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.pruneRuns,
    async () => {
      await recoverStaleRuns(deps.db);
      await pruneRuns(deps.db);
    },
    { concurrency: 1, lockLifetime: 10 * 60_000 },
  );
}
