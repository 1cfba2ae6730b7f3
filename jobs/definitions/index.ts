/** Defines every job a worker runs. */
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { Agenda } from "agenda";
import type { Mailer } from "../../app/services/mail/smtp-mailer.server";
import type { SecretBox } from "../../app/services/crypto/secret-box.server";
import { defineAwaitComebackJobs } from "./await-comeback.job";
import { defineBuiltInRunJob, SIMPLE_BUILT_IN_RUNS } from "./built-in-run.job";
import { defineDispatchToPosJobs } from "./dispatch-to-pos.job";
import { defineExportOrderJob } from "./export-order.job";
import { defineRefreshProductsJob } from "./refresh-products.job";
import { defineRunNowJob } from "./run-now.job";
import { defineRunScheduleJob } from "./run-schedule.job";
import { definePruneRunsJob } from "./prune-runs.job";
import { defineWriteOrderMetafieldsJob } from "./write-order-metafields.job";
import { defineSyncCustomersJob } from "./sync-customers.job";
import { defineWorkerProbeJob } from "./worker-probe.job";

export interface JobDependencies {
  db: PrismaClient;
  workerId: string;
  /** Shopify sessions, tokens opened with PONTE_ENCRYPTION_KEY. */
  sessions: SessionStorage;
  /** Opens sealed credentials (ERP); null when the worker has no PONTE_ENCRYPTION_KEY. */
  box: SecretBox | null;
  /** How long a running export holds its job before another worker may take it (PONTE_EXPORT_LOCK_MS). */
  exportLockLifetimeMs: number;
  /**
   * How long a recorded run's job stays locked without a sign of life before another worker may take it over
   * (PONTE_JOB_LOCK_MS). A live run renews it (job.touch()) with its run lease, so a slow run is never started twice.
   */
  runLockLifetimeMs: number;
  /** Where the jobs are kept: Ponte's PostgreSQL, or MongoDB when MONGODB_URL is set. */
  jobStore: "postgres" | "mongodb";
  /** Sends failure alerts by email; null without PONTE_SMTP_URL. */
  mailer: Mailer | null;
  /** The app's address, for links in emails (SHOPIFY_APP_URL). */
  appUrl?: string;
}

export function defineJobs(agenda: Agenda, deps: JobDependencies): void {
  defineWorkerProbeJob(agenda, deps);
  for (const kind of SIMPLE_BUILT_IN_RUNS) defineBuiltInRunJob(agenda, deps, kind);
  defineExportOrderJob(agenda, deps);
  defineAwaitComebackJobs(agenda, deps);
  defineSyncCustomersJob(agenda, deps);
  defineDispatchToPosJobs(agenda, deps);
  defineRunScheduleJob(agenda, deps);
  defineRunNowJob(agenda, deps);
  defineRefreshProductsJob(agenda, deps);
  definePruneRunsJob(agenda, deps);
  defineWriteOrderMetafieldsJob(agenda, deps);
}
