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
  /** ERP article id for each Shopify line id. */
  articleIds: Map<string, string>;
}

export function toErpSalesOrder(order: ShopifyOrder, ids: ResolvedIds): NewErpSalesOrder {
  return {
    reference: order.name,
    customerId: ids.customerId,
    currency: order.currency,
    lines: order.lines.map((line) => {
      const articleId = ids.articleIds.get(line.id);
      if (!articleId) throw new Error(`no ERP article resolved for line ${line.id} (${line.title})`);
      return { articleId, description: line.title, quantity: line.quantity, unitPrice: line.price, discount: "0" };
    }),
    shippingAddress: toErpAddress(order.shippingAddress),
    note: `Shopify ${order.name}`,
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
    lines: order.lines.map((line) => [line.id, line.sku, line.title, line.quantity, line.price]),
    address: order.shippingAddress,
  };
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 32);
}
