import { describe, expect, it } from "vitest";
import { articleSkuFor, erpContentDigest, erpLinesOf, exportDecision, toErpSalesOrder } from "../../app/services/sync/orders/order-to-erp.mapper";
import { orderFromWebhook, type ShopifyOrder } from "../../app/services/sync/orders/shopify-order";

const order: ShopifyOrder = {
  id: "gid://shopify/Order/1",
  name: "#1001",
  email: "giulia@example.it",
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-20T10:00:00.000Z",
  cancelledAt: null,
  financialStatus: "PAID",
  currency: "EUR",
  note: null,
  taxesIncluded: false,
  shippingLines: [],
  billingAddress: null,
  customer: null,
  lines: [
    { id: "gid://shopify/LineItem/11", sku: "CAF-1KG", title: "Caffè 1 kg", quantity: 2, price: "18.90", discount: "0", taxRate: null, variantId: "gid://shopify/ProductVariant/5" },
    { id: "gid://shopify/LineItem/12", sku: null, title: "Deleted product", quantity: 1, price: "3.00", discount: "0", taxRate: null, variantId: null },
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

  it("prices lines before tax when the shop's prices include it, turns a line's discount into a percent, and adds shipping as a line", () => {
    const taxed: ShopifyOrder = {
      ...order,
      taxesIncluded: true,
      note: "Leave at the door",
      lines: [{ ...order.lines[0]!, price: "18.30", discount: "3.66", taxRate: "22" }],
      shippingLines: [
        { title: "Corriere espresso", price: "7.32", taxRate: "22" },
        { title: "Free pickup", price: "0.00", taxRate: null },
      ],
    };
    expect(erpLinesOf(taxed)).toEqual([
      { key: "gid://shopify/LineItem/11", sku: "CAF-1KG", title: "Caffè 1 kg", quantity: 2, unitPrice: "15", discount: "10", taxRate: "22", variantId: "gid://shopify/ProductVariant/5" },
      { key: "gid://shopify/Order/1/shipping/0", sku: "SHIPPING", title: "Corriere espresso", quantity: 1, unitPrice: "6", discount: "0", taxRate: "22", variantId: null },
    ]);
    const sale = toErpSalesOrder(taxed, { customerId: "C1", articleIds: new Map([["gid://shopify/LineItem/11", "A1"], ["gid://shopify/Order/1/shipping/0", "S1"]]) });
    expect(sale.lines).toEqual([
      { articleId: "A1", description: "Caffè 1 kg", quantity: 2, unitPrice: "15", discount: "10", taxRate: "22" },
      { articleId: "S1", description: "Corriere espresso", quantity: 1, unitPrice: "6", discount: "0", taxRate: "22" },
    ]);
    expect(sale.note).toBe("Shopify #1001\nLeave at the door");
    // prices added to by tax are passed as they are
    expect(erpLinesOf({ ...taxed, taxesIncluded: false })[0]).toMatchObject({ unitPrice: "18.30", taxRate: "22" });
  });

  it("sees an edit in what the ERP sale is made of, not in a payment", () => {
    const digest = erpContentDigest(order);
    expect(erpContentDigest({ ...order, financialStatus: "PENDING", updatedAt: "2026-11-21T00:00:00Z" })).toBe(digest);
    expect(erpContentDigest({ ...order, lines: [{ ...order.lines[0]!, quantity: 3 }, order.lines[1]!] })).not.toBe(digest);
    expect(erpContentDigest({ ...order, shippingLines: [{ title: "Express", price: "5.00", taxRate: null }] })).not.toBe(digest);
  });

  it("reads discounts, tax lines, shipping lines and the note from an orders/create webhook", () => {
    const parsed = orderFromWebhook({
      admin_graphql_api_id: "gid://shopify/Order/9",
      name: "#1009",
      email: "anna@example.it",
      created_at: "2026-11-20T10:00:00+01:00",
      updated_at: "2026-11-20T10:00:00+01:00",
      financial_status: "paid",
      currency: "EUR",
      note: "Gift",
      taxes_included: true,
      line_items: [
        {
          admin_graphql_api_id: "gid://shopify/LineItem/91",
          sku: "CAF-1KG",
          title: "Caffè",
          quantity: 2,
          price: "18.30",
          variant_id: 5,
          discount_allocations: [{ amount: "2.00" }, { amount: "1.66" }],
          tax_lines: [{ title: "IVA", rate: 0.22, price: "5.94" }],
        },
      ],
      shipping_lines: [{ title: "Corriere", price: "9.00", discounted_price: "7.32", tax_lines: [{ title: "IVA", rate: 0.22, price: "1.32" }] }],
    });
    expect(parsed).toMatchObject({
      note: "Gift",
      taxesIncluded: true,
      lines: [{ price: "18.30", discount: "3.66", taxRate: "22" }],
      shippingLines: [{ title: "Corriere", price: "7.32", taxRate: "22" }],
    });
  });
});
