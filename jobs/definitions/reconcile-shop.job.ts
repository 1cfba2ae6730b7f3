import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import { adminClientForShop } from "../../app/services/shopify/shop-admin-client.server";
import { enqueueOrderExport } from "../../app/services/jobs/shop-jobs.server";
import { ordersAwaitingExport } from "../../app/services/sync/orders/orders-awaiting-export.server";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { reconcileProducts } from "../../app/services/sync/reconcile/reconcile-products.server";
import { JobNames } from "../names";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: z.string().min(1) });

export function defineReconcileShopJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.reconcileShop,
    async (job) => {
      const { shop } = dataSchema.parse(job.attrs.data);
      const client = await adminClientForShop(deps.sessions, shop);
      try {
        await reconcileOrders(deps.db, client, shop);
        await reconcileProducts(deps.db, client, shop);
      } finally {
        // What the webhooks and this pass brought, and anything an earlier crash left behind, goes to the ERP.
        for (const orderId of await ordersAwaitingExport(deps.db, shop)) await enqueueOrderExport(agenda, shop, orderId);
      }
    },
    { concurrency: 2, lockLifetime: 15 * 60_000, backoff: when(({ error }) => isRetryable(error), exponential({ delay: 10_000, maxRetries: 3 })) },
  );
}
