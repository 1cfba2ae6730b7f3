import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { ErpUnavailableError } from "../../app/services/erp/erp-connector";
import { isRetryable } from "../../app/services/errors";
import { watchForErpComeback } from "../../app/services/jobs/shop-jobs.server";
import { exportSnapshotToErp } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { JobNames } from "../../app/services/jobs/job-names";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: z.string().min(1), orderId: z.string().min(1) });

export function defineExportOrderJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.exportOrder,
    async (job) => {
      const { shop, orderId } = dataSchema.parse(job.attrs.data);
      try {
        await exportSnapshotToErp({ db: deps.db, box: deps.box }, shop, orderId);
      } catch (error) {
        if (error instanceof ErpUnavailableError) await watchForErpComeback(agenda, shop);
        throw error;
      }
    },
    {
      concurrency: 5,
      lockLimit: 50,
      // The order's OrderExport row keeps what the export did; the job's row goes once it has.
      removeOnComplete: true,
      // One order's export takes seconds; a worker that died mid-export frees its job after this, and the next run finds
      // the sale by reference. Taken early by a live worker, the advisory lock still keeps two runs from overlapping.
      lockLifetime: deps.exportLockLifetimeMs,
      backoff: when(({ error }) => isRetryable(error), exponential({ delay: 2000, factor: 2, maxDelay: 5 * 60_000, maxRetries: 12, jitter: 0.2 })),
    },
  );
}
