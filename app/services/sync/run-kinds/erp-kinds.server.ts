/**
 * The ERP's kinds, each with every ERP of the shop (or a schedule's few): sync customers and sync statuses (which
 * also rechecks pending payments and names sales booked with other totals than Shopify's).
 */
import { erpsForShop, type ShopErp } from "../../erp/erp-connections.server";
import type { RunHandle } from "../../runs/job-runs.server";
import { ShopifyOrderActions } from "../../shopify/order-status.adapter.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import { syncCustomers, type CustomerSyncOutcome } from "../customers/sync-customers.server";
import { claimTotalsDifferences, totalsDifferenceFailure } from "../orders/totals-differences.server";
import { recheckPendingPayments } from "../orders/recheck-pending-payments.server";
import { syncErpStatuses } from "../statuses/sync-erp-statuses.server";
import type { ActionDependencies, Prepared, PrepareRun, RunContext } from "./run-kind";

interface SelectedErps {
  erps: ShopErp[];
  /** With several ERPs, each log line says which one it is about. */
  named: (erp: ShopErp, text: string) => string;
  several: boolean;
}

/** The shop's ERPs the run works with (a schedule's filter applied), or why there are none. */
async function withErps(deps: ActionDependencies, shop: string, context: RunContext, then: (selected: SelectedErps) => Prepared): Promise<Prepared> {
  const all = deps.box ? await erpsForShop(deps.db, deps.box, shop) : [];
  const only = context.erpConnectionIds ?? [];
  const erps = only.length > 0 ? all.filter((erp) => only.includes(erp.id)) : all;
  if (erps.length === 0) return { unavailable: only.length > 0 ? "none of the schedule's ERPs is connected any more" : "no ERP is connected" };
  const several = all.length > 1;
  return then({ erps, several, named: (erp, text) => (several ? `${erp.name}: ${text}` : text) });
}

export const prepareCustomersSync: PrepareRun = (deps, shop, context) =>
  withErps(deps, shop, context, ({ erps, several, named }) => {
    const mode = context.customers ?? "changed";
    return {
      work: async (run: RunHandle) => {
        await run.log(mode === "all" ? "Updating every linked customer." : "Updating customers changed since the last run.");
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
            (failure) => run.log(named(erp, `Customer ${failure.email ?? failure.customerId} not updated: ${failure.reason}`), "error"),
          );
          Object.assign(total, sum(before, outcome));
          if (several) await run.log(named(erp, `${outcome.updated} customer${outcome.updated === 1 ? "" : "s"} updated.`));
        }
        return counts(total);
      },
    };
  });

export const prepareErpStatuses: PrepareRun = (deps, shop, context) =>
  withErps(deps, shop, context, ({ erps, several, named }) => ({
    work: async (run: RunHandle) => {
      const client = await adminClientForShop(deps.sessions, shop);
      const statuses = { checked: 0, applied: 0, flagged: 0 };
      for (const erp of erps) {
        const outcome = await syncErpStatuses(
          { db: deps.db, erp: erp.connector, erpId: erp.id, store: new ShopifyOrderActions(client) },
          shop,
          undefined,
          (flagged) => run.log(named(erp, `Order ${flagged.orderName ?? "?"}: ${flagged.flag}`), "warning"),
        );
        statuses.checked += outcome.checked;
        statuses.applied += outcome.applied;
        statuses.flagged += outcome.flagged;
        if (several)
          await run.log(
            named(
              erp,
              `${outcome.checked} order${outcome.checked === 1 ? "" : "s"} checked, ${outcome.applied} change${outcome.applied === 1 ? "" : "s"} carried to Shopify.`,
            ),
          );
        await run.checkCancelled();
      }
      const payments = await recheckPendingPayments(deps.db, client, shop, deps.enqueueExport);
      // Sales booked with other totals than Shopify's since the last run: named here, and the run fails to raise the alert.
      const differences = await claimTotalsDifferences(deps.db, shop);
      for (const difference of differences) await run.log(`Order ${difference.orderName}: ${difference.flag}`, "warning");
      if (differences.length > 0) throw totalsDifferenceFailure(differences);
      return { ...statuses, paymentsChecked: payments.checked, newlyPaid: payments.changed };
    },
  }));

function sum(a: CustomerSyncOutcome, b: CustomerSyncOutcome): CustomerSyncOutcome {
  return { read: a.read + b.read, updated: a.updated + b.updated, notLinked: a.notLinked + b.notLinked, failed: a.failed + b.failed };
}
