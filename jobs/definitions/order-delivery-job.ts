/**
 * A job per (shop, order) that carries the order to an outside system (the
 * ERP, the POS). Many run at once (5 per worker, 50 locked per scan); a
 * passing failure backs off exponentially for about an hour, and a system
 * found down starts the watch that re-queues its orders once it is back.
 */
import { shopDomainSchema } from "../../app/services/ids";
import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import type { JobDependencies } from "./index";
import type { ShopDomain } from "../../app/services/ids";

const orderJobSchema = z.object({ shop: shopDomainSchema, orderId: z.string().min(1) });

export interface OrderDelivery {
  deliver: (shop: ShopDomain, orderId: string) => Promise<unknown>;
  /** Called with the failure that ended a run: starts the comeback watch when it says the system is down. */
  onFailure: (shop: ShopDomain, error: unknown) => Promise<void>;
}

export function defineOrderDeliveryJob(agenda: Agenda, deps: JobDependencies, name: string, { deliver, onFailure }: OrderDelivery): void {
  agenda.define(
    name,
    async (job) => {
      const { shop, orderId } = orderJobSchema.parse(job.attrs.data);
      try {
        await deliver(shop, orderId);
      } catch (error) {
        await onFailure(shop, error);
        throw error;
      }
    },
    {
      concurrency: 5,
      lockLimit: 50,
      // The order's own row (OrderExport, PosDispatch) keeps what was done; the job's row goes once it has.
      removeOnComplete: true,
      // One order takes seconds; a worker that died mid-delivery frees its job after this, and the next run finds
      // the sale by reference. Taken early by a live worker, the advisory lock still keeps two runs from overlapping.
      lockLifetime: deps.exportLockLifetimeMs,
      backoff: when(({ error }) => isRetryable(error), exponential({ delay: 2000, factor: 2, maxDelay: 5 * 60_000, maxRetries: 12, jitter: 0.2 })),
    },
  );
}
