/**
 * The jobs that belong to a shop: created when the shop is installed (and
 * checked at every worker start), removed at uninstall. Each has its own
 * unique key, so two shops never share one job.
 */
import type { Agenda } from "agenda";
import { JobNames } from "../../../jobs/names";

export const RECONCILE_INTERVAL = "5 minutes";
export const ERP_STATUS_INTERVAL = "10 minutes";
export const CUSTOMER_SYNC_INTERVAL = "1 hour";
/** New orders reach the POS by webhook first; this is the safety net. */
export const POS_DISPATCH_INTERVAL = "5 minutes";

export async function ensureShopJobs(queue: Agenda, shop: string): Promise<void> {
  await queue
    .create(JobNames.reconcileShop, { shop })
    .repeatEvery(RECONCILE_INTERVAL, { skipImmediate: true })
    .unique({ name: JobNames.reconcileShop, "data.shop": shop }, { insertOnly: true })
    .save();
  await queue
    .create(JobNames.syncErpStatuses, { shop })
    .repeatEvery(ERP_STATUS_INTERVAL, { skipImmediate: true })
    .unique({ name: JobNames.syncErpStatuses, "data.shop": shop }, { insertOnly: true })
    .save();
  await queue
    .create(JobNames.dispatchPendingToPos, { shop, includeFailed: false })
    .repeatEvery(POS_DISPATCH_INTERVAL, { skipImmediate: true })
    .unique({ name: JobNames.dispatchPendingToPos, "data.shop": shop, "data.includeFailed": false }, { insertOnly: true })
    .save();
  await queue
    .create(JobNames.syncCustomers, { shop, mode: "changed" })
    .repeatEvery(CUSTOMER_SYNC_INTERVAL, { skipImmediate: true })
    .unique({ name: JobNames.syncCustomers, "data.shop": shop, "data.mode": "changed" }, { insertOnly: true })
    .save();
}

/** "Sync customers now": every linked customer, once. */
export async function enqueueCustomerSync(queue: Agenda, shop: string): Promise<void> {
  await queue.now(JobNames.syncCustomers, { shop, mode: "all" });
}

export async function stopShopJobs(queue: Agenda, shop: string): Promise<number> {
  return queue.cancel({ data: { shop } });
}

/** Queues the processing of one inbox event; queuing it twice runs it once more at most, and processing skips what is done. */
export async function enqueueInboxEvent(queue: Agenda, eventId: string): Promise<void> {
  await queue.create(JobNames.processInboxEvent, { eventId }).unique({ name: JobNames.processInboxEvent, "data.eventId": eventId }).save();
}

/** Queues the export of one order to the ERP: one job per (shop, order), queued again when the order changes. */
export async function enqueueOrderExport(queue: Agenda, shop: string, orderId: string): Promise<void> {
  await queue
    .create(JobNames.exportOrder, { shop, orderId })
    .unique({ name: JobNames.exportOrder, "data.shop": shop, "data.orderId": orderId })
    .save();
}

/** Queues one order's dispatch to the POS: one job per (shop, order), queued again when the order changes. */
export async function enqueuePosDispatch(queue: Agenda, shop: string, orderId: string): Promise<void> {
  await queue
    .create(JobNames.dispatchToPos, { shop, orderId })
    .unique({ name: JobNames.dispatchToPos, "data.shop": shop, "data.orderId": orderId })
    .save();
}

/** "Send orders to POS": every order the POS still owes, failed ones included. */
export async function enqueueForcedPosDispatch(queue: Agenda, shop: string): Promise<void> {
  await queue.now(JobNames.dispatchPendingToPos, { shop, includeFailed: true });
}

/** A schedule's own Agenda job: set for its next run while enabled, removed when disabled or deleted. */
export async function syncScheduleJob(queue: Agenda, shop: string, schedule: { id: string; enabled: boolean; nextRun: string | null } | { id: string; deleted: true }): Promise<void> {
  if ("deleted" in schedule || !schedule.enabled || !schedule.nextRun) {
    await queue.cancel({ name: JobNames.runSchedule, data: { shop, scheduleId: schedule.id } });
    return;
  }
  await queue
    .create(JobNames.runSchedule, { shop, scheduleId: schedule.id })
    .unique({ name: JobNames.runSchedule, "data.scheduleId": schedule.id })
    .schedule(new Date(schedule.nextRun))
    .save();
}


/** "Run now" on a schedule: its actions at once, without moving its next run. */
export async function enqueueScheduleNow(queue: Agenda, shop: string, scheduleId: string): Promise<void> {
  await queue.now(JobNames.runScheduleNow, { shop, scheduleId });
}
