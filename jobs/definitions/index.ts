/** Defines every job a worker runs. */
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Agenda } from "agenda";
import { defineProcessInboxEventJob } from "./process-inbox-event.job";
import { defineReconcileShopJob } from "./reconcile-shop.job";
import { defineSweepInboxJob } from "./sweep-inbox.job";
import { defineWorkerProbeJob } from "./worker-probe.job";

export interface JobDependencies {
  db: PrismaClient;
  workerId: string;
  /** Shopify sessions, tokens opened with PONTE_ENCRYPTION_KEY. */
  sessions: SessionStorage;
}

export function defineJobs(agenda: Agenda, deps: JobDependencies): void {
  defineWorkerProbeJob(agenda, deps);
  defineProcessInboxEventJob(agenda, deps);
  defineSweepInboxJob(agenda, deps);
  defineReconcileShopJob(agenda, deps);
}
