/**
 * Shopify order -> ERP sales order, pure: ids already resolved are passed in.
 *
 * How the money is booked (the README says the same for merchants):
 * - Each ERP line carries the net unit price (before tax; before the line's
 *   discount), the discount as an amount for the whole line (net of tax), and
 *   its taxes as Shopify charged them: one entry per tax (title, rate in
 *   percent, amount). Stacked taxes (GST + QST, state + county) stay separate.
 * - Discounts: Shopify allocates every discount (a line's own, and its share
 *   of order-level codes, automatic and manual discounts) to the lines in
 *   `discount_allocations`; the ERP line gets their sum as an amount, not a
 *   percentage, so nothing is lost to a rounded percentage. Shipping goes at
 *   its discounted price.
 * - Taxes included (EU, AU shops): the net is the line's price after
 *   discounts less the taxes Shopify charged on it, so the ERP's net plus the
 *   ERP's taxes give back Shopify's gross; the discount is taken out of tax
 *   at the line's rates.
 * - Unit prices are exact decimals (net / quantity, up to 6 places); the ERP
 *   rounds the line to its currency.
 * - Lines without a product: custom lines, gift cards and tips each go to one
 *   service article per kind (its SKU a setting of the ERP), described by the
 *   line's own title; shipping to the article SHIPPING.
 */
import { createHash } from "node:crypto";
import type { BookingNeeds, ErpAddress, ErpTax, NewErpSalesOrder } from "../../erp/erp.types";
import { amount, Dec, format, price, roundTo, sum, ZERO, type Amount } from "../../money/money";
import type { LineKind, ShopifyAddress, ShopifyOrder, ShopifyOrderLine } from "../../shopify/shopify-order";
import type { ErpRecordId, ShopDomain } from "../../ids";

export interface ResolvedIds {
  customerId: ErpRecordId<"customer">;
  /** ERP article id for each line's key (see erpLinesOf). */
  articleIds: Map<string, ErpRecordId<"article">>;
}

/** The SKU of the ERP article that carries shipping. */
export const SHIPPING_SKU = "SHIPPING";

/** The service articles lines without a product go to, by kind; each ERP names its own (ErpConnection). */
export interface ServiceArticleSkus {
  custom: string;
  gift_card: string;
  tip: string;
}
export const DEFAULT_SERVICE_SKUS: ServiceArticleSkus = { custom: "PONTE-CUSTOM", gift_card: "PONTE-GIFT-CARD", tip: "PONTE-TIP" };
export const SERVICE_ARTICLE_NAMES: Record<Exclude<LineKind, "product"> | "shipping", string> = {
  custom: "Custom item",
  gift_card: "Gift card",
  tip: "Tip",
  shipping: "Shipping",
};

/** One line of the ERP sale, before its article is known: an order line, or a shipping line. */
export interface ErpLineSource {
  /** The Shopify line id, or the order id with /shipping/N for shipping. */
  key: string;
  sku: string;
  /** Whether the article is one of the service articles (shipping, custom, gift card, tip) rather than a product. */
  service: Exclude<LineKind, "product"> | "shipping" | null;
  title: string;
  quantity: number;
  /** Net of tax, before the discount, exact. */
  unitPrice: string;
  /** The line's discount, net of tax, as an amount. */
  discount: string;
  taxes: ErpTax[];
  variantId: string | null;
}

/** Taxes of an old snapshot kept only their rate: their amount is worked out on the line's taxable amount. */
function taxAmounts(taxes: ShopifyOrderLine["taxes"], base: Amount, included: boolean, currency: string): ErpTax[] {
  const rates = taxes.reduce((total, tax) => total.plus(amount(tax.rate)), ZERO);
  return taxes.map((tax) => {
    if (tax.amount !== null) return { title: tax.title, rate: tax.rate, amount: tax.amount };
    const rate = amount(tax.rate).dividedBy(100);
    const value = included ? base.times(rate).dividedBy(rates.dividedBy(100).plus(1)) : base.times(rate);
    return { title: tax.title, rate: tax.rate, amount: format(value, currency) };
  });
}

/** Net unit price and net discount of a line whose gross (after discount) is `gross` and whose taxes are `taxes`. */
function netOf(
  gross: Amount,
  discount: Amount,
  quantity: number,
  taxes: ErpTax[],
  included: boolean,
  currency: string,
): { unitPrice: string; discount: string } {
  if (!included) return { unitPrice: unitPriceOf(gross.plus(discount), quantity, currency), discount: format(discount, currency) };
  const tax = sum(taxes.map((t) => t.amount));
  const net = gross.minus(tax);
  const rates = taxes.reduce((total, t) => total.plus(amount(t.rate)), ZERO);
  const netDiscount = roundTo(discount.dividedBy(rates.dividedBy(100).plus(1)), currency);
  return { unitPrice: unitPriceOf(net.plus(netDiscount), quantity, currency), discount: format(netDiscount, currency) };
}

/** The exact unit price (up to 6 decimals), written with at least the currency's decimals ("18.90", "15.333333"). */
export function unitPriceOf(lineAmount: Amount, quantity: number, currency: string): string {
  if (quantity === 0) return format("0", currency);
  return price(lineAmount.dividedBy(quantity).toDecimalPlaces(6, Dec.ROUND_HALF_UP), currency);
}

export function erpLinesOf(order: ShopifyOrder, serviceSkus: ServiceArticleSkus = DEFAULT_SERVICE_SKUS): ErpLineSource[] {
  const currency = order.currency;
  const lines = order.lines.map((line): ErpLineSource => {
    const discount = amount(line.discount);
    const gross = amount(line.price).times(line.quantity).minus(discount);
    const taxes = taxAmounts(line.taxes, gross, order.taxesIncluded, currency);
    const net = netOf(gross, discount, line.quantity, taxes, order.taxesIncluded, currency);
    const service = line.kind === "product" ? null : line.kind;
    return {
      key: line.id,
      sku: service ? serviceSkus[service] : articleSkuFor(line),
      service,
      title: line.title,
      quantity: line.quantity,
      ...net,
      taxes,
      variantId: service ? null : line.variantId,
    };
  });
  const shipping = order.shippingLines
    .filter((line) => amount(line.price).greaterThan(0))
    .map((line, n): ErpLineSource => {
      const gross = amount(line.price);
      const taxes = taxAmounts(line.taxes, gross, order.taxesIncluded, currency);
      const net = netOf(gross, ZERO, 1, taxes, order.taxesIncluded, currency);
      return {
        key: `${order.id}/shipping/${n}`,
        sku: SHIPPING_SKU,
        service: "shipping",
        title: line.title,
        quantity: 1,
        ...net,
        taxes,
        variantId: null,
      };
    });
  return [...lines, ...shipping];
}

/** What the ERP sale should come to: the net of each line rounded to the currency, plus its taxes. */
export function expectedTotals(
  lines: Array<Pick<ErpLineSource, "unitPrice" | "quantity" | "taxes"> & { discount?: string }>,
  currency: string,
): { net: string; tax: string; total: string } {
  const net = sum(
    lines.map((line) =>
      roundTo(
        amount(line.unitPrice)
          .times(line.quantity)
          .minus(amount(line.discount ?? "0")),
        currency,
      ),
    ),
  );
  const tax = sum(lines.flatMap((line) => line.taxes.map((t) => t.amount)));
  return { net: format(net, currency), tax: format(tax, currency), total: format(net.plus(tax), currency) };
}

/** What an ERP must have to book these lines: the currency, and a tax for each distinct tax (title and rate). */
export function bookingNeeds(lines: ErpLineSource[], currency: string): BookingNeeds {
  const taxes = new Map<string, { title: string; rate: string }>();
  for (const tax of lines.flatMap((line) => line.taxes)) taxes.set(`${tax.title}\u0000${tax.rate}`, { title: tax.title, rate: tax.rate });
  return { currency, taxes: [...taxes.values()] };
}

export interface SaleIdentity {
  /** The ERP reference: unique across the merchant's stores (see erpReferenceFor). */
  reference: string;
}

export function toErpSalesOrder(
  order: ShopifyOrder,
  ids: ResolvedIds,
  identity: SaleIdentity,
  serviceSkus: ServiceArticleSkus = DEFAULT_SERVICE_SKUS,
  /** The order's lines as erpLinesOf gives them, when the caller has them already. */
  lines: ErpLineSource[] = erpLinesOf(order, serviceSkus),
): NewErpSalesOrder {
  return {
    reference: identity.reference,
    shopifyName: order.name,
    customerId: ids.customerId,
    currency: order.currency,
    taxesIncluded: order.taxesIncluded,
    lines: lines.map((line) => {
      const articleId = ids.articleIds.get(line.key);
      if (!articleId) throw new Error(`no ERP article resolved for line ${line.key} (${line.title})`);
      return { articleId, description: line.title, quantity: line.quantity, unitPrice: line.unitPrice, discount: line.discount, taxes: line.taxes };
    }),
    shippingAddress: toErpAddress(order.shippingAddress),
    billingAddress: toErpAddress(order.billingAddress),
    note: order.note ? `Shopify ${order.name}\n${order.note}` : `Shopify ${order.name}`,
  };
}

/**
 * The ERP reference of a Shopify order: the store's handle and the order's
 * name ("ponte-demo #1001"), so that two stores on one ERP, each with a
 * #1001, never find each other's sale; the Shopify name stays readable.
 */
export function erpReferenceFor(shop: ShopDomain, order: Pick<ShopifyOrder, "name">): string {
  return `${shop.replace(/\.myshopify\.com$/, "")} ${order.name}`;
}

export function toErpAddress(address: ShopifyAddress | null): ErpAddress | null {
  if (!address || address.countryCode.length !== 2) return null;
  return {
    name: address.name,
    company: address.company,
    street: address.address1,
    street2: address.address2,
    city: address.city,
    province: address.province,
    provinceCode: address.provinceCode,
    zip: address.zip,
    countryCode: address.countryCode,
    phone: address.phone,
  };
}

/** The SKU an ERP article is found or created by, for a product line; a product line without one gets a stable stand-in. */
export function articleSkuFor(line: { sku: string | null; variantId: string | null; id: string }): string {
  return line.sku ?? `SHOPIFY-${line.variantId?.split("/").pop() ?? line.id.split("/").pop()}`;
}

/**
 * Shopify's financial statuses of an order whose payment was taken: paid, and paid then refunded in part or whole
 * (the sale happened; its refund is booked after it as a credit note).
 */
const PAYMENT_TAKEN = new Set(["PAID", "PARTIALLY_REFUNDED", "REFUNDED"]);

/** Which orders go to the ERP now, by the shop's setting. */
export function exportDecision(order: ShopifyOrder, ordersToErp: "paid" | "all"): "export" | "skip-cancelled" | "wait-for-payment" {
  if (order.cancelledAt) return "skip-cancelled";
  if (ordersToErp === "paid" && !PAYMENT_TAKEN.has(order.financialStatus ?? "")) return "wait-for-payment";
  return "export";
}

/** A digest of what an ERP sale is made from (lines, prices, taxes, currency, addresses): an edit in Shopify changes it, a payment or a tag does not. */
export function erpContentDigest(order: ShopifyOrder): string {
  const content = {
    currency: order.currency,
    lines: erpLinesOf(order).map((line) => [line.key, line.sku, line.title, line.quantity, line.unitPrice, line.discount, line.taxes]),
    address: order.shippingAddress,
    billing: order.billingAddress,
    note: order.note,
  };
  return `v2:${createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 32)}`;
}
