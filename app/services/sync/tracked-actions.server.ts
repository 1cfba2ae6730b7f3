/**
 * The actions a job or a schedule runs for a shop, each as one recorded run
 * (see runs/job-runs): import orders, sync customers, sync statuses. A run of
 * a kind already going for the shop is skipped, not doubled; an action whose
 * system is not connected does nothing and says so in no run at all.
 */
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { SecretBox } from "../crypto/secret-box.server";
import { erpConnectorForShop } from "../erp/erp-connections.server";
import { RunAlreadyRunning, runTracked, type RunTrigger } from "../runs/job-runs.server";
import type { ScheduleAction } from "../schedules/schedule-form";
import { ShopifyOrderActions } from "../shopify/order-status.adapter.server";
import { adminClientForShop } from "../shopify/shop-admin-client.server";
import { syncCustomers, type CustomerSyncMode } from "./customers/sync-customers.server";
import { ordersAwaitingExport } from "./orders/orders-awaiting-export.server";
import { recheckPendingPayments } from "./orders/recheck-pending-payments.server";
import { reconcileOrders } from "./reconcile/reconcile-orders.server";
import { syncErpStatuses } from "./statuses/sync-erp-statuses.server";

export interface ActionDependencies {
  db: PrismaClient;
  box: SecretBox | null;
  sessions: SessionStorage;
  /** Queues an order's export to the ERP. */
  enqueueExport: (shop: string, orderId: string) => Promise<void>;
}

export async function runScheduledAction(deps: ActionDependencies, shop: string, action: ScheduleAction, trigger: RunTrigger): Promise<void> {
  if (action === "import-orders") return importOrders(deps, shop, trigger);
  if (action === "sync-customers") return customersToErp(deps, shop, "changed", trigger);
  return erpStatusesToStore(deps, shop, trigger);
}

export async function importOrders(deps: ActionDependencies, shop: string, trigger: RunTrigger): Promise<void> {
  await skipWhileRunning(() =>
    runTracked(deps.db, { shop, kind: "import-orders", trigger }, async (run) => {
      const outcome = await reconcileOrders(deps.db, await adminClientForShop(deps.sessions, shop), shop);
      const queued = await ordersAwaitingExport(deps.db, shop);
      for (const orderId of queued) await deps.enqueueExport(shop, orderId);
      await run.log(`${outcome.read} order${outcome.read === 1 ? "" : "s"} read from Shopify, ${queued.length} queued for the ERP.`);
      return { read: outcome.read, updated: outcome.applied, queuedForErp: queued.length };
    }),
  );
}

export async function customersToErp(deps: ActionDependencies, shop: string, mode: CustomerSyncMode, trigger: RunTrigger): Promise<void> {
  const erp = deps.box ? await erpConnectorForShop(deps.db, deps.box, shop) : null;
  if (!erp) return;
  const client = await adminClientForShop(deps.sessions, shop);
  await skipWhileRunning(() =>
    runTracked(deps.db, { shop, kind: "customers-sync", trigger }, async (run) => {
      await run.log(mode === "all" ? "Updating every linked customer." : "Updating customers changed since the last run.");
      const outcome = await syncCustomers({ db: deps.db, erp, client }, shop, mode);
      return { read: outcome.read, updated: outcome.updated, "not in the ERP": outcome.notLinked };
    }),
  );
}

export async function erpStatusesToStore(deps: ActionDependencies, shop: string, trigger: RunTrigger): Promise<void> {
  const erp = deps.box ? await erpConnectorForShop(deps.db, deps.box, shop) : null;
  if (!erp) return;
  const client = await adminClientForShop(deps.sessions, shop);
  await skipWhileRunning(() =>
    runTracked(deps.db, { shop, kind: "erp-statuses", trigger }, async () => {
      const statuses = await syncErpStatuses({ db: deps.db, erp, store: new ShopifyOrderActions(client) }, shop);
      const payments = await recheckPendingPayments(deps.db, client, shop, deps.enqueueExport);
      return { ...statuses, paymentsChecked: payments.checked, newlyPaid: payments.changed };
    }),
  );
}

/** A repeat of a run already going for the shop ends quietly: the running one covers it. */
async function skipWhileRunning(start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (!(error instanceof RunAlreadyRunning)) throw error;
  }
}
