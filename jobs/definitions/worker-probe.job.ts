import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { runWorkerProbe } from "../../app/services/workers/worker-probe.server";
import { JobNames } from "../../app/services/jobs/job-names";

export function defineWorkerProbeJob(agenda: Agenda, deps: { db: PrismaClient; workerId: string }): void {
  agenda.define(JobNames.workerProbe, (job) => runWorkerProbe(deps.db, deps.workerId, job.attrs.data), {
    concurrency: 5,
    lockLimit: 5,
  });
}
