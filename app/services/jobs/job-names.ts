/** Every Agenda job name Ponte defines, in one place. */
export const JobNames = {
  /** Proves that a worker picks work up; queued from the dashboard. */
  workerProbe: "system.worker-probe",
  /** Per shop, every 5 minutes: pulls what changed in Shopify since the watermark. */
  reconcileShop: "shopify.reconcile-shop",
  /** Per (shop, order): sends the order's newest state to the shop's ERP. */
  exportOrder: "erp.export-order",
  /** Per shop while its ERP is unavailable: asks it every half minute and queues the waiting orders once it answers. */
  awaitErpComeback: "erp.await-comeback",
  /** Per shop while its POS is unavailable: the same watch for the POS. */
  awaitPosComeback: "pos.await-comeback",
  /** Per shop, every 10 minutes: shows the ERP's cancelled, shipped and invoiced sales on the Shopify orders. */
  syncErpStatuses: "erp.sync-statuses",
  /** Per shop, hourly ("changed") or by hand ("all"): updates the ERP's linked customers from Shopify. */
  syncCustomers: "erp.sync-customers",
  /** Per (shop, order): sends the order's shares to the sale points that serve it. */
  dispatchToPos: "pos.dispatch-order",
  /** Per shop, every 5 minutes, and by hand ("Send orders to POS"): queues every order the POS still owes. */
  dispatchPendingToPos: "pos.dispatch-pending",
  /** Per shop, every 5 minutes: pushes the POS stock that changed to the Shopify locations. */
  pushStock: "catalog.push-stock",
  /** Per shop, twice a day once the first product sync has completed: rewrites the Shopify products whose content changed. */
  refreshProducts: "catalog.refresh-products",
  /** One per merchant schedule: runs its actions at the schedule's times. */
  runSchedule: "schedule.run",
  /** The play button on a built-in job: one run of its kind at once. */
  runNow: "runs.run-now",
  /** Every 30 seconds, for every shop: writes the app-owned metafields of the orders that exported or went to the POS. */
  writeOrderMetafields: "shopify.write-order-metafields",
  /** Daily: prunes old runs from the history. */
  pruneRuns: "runs.prune",
  /** "Run now" on a schedule: its actions at once, by hand, its next run left where it is. */
  runScheduleNow: "schedule.run-now",
} as const;

/**
 * Jobs earlier versions defined and this one no longer runs, removed from the job store at every worker start:
 * the webhook inbox is drained by the workers themselves (jobs/inbox-drainer.server.ts), not one job per event.
 */
export const RETIRED_JOB_NAMES = ["shopify.inbox.process-event", "shopify.inbox.sweep"] as const;

export type JobName = (typeof JobNames)[keyof typeof JobNames];
