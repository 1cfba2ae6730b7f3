/**
 * refundCreate (RefundInput of the 2026-07 schema): refunds lines (each with its restock type and location), shipping
 * (all of it, or an amount) and records the transactions given. A line's refund is worth its share of what was
 * charged for it (after its discount) and of its taxes; shipping its share of the shipping's price and tax. As
 * Shopify does, the refund moves no money by itself: only the transactions given are the money refunded. Answers
 * userErrors for what Shopify refuses (an unknown order or line, more than is left to refund, a location missing on a
 * restock, a cancelled order's lines); then sends refunds/create and orders/updated.
 */
import { cents, taxLinePrices } from "../store/order-money";
import { numericIdOf } from "../store/ids";
import type { OrderRecord, OrderRefundRecord } from "../store/order-store";
import type { EmulatedShop } from "../state";
import { orderPayload, refundPayload } from "../webhook-payloads";
import { orderView, refundView } from "../graphql-views";
import type { Emit } from "./order-mutations";

interface RefundInput {
  orderId: string;
  note?: string | null;
  notify?: boolean | null;
  currency?: string | null;
  refundLineItems?: Array<{ lineItemId: string; quantity: number; restockType?: string | null; locationId?: string | null }> | null;
  /** ShippingRefundInput: all of the shipping, or an amount of it. */
  shipping?: { fullRefund?: boolean | null; amount?: string | null } | null;
  transactions?: Array<{ amount: string; gateway: string; kind: string; orderId: string; parentId?: string | null }> | null;
}

const centsText = (n: number) => cents(n).toFixed(2);

/** `returnId`: the return the refund is made for (returnProcess), kept on the refund. */
export function refundCreate(shop: EmulatedShop, input: RefundInput, emit: Emit, returnId: number | null = null) {
  const refuse = (field: string[], message: string) => ({ refund: null, order: null, userErrors: [{ field, message }] });
  const id = numericIdOf(input.orderId, "Order");
  const order = id !== null ? shop.orders.orders.get(id) : undefined;
  if (!order) return refuse(["orderId"], "Order does not exist");
  if (input.currency && input.currency !== order.currencyCode) return refuse(["currency"], `Currency must be ${order.currencyCode}`);

  const lines: OrderRefundRecord["lines"] = [];
  for (const [n, item] of (input.refundLineItems ?? []).entries()) {
    const lineId = numericIdOf(item.lineItemId, "LineItem");
    const line = order.lineItems.find((l) => l.id === lineId);
    if (!line) return refuse(["refundLineItems", String(n), "lineItemId"], "Line item does not exist");
    const left = shop.orders.currentQuantity(order, line.id) - lines.filter((l) => l.lineItemId === line.id).reduce((s, l) => s + l.quantity, 0);
    if (item.quantity <= 0 || item.quantity > left)
      return refuse(["refundLineItems", String(n), "quantity"], `Quantity cannot refund more items than were purchased (${left} left)`);
    const restockType = (item.restockType ?? "NO_RESTOCK") as "RETURN" | "CANCEL" | "NO_RESTOCK";
    if (!["RETURN", "CANCEL", "NO_RESTOCK"].includes(restockType))
      return refuse(["refundLineItems", String(n), "restockType"], "Invalid restock type");
    const locationId = item.locationId ? numericIdOf(item.locationId, "Location") : restockType === "NO_RESTOCK" ? null : order.locationId;
    if (restockType !== "NO_RESTOCK" && !shop.locations.some((l) => l.id === locationId))
      return refuse(["refundLineItems", String(n), "locationId"], "Location does not exist");
    const charged = Number(line.price) * line.quantity - Number(line.discount);
    const share = item.quantity / line.quantity;
    const taxes = taxLinePrices(charged, line.taxLines, order.taxesIncluded).map((tax) => centsText(tax * share));
    lines.push({
      id: shop.orders.takeId(),
      lineItemId: line.id,
      quantity: item.quantity,
      restockType,
      locationId: restockType === "NO_RESTOCK" ? null : locationId,
      subtotal: centsText(charged * share),
      tax: centsText(taxes.reduce((s, t) => s + Number(t), 0)),
      taxes,
    });
  }

  const shipping: OrderRefundRecord["shipping"] = [];
  const wanted = input.shipping;
  if (wanted?.fullRefund || wanted?.amount) {
    let asked = wanted.fullRefund ? Infinity : Number(wanted.amount);
    for (const [index, line] of order.shippingLines.entries()) {
      const charged = Number(line.price) - Number(line.discount);
      const refunded = (order.refunds ?? []).flatMap((r) => r.shipping).filter((s) => s.shippingIndex === index);
      const gross = charged - refunded.reduce((s, r) => s + Number(r.amount), 0);
      const amount = Math.min(gross, asked);
      if (amount <= 0) continue;
      asked -= amount;
      const taxes = taxLinePrices(charged, line.taxLines, order.taxesIncluded).map((tax) => centsText((tax * amount) / (charged || 1)));
      shipping.push({
        id: shop.orders.takeId(),
        shippingIndex: index,
        amount: centsText(amount),
        tax: centsText(taxes.reduce((s, t) => s + Number(t), 0)),
        taxes,
      });
    }
    if (!wanted.fullRefund && asked > 0.004) return refuse(["shipping"], "Shipping refund amount is greater than the refundable shipping");
  }
  if (lines.length === 0 && shipping.length === 0 && (input.transactions ?? []).length === 0)
    return refuse(["refundLineItems"], "Refund must include line items, shipping or transactions");
  if (order.cancelledAt && lines.length > 0) return refuse(["orderId"], "Cannot refund the line items of a cancelled order");

  const transactions: OrderRefundRecord["transactions"] = [];
  for (const [n, transaction] of (input.transactions ?? []).entries()) {
    if (transaction.kind !== "REFUND") return refuse(["transactions", String(n), "kind"], "Transaction kind must be REFUND");
    transactions.push({ id: shop.orders.takeId(), amount: centsText(Number(transaction.amount)), gateway: transaction.gateway, status: "SUCCESS" });
  }
  const fully = order.lineItems.every(
    (line) => shop.orders.currentQuantity(order, line.id) === lines.filter((l) => l.lineItemId === line.id).reduce((s, l) => s + l.quantity, 0),
  );
  const refund = shop.orders.addRefund(order.id, { note: input.note ?? null, lines, shipping, transactions, returnId }, fully);
  emit("refunds/create", refundPayload(shop, order, refund));
  emit("orders/updated", orderPayload(shop, order));
  return { refund: refundView(shop, order, refund), order: orderView(shop, order), userErrors: [] };
}

/** Every refund of an order, oldest first. */
export function refundsOf(order: OrderRecord): OrderRefundRecord[] {
  return order.refunds ?? [];
}
