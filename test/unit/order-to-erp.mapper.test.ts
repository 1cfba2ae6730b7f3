import { describe, expect, it } from "vitest";
import { articleSkuFor, exportDecision, toErpSalesOrder } from "../../app/services/sync/orders/order-to-erp.mapper";
import type { ShopifyOrder } from "../../app/services/sync/orders/shopify-order";

const order: ShopifyOrder = {
  id: "gid://shopify/Order/1",
  name: "#1001",
  email: "giulia@example.it",
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-20T10:00:00.000Z",
  cancelledAt: null,
  financialStatus: "PAID",
  currency: "EUR",
  customer: null,
  lines: [
    { id: "gid://shopify/LineItem/11", sku: "CAF-1KG", title: "Caffè 1 kg", quantity: 2, price: "18.90", variantId: "gid://shopify/ProductVariant/5" },
    { id: "gid://shopify/LineItem/12", sku: null, title: "Deleted product", quantity: 1, price: "3.00", variantId: null },
  ],
  shippingAddress: { name: "Giulia Rossi", address1: "Via Torino 12", city: "Milano", zip: "20123", countryCode: "IT" },
};

describe("order to ERP mapper", () => {
  it("maps lines, prices, currency, the order name as reference and the shipping address", () => {
    const sale = toErpSalesOrder(order, { customerId: "C1", articleIds: new Map([["gid://shopify/LineItem/11", "A1"], ["gid://shopify/LineItem/12", "A2"]]) });
    expect(sale).toEqual({
      reference: "#1001",
      customerId: "C1",
      currency: "EUR",
      lines: [
        { articleId: "A1", description: "Caffè 1 kg", quantity: 2, unitPrice: "18.90", discount: "0" },
        { articleId: "A2", description: "Deleted product", quantity: 1, unitPrice: "3.00", discount: "0" },
      ],
      shippingAddress: { name: "Giulia Rossi", street: "Via Torino 12", city: "Milano", zip: "20123", countryCode: "IT" },
      note: "Shopify #1001",
    });
  });

  it("refuses to map a line whose article was not resolved", () => {
    expect(() => toErpSalesOrder(order, { customerId: "C1", articleIds: new Map() })).toThrow(/no ERP article resolved/);
  });

  it("gives a line without SKU a stable stand-in SKU", () => {
    expect(articleSkuFor(order.lines[0]!)).toBe("CAF-1KG");
    expect(articleSkuFor(order.lines[1]!)).toBe("SHOPIFY-12");
  });

  it.each([
    [{ cancelledAt: "2026-11-20T11:00:00Z" }, "paid", "skip-cancelled"],
    [{ financialStatus: "PENDING" }, "paid", "wait-for-payment"],
    [{ financialStatus: "PENDING" }, "all", "export"],
    [{}, "paid", "export"],
  ] as const)("decides %o with setting %s: %s", (change, setting, expected) => {
    expect(exportDecision({ ...order, ...change }, setting)).toBe(expected);
  });
});
