/**
 * What the order-details block (extensions/order-erp-status) gets from Ponte's backend for one order: shared by the
 * server (order-status-block.server.ts writes it) and the block (which reads it), so both speak of the same shape.
 * Types only: the block's build imports nothing from here.
 */
export type BlockTone = "success" | "critical" | "warning" | "caution" | "info" | "neutral";

export interface OrderStatusBlock {
  /** Whether Ponte holds the order (an order from before the install, or a test order it never received, is not). */
  known: boolean;
  erp: {
    /** The ERP's name on the ERP page, when the shop has several (as on the Orders page). */
    erpName: string | null;
    state: { label: string; tone: BlockTone };
    /** Queued or retrying: the block reads it again until it lands. */
    moving: boolean;
    saleNumber: string | null;
    saleState: string | null;
    invoiceNumber: string | null;
    /** "ERP 120.00 · Shopify 120.00 EUR", and whether they differ beyond the shop's tolerance. */
    totals: { text: string; differ: boolean } | null;
    /** Why the order waits or failed (not shown once exported). */
    reason: string | null;
    /** What needs the merchant (a booking with a difference, an edit the ERP no longer takes). */
    flag: string | null;
    canSendAgain: boolean;
  } | null;
  pos: { state: { label: string; tone: BlockTone }; salePoints: string[]; reason: string | null } | null;
}
