/**
 * Shopify order -> ERP sales order, pure: ids already resolved are passed in.
 * The order's name is the ERP reference (what makes a retry find the sale
 * made before); line prices are Shopify's unit prices.
 */
import { createHash } from "node:crypto";
import type { ErpAddress, NewErpSalesOrder } from "../../erp/erp.types";
import type { ShopifyOrder } from "./shopify-order";

export interface ResolvedIds {
  customerId: string;
  /** ERP article id for each line's key (see erpLinesOf). */
  articleIds: Map<string, string>;
}

/** The SKU of the ERP article that carries shipping. */
export const SHIPPING_SKU = "SHIPPING";

/** One line of the ERP sale, before its article is known: an order line, or a shipping line. */
export interface ErpLineSource {
  /** The Shopify line id, or the order id with /shipping/N for shipping. */
  key: string;
  sku: string;
  title: string;
  quantity: number;
  /** Net of tax when the shop's prices include it (ERPs price lines before tax). */
  unitPrice: string;
  /** Percent. */
  discount: string;
  taxRate: string | null;
  variantId: string | null;
}

export function erpLinesOf(order: ShopifyOrder): ErpLineSource[] {
  const net = (price: string, taxRate: string | null) =>
    order.taxesIncluded && taxRate && Number(taxRate) > 0 ? trim((Number(price) / (1 + Number(taxRate) / 100)).toFixed(4)) : price;
  const lines = order.lines.map((line) => {
    const gross = Number(line.price) * line.quantity;
    const discount = gross > 0 && Number(line.discount) > 0 ? trim(((Number(line.discount) / gross) * 100).toFixed(4)) : "0";
    return { key: line.id, sku: articleSkuFor(line), title: line.title, quantity: line.quantity, unitPrice: net(line.price, line.taxRate), discount, taxRate: line.taxRate, variantId: line.variantId };
  });
  const shipping = order.shippingLines
    .filter((line) => Number(line.price) > 0)
    .map((line, n) => ({ key: `${order.id}/shipping/${n}`, sku: SHIPPING_SKU, title: line.title, quantity: 1, unitPrice: net(line.price, line.taxRate), discount: "0", taxRate: line.taxRate, variantId: null }));
  return [...lines, ...shipping];
}

const trim = (fixed: string) => String(Number(fixed));

export function toErpSalesOrder(order: ShopifyOrder, ids: ResolvedIds): NewErpSalesOrder {
  return {
    reference: order.name,
    customerId: ids.customerId,
    currency: order.currency,
    lines: erpLinesOf(order).map((line) => {
      const articleId = ids.articleIds.get(line.key);
      if (!articleId) throw new Error(`no ERP article resolved for line ${line.key} (${line.title})`);
      return { articleId, description: line.title, quantity: line.quantity, unitPrice: line.unitPrice, discount: line.discount, ...(line.taxRate ? { taxRate: line.taxRate } : {}) };
    }),
    shippingAddress: toErpAddress(order.shippingAddress),
    note: order.note ? `Shopify ${order.name}\n${order.note}` : `Shopify ${order.name}`,
  };
}

export function toErpAddress(address: ShopifyOrder["shippingAddress"]): ErpAddress | null {
  if (!address || address.countryCode.length !== 2) return null;
  return { name: address.name, street: address.address1, city: address.city, zip: address.zip, countryCode: address.countryCode };
}

/** The SKU an ERP article is found or created by; a line without one gets a stable stand-in. */
export function articleSkuFor(line: ShopifyOrder["lines"][number]): string {
  return line.sku ?? `SHOPIFY-${line.variantId?.split("/").pop() ?? line.id.split("/").pop()}`;
}

/** Which orders go to the ERP now, by the shop's setting. */
export function exportDecision(order: ShopifyOrder, ordersToErp: "paid" | "all"): "export" | "skip-cancelled" | "wait-for-payment" {
  if (order.cancelledAt) return "skip-cancelled";
  if (ordersToErp === "paid" && order.financialStatus !== "PAID") return "wait-for-payment";
  return "export";
}

/** A digest of what an ERP sale is made from (lines, prices, currency, address): an edit in Shopify changes it, a payment or a tag does not. */
export function erpContentDigest(order: ShopifyOrder): string {
  const content = {
    currency: order.currency,
    lines: erpLinesOf(order).map((line) => [line.key, line.sku, line.title, line.quantity, line.unitPrice, line.discount, line.taxRate]),
    address: order.shippingAddress,
    note: order.note,
  };
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 32);
}
