import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { erpConnectorForShop } from "../../app/services/erp/erp-connections.server";
import { isRetryable } from "../../app/services/errors";
import { adminClientForShop } from "../../app/services/shopify/shop-admin-client.server";
import { runTracked } from "../../app/services/runs/job-runs.server";
import { syncCustomers } from "../../app/services/sync/customers/sync-customers.server";
import { skipWhileRunning } from "./skip-while-running";
import { JobNames } from "../names";
import type { JobDependencies } from "./index";

const dataSchema = z.object({ shop: z.string().min(1), mode: z.enum(["all", "changed"]).default("changed") });

export function defineSyncCustomersJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.syncCustomers,
    async (job) => {
      const { shop, mode } = dataSchema.parse(job.attrs.data);
      const erp = deps.box ? await erpConnectorForShop(deps.db, deps.box, shop) : null;
      if (!erp) return;
      const client = await adminClientForShop(deps.sessions, shop);
      await skipWhileRunning(() =>
        runTracked(deps.db, { shop, kind: "customers-sync", trigger: mode === "all" ? "manual" : "built-in" }, async (run) => {
          await run.log(mode === "all" ? "Updating every linked customer." : "Updating customers changed since the last run.");
          return { ...(await syncCustomers({ db: deps.db, erp, client }, shop, mode)) };
        }),
      );
    },
    { concurrency: 1, lockLifetime: 30 * 60_000, backoff: when(({ error }) => isRetryable(error), exponential({ delay: 30_000, maxRetries: 3 })) },
  );
}
