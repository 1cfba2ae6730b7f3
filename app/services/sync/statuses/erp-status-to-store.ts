/**
 * What an ERP sale's state asks of the Shopify order, pure: cancel, fulfil
 * with tracking, the delivered event, the invoiced tag, the invoice and sale
 * written on it. Each effect happens once (the progress flags say what is
 * done); an order never moves back once invoiced: a later, lower state (or a cancellation) read from the
 * ERP is kept out and, for a cancellation, flagged for the merchant.
 */
import type { ErpInvoice, ErpSalesOrder, ErpSalesOrderState } from "../../erp/erp.types";

export const INVOICED_TAG = "erp-invoiced";

export interface StoreProgress {
  erpState: string | null;
  storeCancelled: boolean;
  storeInvoiced: boolean;
  storeShipped: boolean;
  /** The delivered event is on the Shopify fulfillment. */
  storeDelivered?: boolean;
  /** The ERP invoice number already written on the Shopify order's metafields. */
  storeInvoiceNumber?: string | null;
  /** The ERP state already written on the Shopify order's metafields (erp_number, erp_state). */
  storeErpState?: string | null;
}

export type StoreAction =
  | { kind: "cancel" }
  | { kind: "tag-invoiced" }
  | { kind: "fulfil"; carrier: string | null; trackingNumber: string | null }
  | { kind: "deliver"; deliveredAt: string }
  | { kind: "note-invoice"; invoice: ErpInvoice }
  | { kind: "note-sale"; number: string; state: ErpSalesOrderState };

export interface StatusDecision {
  /** The state to record: the ERP's, unless that would move an invoiced order back. */
  erpState: ErpSalesOrderState;
  actions: StoreAction[];
  flag: string | null;
}

const RANK: Record<Exclude<ErpSalesOrderState, "cancelled">, number> = { draft: 0, confirmed: 1, processing: 2, shipped: 3, invoiced: 4, done: 5 };

const isInvoiced = (state: string | null) => state === "invoiced" || state === "done";

/**
 * The actions, then the sale's number and state written on the order (for the merchant, Flow, order printers and
 * notifications) whenever the state Ponte records differs from the one last written.
 */
export function decideStoreActions(sale: ErpSalesOrder, progress: StoreProgress, shopifyCancelled: boolean): StatusDecision {
  const decision = decideEffects(sale, progress, shopifyCancelled);
  if (decision.erpState === progress.storeErpState) return decision;
  return { ...decision, actions: [...decision.actions, { kind: "note-sale", number: sale.number, state: decision.erpState }] };
}

function decideEffects(sale: ErpSalesOrder, progress: StoreProgress, shopifyCancelled: boolean): StatusDecision {
  const wasInvoiced = progress.storeInvoiced || isInvoiced(progress.erpState);
  if (wasInvoiced) {
    const held = (isInvoiced(progress.erpState) ? progress.erpState : "invoiced") as ErpSalesOrderState;
    if (sale.state === "cancelled") {
      return {
        erpState: held,
        actions: invoicedActions(sale, progress),
        flag: `The ERP cancelled sale ${sale.number} after it was invoiced; the Shopify order stays invoiced. Credit it in the ERP if that was meant.`,
      };
    }
    if (RANK[sale.state] < RANK[held as keyof typeof RANK]) return { erpState: held, actions: invoicedActions(sale, progress), flag: null };
  }

  if (sale.state === "cancelled") {
    return { erpState: "cancelled", actions: progress.storeCancelled || shopifyCancelled ? [] : [{ kind: "cancel" }], flag: null };
  }
  const actions = shipmentActions(sale, progress);
  if (isInvoiced(sale.state) && !progress.storeInvoiced) actions.push({ kind: "tag-invoiced" });
  actions.push(...invoiceNote(sale, progress));
  return { erpState: sale.state, actions, flag: null };
}

/** The invoice's number and date on the order, once per invoice number (a corrected number is written again). */
function invoiceNote(sale: ErpSalesOrder, progress: StoreProgress): StoreAction[] {
  return sale.invoice && sale.invoice.number !== progress.storeInvoiceNumber ? [{ kind: "note-invoice", invoice: sale.invoice }] : [];
}

/** Fulfil with the tracking once shipped, then, once the ERP knows it was delivered, the delivered event: each once. */
function shipmentActions(sale: ErpSalesOrder, progress: StoreProgress): StoreAction[] {
  const actions: StoreAction[] = [];
  if (!sale.shipment) return actions;
  if (!progress.storeShipped) actions.push({ kind: "fulfil", carrier: sale.shipment.carrier, trackingNumber: sale.shipment.trackingNumber });
  if (sale.shipment.deliveredAt && !progress.storeDelivered) actions.push({ kind: "deliver", deliveredAt: sale.shipment.deliveredAt });
  return actions;
}

function invoicedActions(sale: ErpSalesOrder, progress: StoreProgress): StoreAction[] {
  const actions = shipmentActions(sale, progress);
  if (!progress.storeInvoiced) actions.push({ kind: "tag-invoiced" });
  actions.push(...invoiceNote(sale, progress));
  return actions;
}
