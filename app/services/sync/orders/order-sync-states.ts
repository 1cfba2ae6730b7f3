/**
 * The words of the Orders page, shared by the server and the browser: the
 * sync states an order can show, the list query (parsed from the URL) and
 * the list's shape.
 */
import type { LegalIdentity } from "../../tax-ids/tax-identifier";
import { z } from "zod";

export const ORDER_SYNC_STATES = ["queued", "waiting", "retrying", "failed", "exported", "skipped", "flagged"] as const;
export type OrderSyncState = (typeof ORDER_SYNC_STATES)[number];

export const orderListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().default(""),
  state: z
    .enum(["all", ...ORDER_SYNC_STATES])
    .optional()
    .default("all"),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

export interface OrderSyncRow {
  orderId: string;
  name: string;
  email: string | null;
  createdAt: string;
  financialStatus: string | null;
  state: Exclude<OrderSyncState, "flagged">;
  erpNumber: string | null;
  /** The ERP the order went to (or is going to), named when the shop has several. */
  erpName: string | null;
  reason: string | null;
  flag: string | null;
  attempts: number;
  updatedAt: string;
  /** Where the order stands with the POS, when the shop has one and the order reached it. */
  pos: OrderPosState | null;
  /** The buyer's tax ids, PEC and SDI code as read for the ERP, with what is wrong with any; null when none were read. */
  legal: (LegalIdentity & { sendsInvalid: boolean }) | null;
  /** The ERP's invoice for the sale, once it has one. */
  invoice: { number: string; date: string | null } | null;
  /** The ERP sale's state when the status sync last read it: draft | confirmed | processing | shipped | invoiced | done | cancelled. */
  erpState: string | null;
  /** The totals check of the last booking: the ERP's total against Shopify's, in the shop's currency. */
  totals: { erp: string; shopify: string; currency: string; differ: boolean } | null;
  /** The order's refunds in Shopify and what became of each in the ERP, oldest first. */
  refunds: OrderRefundState[];
}

/** An amount as decimal text with its currency. */
export interface Money {
  amount: string;
  currency: string;
}

/** A refund on the Orders page: when Shopify made it, its money, and its credit note. */
export interface OrderRefundState {
  refundId: string;
  refundedAt: string;
  /** waiting | in-sale | not-exported | cancelled | recorded | nothing | booked | retrying | failed */
  status: string;
  /** What the credit note comes to (in the shop's currency), and what Shopify's transactions refunded (in the buyer's). */
  total: Money | null;
  refunded: Money | null;
  creditNoteNumber: string | null;
  totalsDiffer: boolean;
  reason: string | null;
  /** Set for a return that brought goods back without a refund, or exchanged them: its name in Shopify. */
  returnName?: string;
  /** A return's exchange: the number of the ERP sale of its new items, once booked. */
  exchangeSaleNumber?: string | null;
}

/** An order at the POS: its state, why it is held back (the lines no sale point can serve), and its POS order per sale point. */
export interface OrderPosState {
  /** planned | dispatched | waiting | retrying | unservable | cancel-flagged | skipped | failed */
  status: string;
  reason: string | null;
  shares: Array<{ salePointId: string; salePointName: string; lines: number; units: number; posOrderId: string | null; sent: boolean }>;
}

export interface OrderList {
  rows: OrderSyncRow[];
  /** Refunds whose credit note failed, across the shop (retried with the failed orders). */
  failedRefunds: number;
  counts: Record<OrderSyncState | "all", number>;
  page: number;
  hasNext: boolean;
}

export const ORDERS_PER_PAGE = 25;

/** Why an unpaid order waits, when only paid orders go to the ERP. */
export const WAITING_FOR_PAYMENT = "waiting for payment";

/** Whether the merchant can send an order again: it failed, is retrying, or waits for anything but its payment; or one of its refunds failed. */
export function canRetryOrder(row: Pick<OrderSyncRow, "state" | "reason" | "refunds">): boolean {
  return (
    row.state === "failed" ||
    row.state === "retrying" ||
    (row.state === "waiting" && row.reason !== WAITING_FOR_PAYMENT) ||
    row.refunds.some((refund) => refund.status === "failed")
  );
}
