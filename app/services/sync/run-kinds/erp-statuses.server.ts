/** Sync statuses: each ERP's shipments and cancellations carried to Shopify; pending payments rechecked, and sales booked with other totals than Shopify's named. */
import { say } from "../../../i18n/merchant-message";
import type { RunHandle } from "../../runs/job-runs.server";
import { ShopifyOrderActions } from "../../shopify/order-status.adapter.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import { claimTotalsDifferences, totalsDifferenceFailure } from "../orders/totals-differences.server";
import { recheckPendingPayments } from "../orders/recheck-pending-payments.server";
import { syncErpStatuses } from "../statuses/sync-erp-statuses.server";
import type { PrepareRun } from "./run-kind";
import { withErps } from "./with-erps.server";

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
          (flagged) => run.log(named(erp, say("runs.log.statuses.flagged", { order: flagged.orderName ?? "?", flag: flagged.flag })), "warning"),
        );
        statuses.checked += outcome.checked;
        statuses.applied += outcome.applied;
        statuses.flagged += outcome.flagged;
        if (several) await run.log(named(erp, say("runs.log.statuses.checked", { count: outcome.checked, applied: outcome.applied })));
        await run.checkCancelled();
      }
      const payments = await recheckPendingPayments(deps.db, client, shop, deps.enqueueExport);
      // Sales booked with other totals than Shopify's since the last run: named here, and the run fails to raise the alert.
      const differences = await claimTotalsDifferences(deps.db, shop);
      for (const difference of differences)
        await run.log(say("runs.log.statuses.flagged", { order: difference.orderName, flag: difference.flag }), "warning");
      if (differences.length > 0) throw totalsDifferenceFailure(differences);
      // The keys are shown to the merchant as they are ("1 checked, 0 applied, … 1 payments rechecked, 0 newly paid").
      return { ...statuses, "payments rechecked": payments.checked, "newly paid": payments.changed };
    },
  }));
