/**
 * ERP -> store: reads each exported order's sale in the ERP that has it and shows on the
 * Shopify order what happened there (cancelled, shipped with tracking,
 * delivered, invoiced), each once. Orders whose every effect is done
 * (cancelled, or shipped, delivered and invoiced) are no longer read; nor is
 * a shipped order's delivery, DELIVERY_WATCH_DAYS after it was shipped (an
 * ERP with no carrier data never says it). A refusal by Shopify, or a sale
 * gone from the ERP, flags the order for the merchant and the walk goes on;
 * an ERP or Shopify outage stops the walk (the job retries later).
 */
import type { OrderExport, PrismaClient } from "@prisma/client";
import type { ErpConnector } from "../../erp/erp-connector";
import { happenedAt, ownerGone, type StoreOrderActions } from "../../shopify/order-status.adapter.server";
import { decideStoreActions, INVOICED_TAG, type StoreAction } from "./erp-status-to-store";
import { type ErpConnectionId, erpRecordId, type ShopDomain } from "../../ids";

export interface StatusSyncDependencies {
  db: PrismaClient;
  erp: ErpConnector;
  /** Which of the shop's ERPs `erp` is: only the orders exported to it are read from it. */
  erpId: ErpConnectionId;
  store: StoreOrderActions;
}

export interface StatusSyncOutcome {
  checked: number;
  applied: number;
  flagged: number;
}

/** An order whose ERP status could not be carried to Shopify, for the run's log. */
export interface StatusSyncFlag {
  orderName: string | null;
  flag: string;
}

/** How long after Ponte fulfilled an order its sale is still read for the delivery. */
export const DELIVERY_WATCH_DAYS = 30;

export async function syncErpStatuses(
  { db, erp, erpId, store }: StatusSyncDependencies,
  shop: ShopDomain,
  limit = 200,
  onFlag: (flagged: StatusSyncFlag) => Promise<void> = async () => {},
): Promise<StatusSyncOutcome> {
  const open = await db.orderExport.findMany({
    where: {
      shop,
      erpConnectionId: erpId,
      status: "exported",
      erpOrderId: { not: null },
      storeCancelled: false,
      OR: [
        { storeInvoiced: false },
        { storeShipped: false },
        { storeDelivered: false, storeShippedAt: { gt: new Date(Date.now() - DELIVERY_WATCH_DAYS * 86_400_000) } },
      ],
    },
    orderBy: { updatedAt: "asc" },
    take: limit,
  });
  const outcome: StatusSyncOutcome = { checked: 0, applied: 0, flagged: 0 };
  for (const record of open) {
    outcome.checked++;
    const result = await syncOne(db, erp, store, record);
    outcome.applied += result.applied;
    if (result.flag && result.flag !== record.flag) await onFlag({ orderName: record.orderName, flag: result.flag });
    if (result.flag) outcome.flagged++;
  }
  return outcome;
}

async function syncOne(
  db: PrismaClient,
  erp: ErpConnector,
  store: StoreOrderActions,
  record: OrderExport,
): Promise<{ applied: number; flag: string | null }> {
  const where = { shop_orderId: { shop: record.shop, orderId: record.orderId } };
  const sale = await erp.getSalesOrder(erpRecordId("sale", record.erpOrderId!));
  if (!sale) {
    const flag = `The ERP no longer has sale ${record.erpNumber ?? record.erpOrderId}; the order's ERP status cannot be followed.`;
    await db.orderExport.update({ where, data: { flag } });
    return { applied: 0, flag };
  }
  const snapshot = await db.orderSnapshot.findUnique({
    where: { shop_orderId: { shop: record.shop, orderId: record.orderId } },
    select: { cancelledAt: true },
  });
  const decision = decideStoreActions(sale, record, snapshot?.cancelledAt != null);

  type Done = "storeCancelled" | "storeInvoiced" | "storeShipped" | "storeShippedAt" | "storeDelivered" | "storeInvoiceNumber" | "storeErpState";
  type Invoice = "erpInvoiceNumber" | "erpInvoiceDate" | "erpInvoiceDocument" | "erpInvoiceUrl";
  const done: Partial<Pick<OrderExport, Done | Invoice>> = sale.invoice
    ? {
        erpInvoiceNumber: sale.invoice.number,
        erpInvoiceDate: sale.invoice.date,
        erpInvoiceDocument: sale.invoice.documentId,
        erpInvoiceUrl: sale.invoice.documentUrl,
      }
    : {};
  if (sale.state === "cancelled" && snapshot?.cancelledAt) done.storeCancelled = true;
  const erpDeliveredAt = sale.shipment?.deliveredAt ? new Date(happenedAt(sale.shipment.deliveredAt)) : null;
  let flag = decision.flag;
  let applied = 0;
  for (const action of decision.actions) {
    const result = await apply(store, record, sale.number, action);
    // The order deleted in Shopify since: its metafields have nowhere to go, and nothing is for the merchant to do.
    if (!result.ok && (action.kind === "note-sale" || action.kind === "note-invoice") && ownerGone(result.message)) {
      console.warn(JSON.stringify({ event: "order-metafields-refused", shop: record.shop, order: record.orderId, message: result.message }));
      if (action.kind === "note-sale") done.storeErpState = action.state;
      if (action.kind === "note-invoice") done.storeInvoiceNumber = action.invoice.number;
      continue;
    }
    if (!result.ok) {
      flag = `Shopify refused to ${describe(action)} after the ERP's sale ${sale.number}: ${result.message}`;
      break;
    }
    applied++;
    if (action.kind === "cancel") done.storeCancelled = true;
    if (action.kind === "fulfil") Object.assign(done, { storeShipped: true, storeShippedAt: new Date() });
    if (action.kind === "deliver") done.storeDelivered = true;
    if (action.kind === "tag-invoiced") done.storeInvoiced = true;
    if (action.kind === "note-invoice") done.storeInvoiceNumber = action.invoice.number;
    if (action.kind === "note-sale") done.storeErpState = action.state;
  }
  await db.orderExport.update({ where, data: { erpState: decision.erpState, erpDeliveredAt, ...done, ...(flag ? { flag } : {}) } });
  return { applied, flag };
}

function apply(store: StoreOrderActions, record: OrderExport, saleNumber: string, action: StoreAction) {
  if (action.kind === "cancel") return store.cancel(record.orderId, `Cancelled in the ERP (sale ${saleNumber}).`);
  if (action.kind === "tag-invoiced") return store.addTags(record.orderId, [INVOICED_TAG]);
  if (action.kind === "note-invoice") return store.noteInvoice(record.orderId, action.invoice);
  if (action.kind === "note-sale") return store.noteSale(record.orderId, { number: action.number, state: action.state });
  if (action.kind === "deliver") return store.deliver(record.orderId, action.deliveredAt);
  return store.fulfil(record.orderId, { company: action.carrier, number: action.trackingNumber });
}

function describe(action: StoreAction): string {
  if (action.kind === "note-invoice") return "write the invoice on the order";
  if (action.kind === "note-sale") return "record the ERP sale on the order";
  if (action.kind === "deliver") return "mark the order's shipment delivered";
  return action.kind === "cancel" ? "cancel the order" : action.kind === "fulfil" ? "fulfil the order" : "tag the order invoiced";
}
