/**
 * A Shopify exchange (a return whose buyer takes other goods instead of money) -> what the ERP books, pure.
 *
 * How Shopify carries an exchange's money (its return processing since 2025-07, and as Business Central's connector
 * reads it, microsoft/BCApps #8554 and #10467):
 * - the exchange items become new lines of the order once the return is processed;
 * - a refund made for the return lists the returned goods at their full value, and its transactions are what the
 *   buyer gets back: the returned goods less the new items, never below zero (the buyer pays a dearer exchange's
 *   difference as a payment of the order).
 *
 * So Ponte books:
 * - the new items as a sale of their own, linked to the order's sale (reference "<sale>/X<return>"), each line as
 *   the order's export books it (net price, discount, Shopify's taxes);
 * - the returned goods as a credit note: the refund's, when the return has one (its lines at full value), else one
 *   for the return itself, each unit at what the order sold it for;
 * - and checks the refund's transactions against the credit note less the exchange sale.
 */
import { amount, format, roundTo, sum } from "../../money/money";
import type { ShopifyOrder } from "../../shopify/shopify-order";
import type { ReturnedGoods } from "../../shopify/shopify-return";
import { erpLinesOf, expectedTotals, unitPriceOf, type ErpLineSource, type ServiceArticleSkus } from "../orders/order-to-erp.mapper";
import type { CreditLineSource } from "./refund-to-credit-note.mapper";

/** The ERP reference of a return's own credit note (goods back with no refund, or exchanged): "<sale>/S<return>". */
export function returnCreditNoteReference(saleReference: string, returnId: string): string {
  return `${saleReference}/S${returnId.split("/").pop()}`;
}

/** The ERP reference of an exchange's sale: the order's sale reference and the return's number. */
export function exchangeSaleReference(saleReference: string, returnId: string): string {
  return `${saleReference}/X${returnId.split("/").pop()}`;
}

/**
 * The exchange's new items as sale lines, from the current order; null while one of them is not on the order Ponte
 * holds yet (its orders/updated not read yet).
 */
export function exchangeLinesOf(order: ShopifyOrder, exchangeLineIds: string[], serviceSkus?: ServiceArticleSkus): ErpLineSource[] | null {
  const wanted = new Set(exchangeLineIds);
  const lines = erpLinesOf(order, serviceSkus).filter((line) => wanted.has(line.key));
  return lines.length === wanted.size ? lines : null;
}

/** What the exchange's new items come to, with tax, as a sale of them is expected to. */
export function exchangeTotal(lines: ErpLineSource[], currency: string): string {
  return expectedTotals(lines, currency).total;
}

/**
 * The returned units at what the order sold them for: each unit's share of its line's net after discount and of its
 * taxes. Null when a returned line is no longer on the order (Shopify dropped it: refunded or edited away), so its
 * value cannot be read from it.
 */
export function returnedGoodsAtValue(order: ShopifyOrder, returned: ReturnedGoods[], serviceSkus?: ServiceArticleSkus): CreditLineSource[] | null {
  const sold = new Map(erpLinesOf(order, serviceSkus).map((line) => [line.key, line]));
  const lines: CreditLineSource[] = [];
  for (const goods of returned) {
    const line = sold.get(goods.lineItemId);
    if (!line || line.quantity < goods.quantity) return null;
    // The units' share of what the buyer paid for the line (net after discount, with tax), rounded once; its taxes each
    // rounded; the net what is left, so that the credit comes to the share paid to the cent.
    const share = amount(goods.quantity).dividedBy(line.quantity);
    const taxes = line.taxes.map((tax) => ({ ...tax, amount: format(roundTo(amount(tax.amount).times(share), order.currency), order.currency) }));
    const lineNet = amount(line.unitPrice).times(line.quantity).minus(line.discount);
    const paid = roundTo(lineNet.plus(sum(line.taxes.map((tax) => tax.amount))).times(share), order.currency);
    const net = paid.minus(sum(taxes.map((tax) => tax.amount)));
    lines.push({
      key: `${goods.lineItemId}@${goods.locationId ?? "none"}`,
      sku: line.sku,
      service: creditService(line.service),
      title: line.title,
      quantity: goods.quantity,
      unitPrice: unitPriceOf(net, goods.quantity, order.currency),
      taxes,
      variantId: line.variantId,
      restockLocationId: goods.locationId,
    });
  }
  return lines;
}

/** A sale line's service kind as a credit line's (a tip is never returned or exchanged). */
export function creditService(service: ErpLineSource["service"]): CreditLineSource["service"] {
  return service === "shipping" || service === "custom" || service === "gift_card" ? service : null;
}
