/** Defines every job a worker runs. */
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { defineWorkerProbeJob } from "./worker-probe.job";

export interface JobDependencies {
  db: PrismaClient;
  workerId: string;
}

export function defineJobs(agenda: Agenda, deps: JobDependencies): void {
  defineWorkerProbeJob(agenda, deps);
}
