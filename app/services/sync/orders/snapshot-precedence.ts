/**
 * Which of two versions of an order is the newer, when Shopify gives both the
 * same `updated_at` (orders/create, pending, and orders/paid often share it
 * to the second). Written precedence, pure:
 *   1. a later updated_at wins;
 *   2. at the same updated_at, the version further along wins: cancelled over
 *      not cancelled, then by payment (pending < authorized < partially paid <
 *      paid < partially refunded < refunded/voided);
 *   3. at the same updated_at and the same progress, a version with other
 *      content (lines, address) from the same source (two webhooks) wins over
 *      the one held: the later delivery. A webhook and an Admin API read of
 *      the same version are not compared (they spell some fields apart);
 *   4. the same content again is a repeat, and changes nothing.
 */
import { createHash } from "node:crypto";
import type { ShopifyOrder } from "../../shopify/shopify-order";

const PAYMENT_PROGRESS: Record<string, number> = {
  PENDING: 1,
  AUTHORIZED: 2,
  EXPIRED: 2,
  PARTIALLY_PAID: 3,
  PAID: 4,
  PARTIALLY_REFUNDED: 5,
  REFUNDED: 6,
  VOIDED: 6,
};

/** How far along an order is: cancellation first, then payment. */
export function orderProgress(order: Pick<ShopifyOrder, "cancelledAt" | "financialStatus">): number {
  return (order.cancelledAt ? 10 : 0) + (PAYMENT_PROGRESS[(order.financialStatus ?? "").toUpperCase()] ?? 0);
}

/** A digest of everything Ponte keeps of the order. */
export function orderContentDigest(order: ShopifyOrder): string {
  return createHash("sha256").update(JSON.stringify(order)).digest("hex").slice(0, 32);
}
