/**
 * Shopify refund -> the lines of an ERP credit note, pure.
 *
 * How the money is booked:
 * - A refunded line: its quantity, and its net (Shopify's subtotal, less its
 *   tax when the order's prices include tax) as an exact unit price (net /
 *   quantity, up to 6 places, so that the ERP's rounded line gives the net
 *   back); its taxes as Shopify split them on the line.
 * - Refunded shipping: one line on the SHIPPING article.
 * - An order adjustment (a refund for more or less than the lines were
 *   worth): one line on the custom-line service article, its amount the
 *   opposite of Shopify's (Shopify's adjustment is negative when more went
 *   back). An adjustment's tax, when Shopify gives one, goes into its net.
 * - Goods back in stock (restock type return or cancel) name the ERP
 *   warehouse mapped to the Shopify location they went back to; a line whose
 *   location is not mapped goes back nowhere, and says so.
 * - Everything in the shop's currency, as the sale was.
 */
import type { ErpTax } from "../../erp/erp.types";
import { amount, format, roundTo, ZERO } from "../../money/money";
import { isRestocked, refundValue, type ShopifyRefund } from "../../shopify/shopify-refund";
import { articleSkuFor, expectedTotals, SHIPPING_SKU, unitPriceOf, type ServiceArticleSkus } from "../orders/order-to-erp.mapper";

/** One line of the credit note, before its article is known. */
export interface CreditLineSource {
  key: string;
  sku: string;
  /** Whether the article is a service article rather than a product. */
  service: "custom" | "gift_card" | "shipping" | null;
  title: string;
  quantity: number;
  unitPrice: string;
  taxes: ErpTax[];
  variantId: string | null;
  /** The Shopify location the goods went back to; null when they did not come back. */
  restockLocationId: string | null;
}

export function creditLinesOf(
  refund: ShopifyRefund,
  taxesIncluded: boolean,
  serviceSkus: Pick<ServiceArticleSkus, "custom" | "gift_card">,
): CreditLineSource[] {
  const currency = refund.currency;
  const lines = refund.lines
    .filter((line) => line.quantity > 0)
    .map((line): CreditLineSource => {
      const net = taxesIncluded ? amount(line.subtotal).minus(line.tax) : amount(line.subtotal);
      const service = line.giftCard ? ("gift_card" as const) : !line.variantId && !line.sku ? ("custom" as const) : null;
      return {
        key: line.lineItemId,
        sku: service ? serviceSkus[service] : articleSkuFor({ sku: line.sku, variantId: line.variantId, id: line.lineItemId }),
        service,
        title: line.title,
        quantity: line.quantity,
        unitPrice: unitPriceOf(net, line.quantity, currency),
        taxes: line.taxes,
        variantId: service ? null : line.variantId,
        restockLocationId: isRestocked(line) && !service ? line.locationId : null,
      };
    })
    // A line refunded for nothing that brings nothing back (a fully discounted line cancelled after the fact) books nothing.
    .filter((line) => !amount(line.unitPrice).isZero() || line.restockLocationId);
  const shipping = refund.shipping
    .filter((line) => !amount(line.amount).isZero())
    .map((line, n): CreditLineSource => {
      const net = taxesIncluded ? amount(line.amount).minus(line.tax) : amount(line.amount);
      return {
        key: `${refund.id}/shipping/${n}`,
        sku: SHIPPING_SKU,
        service: "shipping",
        title: line.title,
        quantity: 1,
        unitPrice: unitPriceOf(net, 1, currency),
        taxes: line.taxes,
        variantId: null,
        restockLocationId: null,
      };
    });
  const adjustments = refund.adjustments
    .map((adjustment, n): CreditLineSource => {
      const net = amount(adjustment.amount).plus(adjustment.tax).negated();
      return {
        key: `${refund.id}/adjustment/${n}`,
        sku: serviceSkus.custom,
        service: "custom",
        title: adjustment.reason ? `Refund adjustment: ${adjustment.reason}` : "Refund adjustment",
        quantity: 1,
        unitPrice: unitPriceOf(net, 1, currency),
        taxes: [],
        variantId: null,
        restockLocationId: null,
      };
    })
    .filter((line) => !amount(line.unitPrice).isZero());
  return [...lines, ...shipping, ...adjustments];
}

/** What the credit note should come to: each line's net rounded to the currency, plus its taxes (as a sale's). */
export function expectedCreditTotals(lines: CreditLineSource[], currency: string): { total: string; tax: string } {
  const { total, tax } = expectedTotals(lines, currency);
  return { total, tax };
}

/**
 * The refund's money against Shopify's transactions: what was booked (the credit note's expected total, in the shop's
 * currency) against what the successful refund transactions gave back. When the buyer paid in another currency, the
 * refund's value in that currency is compared with them, and the booking stays in the shop's currency.
 */
export interface RefundMoneyCheck {
  /** The credit note's total in the shop's currency. */
  booked: string;
  currency: string;
  /** What Shopify's successful refund transactions gave back, in their currency. */
  refunded: string;
  refundedCurrency: string;
  /** Transactions still pending (not booked until they succeed: Shopify says so on the order). */
  pending: string;
  differs: boolean;
  /** The refund's value in the currency the transactions are in (the booked total, or the presentment value). */
  comparedValue: string;
  /** For a refund of a return with an exchange: the new items' total, and what the buyer paid on top for a dearer one. */
  exchange?: { total: string; paidByBuyer: string };
}

export function checkRefundMoney(refund: ShopifyRefund, lines: CreditLineSource[], taxesIncluded: boolean): RefundMoneyCheck {
  const currency = refund.currency;
  const booked = expectedCreditTotals(lines, currency).total;
  const refundedCurrency = refund.transactions.currency ?? currency;
  const value = refundValue(refund, taxesIncluded);
  const compared = refundedCurrency === currency ? amount(booked) : (value.presentment ?? ZERO);
  const refunded = amount(refund.transactions.succeeded);
  return {
    booked,
    currency,
    refunded: format(refunded, refundedCurrency),
    refundedCurrency,
    pending: format(refund.transactions.pending, refundedCurrency),
    differs: !roundTo(compared, refundedCurrency).equals(roundTo(refunded, refundedCurrency)),
    comparedValue: format(compared, refundedCurrency),
  };
}

/**
 * The check of a refund made for a return with an exchange: Shopify gives back the returned goods (the credit note)
 * less the exchange's new items, never below zero; a dearer exchange's difference is paid by the buyer instead.
 */
export function checkAgainstExchange(check: RefundMoneyCheck, exchange: string): RefundMoneyCheck {
  if (check.refundedCurrency !== check.currency) return check;
  const owed = amount(check.booked).minus(exchange);
  const expected = owed.greaterThan(0) ? owed : ZERO;
  return {
    ...check,
    comparedValue: format(expected, check.currency),
    differs: !roundTo(expected, check.currency).equals(roundTo(check.refunded, check.currency)),
    exchange: { total: format(exchange, check.currency), paidByBuyer: format(owed.lessThan(0) ? owed.negated() : ZERO, check.currency) },
  };
}

/** The ERP reference of a refund's credit note: the sale's reference and the refund's number. */
export function creditNoteReference(saleReference: string, refund: Pick<ShopifyRefund, "id">): string {
  return `${saleReference}/R${refund.id.split("/").pop()}`;
}
