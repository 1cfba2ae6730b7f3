// GIVEN an ERP sale's state and what Ponte has already done to the Shopify order
// WHEN the store actions are decided
// THEN each effect happens once, a cancellation is not repeated, and an invoiced order never moves back
import { describe, expect, it } from "vitest";
import type { ErpSalesOrder } from "../../app/services/erp/erp.types";
import { decideStoreActions, type StoreProgress } from "../../app/services/sync/statuses/erp-status-to-store";
import { erpRecordId } from "../../app/services/ids";

const sale = (change: Partial<ErpSalesOrder>): ErpSalesOrder => ({
  id: erpRecordId("sale", "7"),
  number: "SO7",
  reference: "#1001",
  customerId: erpRecordId("customer", "3"),
  currency: "EUR",
  state: "confirmed",
  total: "10.00",
  tax: "0.00",
  lines: [],
  shipment: null,
  invoice: null,
  ...change,
});
const fresh: StoreProgress = { erpState: "draft", storeCancelled: false, storeInvoiced: false, storeShipped: false };

/** The decision's effects on the order, the sale's number and state noted on it aside (see their own test). */
const decide = (...args: Parameters<typeof decideStoreActions>) => {
  const decision = decideStoreActions(...args);
  return { ...decision, actions: decision.actions.filter((action) => action.kind !== "note-sale") };
};

describe("what an ERP sale's state does to the Shopify order", () => {
  it("does nothing while the sale is open", () => {
    expect(decide(sale({ state: "confirmed" }), fresh, false)).toEqual({ erpState: "confirmed", actions: [], flag: null });
  });

  it("cancels once, and not at all when Shopify cancelled first", () => {
    expect(decide(sale({ state: "cancelled" }), fresh, false).actions).toEqual([{ kind: "cancel" }]);
    expect(decide(sale({ state: "cancelled" }), { ...fresh, storeCancelled: true }, false).actions).toEqual([]);
    expect(decide(sale({ state: "cancelled" }), fresh, true).actions).toEqual([]);
  });

  it("fulfils with the tracking once shipped, and tags once invoiced", () => {
    const shipped = sale({ state: "shipped", shipment: { carrier: "BRT", trackingNumber: "BRT-1", deliveredAt: null } });
    expect(decide(shipped, fresh, false).actions).toEqual([{ kind: "fulfil", carrier: "BRT", trackingNumber: "BRT-1" }]);
    expect(decide(shipped, { ...fresh, storeShipped: true }, false).actions).toEqual([]);
    const invoiced = sale({ state: "invoiced", shipment: { carrier: "BRT", trackingNumber: "BRT-1", deliveredAt: null } });
    expect(decide(invoiced, { ...fresh, erpState: "shipped", storeShipped: true }, false).actions).toEqual([{ kind: "tag-invoiced" }]);
  });

  it("adds the delivered event once the ERP knows the delivery, after the fulfilment, once; and on an invoiced order too", () => {
    const delivered = sale({ state: "shipped", shipment: { carrier: "BRT", trackingNumber: "BRT-1", deliveredAt: "2026-12-02T10:15:00+01:00" } });
    // Shipped and delivered between two runs: fulfilled first, then delivered.
    expect(decide(delivered, fresh, false).actions).toEqual([
      { kind: "fulfil", carrier: "BRT", trackingNumber: "BRT-1" },
      { kind: "deliver", deliveredAt: "2026-12-02T10:15:00+01:00" },
    ]);
    expect(decide(delivered, { ...fresh, storeShipped: true }, false).actions).toEqual([
      { kind: "deliver", deliveredAt: "2026-12-02T10:15:00+01:00" },
    ]);
    expect(decide(delivered, { ...fresh, storeShipped: true, storeDelivered: true }, false).actions).toEqual([]);
    const invoicedProgress: StoreProgress = { erpState: "invoiced", storeCancelled: false, storeInvoiced: true, storeShipped: true };
    const late = sale({ state: "invoiced", shipment: { carrier: "BRT", trackingNumber: "BRT-1", deliveredAt: "2026-12-03" } });
    expect(decide(late, invoicedProgress, false).actions).toEqual([{ kind: "deliver", deliveredAt: "2026-12-03" }]);
    // A lower state read after invoicing still carries the delivery.
    const lower = sale({ state: "shipped", shipment: { carrier: "BRT", trackingNumber: "BRT-1", deliveredAt: "2026-12-03" } });
    expect(decide(lower, invoicedProgress, false)).toMatchObject({ erpState: "invoiced", actions: [{ kind: "deliver", deliveredAt: "2026-12-03" }] });
  });

  it("writes the ERP invoice's number on the order once, and again only when the ERP renumbers it", () => {
    const invoice = { number: "FT/2026/0042", date: "2026-12-02", documentId: null, documentUrl: null };
    const invoiced = sale({ state: "invoiced", invoice });
    expect(decide(invoiced, fresh, false).actions).toEqual([{ kind: "tag-invoiced" }, { kind: "note-invoice", invoice }]);
    const written: StoreProgress = { ...fresh, erpState: "invoiced", storeInvoiced: true, storeInvoiceNumber: "FT/2026/0042" };
    expect(decide(invoiced, written, false).actions).toEqual([]);
    const renumbered = sale({ state: "invoiced", invoice: { ...invoice, number: "FT/2026/0043" } });
    expect(decide(renumbered, written, false).actions).toEqual([{ kind: "note-invoice", invoice: { ...invoice, number: "FT/2026/0043" } }]);
    expect(decide(sale({ state: "invoiced" }), fresh, false).actions).toEqual([{ kind: "tag-invoiced" }]);
  });

  it("never moves an invoiced order back: a lower state is held off, a cancellation is flagged and not carried out", () => {
    const invoicedProgress: StoreProgress = { erpState: "invoiced", storeCancelled: false, storeInvoiced: true, storeShipped: true };
    expect(decide(sale({ state: "confirmed" }), invoicedProgress, false)).toEqual({ erpState: "invoiced", actions: [], flag: null });
    const cancelled = decide(sale({ state: "cancelled" }), invoicedProgress, false);
    expect(cancelled.erpState).toBe("invoiced");
    expect(cancelled.actions).toEqual([]);
    expect(cancelled.flag).toMatch(/after it was invoiced/);
    expect(decide(sale({ state: "done" }), invoicedProgress, false)).toMatchObject({ erpState: "done", actions: [] });
  });

  it("writes the sale's number and state on the order whenever the state recorded changes, and not again while it stays", () => {
    expect(decideStoreActions(sale({ state: "confirmed" }), fresh, false).actions).toEqual([
      { kind: "note-sale", number: "SO7", state: "confirmed" },
    ]);
    expect(decideStoreActions(sale({ state: "confirmed" }), { ...fresh, storeErpState: "confirmed" }, false).actions).toEqual([]);
    const shipped = decideStoreActions(sale({ state: "shipped" }), { ...fresh, storeErpState: "confirmed" }, false).actions;
    expect(shipped).toContainEqual({ kind: "note-sale", number: "SO7", state: "shipped" });
    // An invoiced order held against a lower state read from the ERP keeps "invoiced" on it.
    const held = { ...fresh, erpState: "invoiced", storeInvoiced: true, storeErpState: "invoiced" };
    expect(decideStoreActions(sale({ state: "confirmed" }), held, false).actions).toEqual([]);
  });
});
