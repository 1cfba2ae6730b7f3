/** Sync customers: Shopify's customers carried to each ERP they are linked in. */
import { say } from "../../../i18n/merchant-message";
import type { RunHandle } from "../../runs/job-runs.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import { syncCustomers, type CustomerSyncOutcome } from "../customers/sync-customers.server";
import type { PrepareRun } from "./run-kind";
import { withErps } from "./with-erps.server";

export const prepareCustomersSync: PrepareRun = (deps, shop, context) =>
  withErps(deps, shop, context, ({ erps, several, named }) => {
    const mode = context.customers ?? "changed";
    return {
      work: async (run: RunHandle) => {
        await run.log(say(mode === "all" ? "runs.log.customers.all" : "runs.log.customers.changed"));
        const counts = (outcome: CustomerSyncOutcome) => ({
          read: outcome.read,
          updated: outcome.updated,
          "not in the ERP": outcome.notLinked,
          failed: outcome.failed,
        });
        const client = await adminClientForShop(deps.sessions, shop);
        const total: CustomerSyncOutcome = { read: 0, updated: 0, notLinked: 0, failed: 0 };
        for (const erp of erps) {
          const before = { ...total };
          const outcome = await syncCustomers(
            { db: deps.db, erp: erp.connector, erpId: erp.id, client },
            shop,
            mode,
            new Date(),
            async (soFar) => {
              await run.report(counts(sum(before, soFar)));
              await run.checkCancelled();
            },
            (failure) =>
              run.log(
                named(erp, say("runs.log.customers.failed", { customer: failure.email ?? failure.customerId, reason: failure.reason })),
                "error",
              ),
          );
          Object.assign(total, sum(before, outcome));
          if (several) await run.log(named(erp, say("runs.log.customers.updated", { count: outcome.updated })));
        }
        return counts(total);
      },
    };
  });

function sum(a: CustomerSyncOutcome, b: CustomerSyncOutcome): CustomerSyncOutcome {
  return { read: a.read + b.read, updated: a.updated + b.updated, notLinked: a.notLinked + b.notLinked, failed: a.failed + b.failed };
}
