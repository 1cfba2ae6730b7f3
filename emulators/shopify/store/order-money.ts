/**
 * An emulated order's money as Shopify computes it: line prices less their
 * allocated discounts, shipping less its discount, taxes per tax line (taken
 * out of the price when the order's taxes are included, added otherwise).
 */
import type { OrderRecord, TaxLineRecord } from "./order-store";

/** An amount rounded to the cent. */
export const cents = (n: number) => Math.round(n * 100) / 100;

/** The tax on an amount for each tax line, by Shopify's rule for included or added taxes. */
export function taxLinePrices(amount: number, taxLines: TaxLineRecord[], included: boolean): number[] {
  const total = taxLines.reduce((sum, tax) => sum + tax.rate, 0);
  return taxLines.map((tax) => cents(included ? (amount * tax.rate) / (1 + total) : amount * tax.rate));
}

export function orderMoney(order: OrderRecord): { subtotal: string; shipping: string; tax: string; total: string } {
  let subtotal = 0;
  let shipping = 0;
  let tax = 0;
  for (const line of order.lineItems) {
    const amount = Number(line.price) * line.quantity - Number(line.discount);
    subtotal += amount;
    tax += taxLinePrices(amount, line.taxLines, order.taxesIncluded).reduce((a, b) => a + b, 0);
  }
  for (const line of order.shippingLines) {
    const amount = Number(line.price) - Number(line.discount);
    shipping += amount;
    tax += taxLinePrices(amount, line.taxLines, order.taxesIncluded).reduce((a, b) => a + b, 0);
  }
  const total = subtotal + shipping + (order.taxesIncluded ? 0 : tax);
  return { subtotal: subtotal.toFixed(2), shipping: shipping.toFixed(2), tax: tax.toFixed(2), total: total.toFixed(2) };
}

/** The order's money now: what it was, less its refunds (Shopify's current_total_price and current_total_tax). */
export function currentOrderMoney(order: OrderRecord): { tax: string; total: string } {
  const money = orderMoney(order);
  if (order.cancelledAt) return { tax: "0.00", total: "0.00" };
  let total = Number(money.total);
  let tax = Number(money.tax);
  for (const refund of order.refunds ?? []) {
    for (const part of [...refund.lines.map((l) => ({ amount: l.subtotal, tax: l.tax })), ...refund.shipping]) {
      total -= Number(part.amount) + (order.taxesIncluded ? 0 : Number(part.tax));
      tax -= Number(part.tax);
    }
  }
  return { tax: cents(tax).toFixed(2), total: cents(total).toFixed(2) };
}
