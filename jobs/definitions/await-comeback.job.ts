import { shopDomainSchema } from "../../app/services/ids";
import type { Agenda } from "agenda";
import { z } from "zod";
import { JobNames } from "../../app/services/jobs/job-names";
import { enqueueOrderExport, enqueuePosDispatch } from "../../app/services/jobs/shop-jobs.server";
import { ERP_COMEBACK_PROBE_MS, requeueRetryingOrdersIfErpIsBack } from "../../app/services/sync/orders/erp-comeback.server";
import { POS_COMEBACK_PROBE_MS, requeueRetryingDispatchesIfPosIsBack } from "../../app/services/sync/pos/pos-comeback.server";
import type { JobDependencies } from "./index";
import type { ShopDomain } from "../../app/services/ids";

const dataSchema = z.object({ shop: shopDomainSchema });

/**
 * A watch per shop while its ERP or POS is unavailable: asks it every probe interval, and queues the waiting work
 * once it answers. Saved by Agenda with the job when the handler returns: asked again later while still down, else done.
 */
function defineComebackWatch(agenda: Agenda, name: string, probeMs: number, check: (shop: ShopDomain) => Promise<{ state: string }>): void {
  agenda.define(
    name,
    async (job) => {
      const { shop } = dataSchema.parse(job.attrs.data);
      const outcome = await check(shop);
      job.attrs.nextRunAt = outcome.state === "still-down" ? new Date(Date.now() + probeMs) : null;
    },
    { concurrency: 2, lockLifetime: 2 * 60_000 },
  );
}

export function defineAwaitComebackJobs(agenda: Agenda, deps: JobDependencies): void {
  defineComebackWatch(agenda, JobNames.awaitErpComeback, ERP_COMEBACK_PROBE_MS, (shop) =>
    requeueRetryingOrdersIfErpIsBack(deps, shop, (orderId) => enqueueOrderExport(agenda, shop, orderId)),
  );
  defineComebackWatch(agenda, JobNames.awaitPosComeback, POS_COMEBACK_PROBE_MS, (shop) =>
    requeueRetryingDispatchesIfPosIsBack(deps, shop, (orderId) => enqueuePosDispatch(agenda, shop, orderId)),
  );
}
