import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { erpConnectorForShop } from "../../app/services/erp/erp-connections.server";
import { isRetryable } from "../../app/services/errors";
import { enqueueOrderExport } from "../../app/services/jobs/shop-jobs.server";
import { ShopifyOrderActions } from "../../app/services/shopify/order-status.adapter.server";
import { adminClientForShop } from "../../app/services/shopify/shop-admin-client.server";
import { recheckPendingPayments } from "../../app/services/sync/orders/recheck-pending-payments.server";
import { runTracked } from "../../app/services/runs/job-runs.server";
import { syncErpStatuses } from "../../app/services/sync/statuses/sync-erp-statuses.server";
import { skipWhileRunning } from "./skip-while-running";
import { JobNames } from "../names";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: z.string().min(1) });

export function defineSyncErpStatusesJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.syncErpStatuses,
    async (job) => {
      const { shop } = dataSchema.parse(job.attrs.data);
      const erp = deps.box ? await erpConnectorForShop(deps.db, deps.box, shop) : null;
      if (!erp) return;
      const client = await adminClientForShop(deps.sessions, shop);
      await skipWhileRunning(() =>
        runTracked(deps.db, { shop, kind: "erp-statuses", trigger: "built-in" }, async () => {
          const statuses = await syncErpStatuses({ db: deps.db, erp, store: new ShopifyOrderActions(client) }, shop);
          const payments = await recheckPendingPayments(deps.db, client, shop, (s, orderId) => enqueueOrderExport(agenda, s, orderId));
          return { ...statuses, paymentsChecked: payments.checked, newlyPaid: payments.changed };
        }),
      );
    },
    { concurrency: 2, lockLifetime: 15 * 60_000, backoff: when(({ error }) => isRetryable(error), exponential({ delay: 10_000, maxRetries: 3 })) },
  );
}
