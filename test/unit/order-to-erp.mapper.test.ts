import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { amount, format, sum } from "../../app/services/money/money";
import {
  articleSkuFor,
  bookingNeeds,
  erpContentDigest,
  erpLinesOf,
  erpReferenceFor,
  expectedTotals,
  exportDecision,
  toErpSalesOrder,
} from "../../app/services/sync/orders/order-to-erp.mapper";
import { orderFromWebhook, shopifyOrderSchema, type ShopifyOrder } from "../../app/services/shopify/shopify-order";
import { erpRecordId, shopDomain } from "../../app/services/ids";

const order: ShopifyOrder = shopifyOrderSchema.parse({
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
    {
      id: "gid://shopify/LineItem/11",
      sku: "CAF-1KG",
      title: "Caffè 1 kg",
      quantity: 2,
      price: "18.90",
      discount: "0",
      taxes: [],
      variantId: "gid://shopify/ProductVariant/5",
    },
    { id: "gid://shopify/LineItem/12", sku: null, title: "Deleted product", quantity: 1, price: "3.00", discount: "0", taxes: [], variantId: null },
  ],
  shippingAddress: {
    name: "Giulia Rossi",
    company: "Rossi S.r.l.",
    address1: "Via Torino 12",
    address2: "Scala B",
    city: "Milano",
    province: "Milano",
    provinceCode: "MI",
    zip: "20123",
    countryCode: "IT",
    phone: "+39 02 1234567",
  },
});

const ids = (...pairs: Array<[string, string]>) => ({
  customerId: erpRecordId("customer", "C1"),
  articleIds: new Map(pairs.map(([key, id]) => [key, erpRecordId("article", id)])),
});

describe("order to ERP mapper", () => {
  it("maps lines, prices, currency, the reference naming the store, and the whole shipping address", () => {
    const sale = toErpSalesOrder(order, ids(["gid://shopify/LineItem/11", "A1"], ["gid://shopify/LineItem/12", "A2"]), {
      reference: erpReferenceFor(shopDomain("caffe-roma.myshopify.com"), order),
    });
    expect(sale).toEqual({
      reference: "caffe-roma #1001",
      shopifyName: "#1001",
      customerId: "C1",
      currency: "EUR",
      taxesIncluded: false,
      lines: [
        { articleId: "A1", description: "Caffè 1 kg", quantity: 2, unitPrice: "18.90", discount: "0.00", taxes: [] },
        { articleId: "A2", description: "Deleted product", quantity: 1, unitPrice: "3.00", discount: "0.00", taxes: [] },
      ],
      shippingAddress: {
        name: "Giulia Rossi",
        company: "Rossi S.r.l.",
        street: "Via Torino 12",
        street2: "Scala B",
        city: "Milano",
        province: "Milano",
        provinceCode: "MI",
        zip: "20123",
        countryCode: "IT",
        phone: "+39 02 1234567",
      },
      billingAddress: null,
      note: "Shopify #1001",
    });
  });

  it("gives two stores' #1001 two different references", () => {
    expect(erpReferenceFor(shopDomain("roma.myshopify.com"), order)).not.toBe(erpReferenceFor(shopDomain("krakow.myshopify.com"), order));
  });

  it("refuses to map a line whose article was not resolved", () => {
    expect(() => toErpSalesOrder(order, ids(), { reference: "x" })).toThrow(/no ERP article resolved/);
  });

  it("gives a product line without SKU a stable stand-in SKU, and lines without a product one service article per kind", () => {
    expect(articleSkuFor(order.lines[0]!)).toBe("CAF-1KG");
    expect(articleSkuFor(order.lines[1]!)).toBe("SHOPIFY-12");
    const custom = shopifyOrderSchema.parse({
      ...order,
      lines: [
        { id: "gid://shopify/LineItem/21", sku: null, title: "Engraving", kind: "custom", quantity: 1, price: "5.00", taxes: [], variantId: null },
        {
          id: "gid://shopify/LineItem/22",
          sku: null,
          title: "Another engraving",
          kind: "custom",
          quantity: 1,
          price: "7.00",
          taxes: [],
          variantId: null,
        },
        {
          id: "gid://shopify/LineItem/23",
          sku: null,
          title: "Gift card 50",
          kind: "gift_card",
          quantity: 1,
          price: "50.00",
          taxes: [],
          variantId: "gid://shopify/ProductVariant/9",
        },
        { id: "gid://shopify/LineItem/24", sku: null, title: "Tip", kind: "tip", quantity: 1, price: "2.00", taxes: [], variantId: null },
      ],
    });
    const lines = erpLinesOf(custom, { custom: "SRV-CUSTOM", gift_card: "SRV-GIFT", tip: "SRV-TIP" });
    expect(lines.map((l) => [l.sku, l.title, l.service, l.variantId])).toEqual([
      ["SRV-CUSTOM", "Engraving", "custom", null],
      ["SRV-CUSTOM", "Another engraving", "custom", null],
      ["SRV-GIFT", "Gift card 50", "gift_card", null],
      ["SRV-TIP", "Tip", "tip", null],
    ]);
  });

  it.each([
    [{ cancelledAt: "2026-11-20T11:00:00Z" }, "paid", "skip-cancelled"],
    [{ financialStatus: "PENDING" }, "paid", "wait-for-payment"],
    [{ financialStatus: "AUTHORIZED" }, "paid", "wait-for-payment"],
    [{ financialStatus: "PARTIALLY_PAID" }, "paid", "wait-for-payment"],
    // Paid, then refunded before its export (a backlog, an ERP down): the sale went through and goes to the ERP.
    [{ financialStatus: "PARTIALLY_REFUNDED" }, "paid", "export"],
    [{ financialStatus: "REFUNDED" }, "paid", "export"],
    [{ financialStatus: "PENDING" }, "all", "export"],
    [{}, "paid", "export"],
  ] as const)("decides %o with setting %s: %s", (change, setting, expected) => {
    expect(exportDecision({ ...order, ...change }, setting)).toBe(expected);
  });

  it("prices lines before tax when the shop's prices include it, keeps the discount as an amount net of tax, and adds shipping as a line", () => {
    const taxed = shopifyOrderSchema.parse({
      ...order,
      taxesIncluded: true,
      note: "Leave at the door",
      lines: [{ ...order.lines[0]!, price: "18.30", discount: "3.66", taxes: [{ title: "IVA", rate: "22", amount: "5.94" }] }],
      shippingLines: [
        { title: "Corriere espresso", price: "7.32", taxes: [{ title: "IVA", rate: "22", amount: "1.32" }] },
        { title: "Free pickup", price: "0.00", taxes: [] },
      ],
    });
    const lines = erpLinesOf(taxed);
    expect(lines.map(({ key, sku, quantity, unitPrice, discount, taxes }) => ({ key, sku, quantity, unitPrice, discount, taxes }))).toEqual([
      {
        key: "gid://shopify/LineItem/11",
        sku: "CAF-1KG",
        quantity: 2,
        unitPrice: "15.00",
        discount: "3.00",
        taxes: [{ title: "IVA", rate: "22", amount: "5.94" }],
      },
      {
        key: "gid://shopify/Order/1/shipping/0",
        sku: "SHIPPING",
        quantity: 1,
        unitPrice: "6.00",
        discount: "0.00",
        taxes: [{ title: "IVA", rate: "22", amount: "1.32" }],
      },
    ]);
    // 2 × 18.30 − 3.66 + 7.32 = 40.26 with tax, of which 7.26 tax
    expect(expectedTotals(lines, "EUR")).toEqual({ net: "33.00", tax: "7.26", total: "40.26" });
    const sale = toErpSalesOrder(taxed, ids(["gid://shopify/LineItem/11", "A1"], ["gid://shopify/Order/1/shipping/0", "S1"]), { reference: "r" });
    expect(sale.note).toBe("Shopify #1001\nLeave at the door");
    // prices added to by tax are passed as they are
    expect(erpLinesOf({ ...taxed, taxesIncluded: false })[0]).toMatchObject({ unitPrice: "18.30", discount: "3.66" });
  });

  it("keeps stacked taxes apart and asks the ERP for each distinct tax once", () => {
    const stacked = shopifyOrderSchema.parse({
      ...order,
      currency: "CAD",
      lines: [
        {
          ...order.lines[0]!,
          price: "35.00",
          taxes: [
            { title: "GST", rate: "5", amount: "3.50" },
            { title: "QST", rate: "9.975", amount: "6.98" },
          ],
        },
      ],
    });
    const lines = erpLinesOf(stacked);
    expect(lines[0]!.taxes).toEqual([
      { title: "GST", rate: "5", amount: "3.50" },
      { title: "QST", rate: "9.975", amount: "6.98" },
    ]);
    expect(bookingNeeds([...lines, ...lines], "CAD")).toEqual({
      currency: "CAD",
      taxes: [
        { title: "GST", rate: "5" },
        { title: "QST", rate: "9.975" },
      ],
    });
  });

  it("sees an edit in what the ERP sale is made of, not in a payment", () => {
    const digest = erpContentDigest(order);
    expect(erpContentDigest({ ...order, financialStatus: "PENDING", updatedAt: "2026-11-21T00:00:00Z" })).toBe(digest);
    expect(erpContentDigest({ ...order, lines: [{ ...order.lines[0]!, quantity: 3 }, order.lines[1]!] })).not.toBe(digest);
    expect(erpContentDigest({ ...order, shippingLines: [{ title: "Express", price: "5.00", taxes: [] }] })).not.toBe(digest);
  });

  it("reads an old snapshot's single tax rate as one tax whose amount it works out", () => {
    const old = shopifyOrderSchema.parse({
      ...order,
      lines: [{ id: "gid://shopify/LineItem/1", sku: "X", title: "X", quantity: 2, price: "10.00", discount: "0", taxRate: "22", variantId: null }],
    });
    expect(erpLinesOf(old)[0]!.taxes).toEqual([{ title: "Tax", rate: "22", amount: "4.40" }]);
  });

  it("reads discounts, each tax (repeats added up), the current quantity, shipping lines and the note from an orders/create webhook", () => {
    const parsed = orderFromWebhook({
      admin_graphql_api_id: "gid://shopify/Order/9",
      name: "#1009",
      email: "",
      created_at: "2026-11-20T10:00:00+01:00",
      updated_at: "2026-11-20T10:00:00+01:00",
      financial_status: "paid",
      currency: "EUR",
      note: "Gift",
      taxes_included: true,
      total_price: "100.00",
      total_tax: "10.00",
      current_total_price: "42.00",
      current_total_tax: "7.26",
      line_items: [
        {
          admin_graphql_api_id: "gid://shopify/LineItem/91",
          sku: "CAF-1KG",
          title: "Caffè",
          quantity: 2,
          current_quantity: 2,
          price: "18.30",
          variant_id: 5,
          discount_allocations: [{ amount: "2.00" }, { amount: "1.66" }],
          tax_lines: [
            { title: "IVA", rate: 0.22, price: "2.97" },
            { title: "IVA", rate: 0.22, price: "2.97" },
          ],
        },
        {
          admin_graphql_api_id: "gid://shopify/LineItem/92",
          sku: "GONE",
          title: "Removed by an edit",
          quantity: 1,
          current_quantity: 0,
          price: "50.00",
          variant_id: 6,
          tax_lines: [],
        },
        {
          admin_graphql_api_id: "gid://shopify/LineItem/93",
          sku: "",
          title: "Custom engraving",
          quantity: 1,
          price: "1.00",
          variant_id: null,
          product_id: null,
          tax_lines: [],
        },
      ],
      shipping_lines: [{ title: "Corriere", price: "9.00", discounted_price: "7.32", tax_lines: [{ title: "IVA", rate: 0.22, price: "1.32" }] }],
    });
    expect(parsed).toMatchObject({
      email: null,
      note: "Gift",
      taxesIncluded: true,
      totals: { total: "42.00", tax: "7.26" },
      lines: [
        { price: "18.30", discount: "3.66", kind: "product", taxes: [{ title: "IVA", rate: "22", amount: "5.94" }] },
        { title: "Custom engraving", kind: "custom", sku: null },
      ],
      shippingLines: [{ title: "Corriere", price: "7.32", taxes: [{ title: "IVA", rate: "22", amount: "1.32" }] }],
    });
    expect(parsed.lines).toHaveLength(2);
  });

  it("scales a line's taxes and discount down to its current quantity", () => {
    const parsed = orderFromWebhook({
      admin_graphql_api_id: "gid://shopify/Order/10",
      name: "#1010",
      created_at: "2026-11-20T10:00:00Z",
      updated_at: "2026-11-21T10:00:00Z",
      currency: "PLN",
      line_items: [
        {
          admin_graphql_api_id: "gid://shopify/LineItem/101",
          sku: "G1",
          title: "Guitar",
          quantity: 3,
          current_quantity: 1,
          price: "500.00",
          variant_id: 7,
          discount_allocations: [{ amount: "30.00" }],
          tax_lines: [{ title: "PL VAT", rate: 0.23, price: "338.10" }],
        },
      ],
    });
    expect(parsed.lines[0]).toMatchObject({ quantity: 1, discount: "10.00", taxes: [{ title: "PL VAT", rate: "23", amount: "112.70" }] });
  });
});

/** A random order as Shopify would total it: per line, taxes rounded half up, added or taken out of the price. */
const randomOrder = fc
  .record({
    currency: fc.constantFrom("EUR", "JPY", "KWD", "CAD"),
    included: fc.boolean(),
    lines: fc.array(
      fc.record({
        cents: fc.integer({ min: 1, max: 500_000 }),
        quantity: fc.integer({ min: 1, max: 40 }),
        discountShare: fc.integer({ min: 0, max: 100 }),
        rates: fc.subarray(["22", "5", "9.975", "10", "4", "23", "8.875"], { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    shipping: fc.integer({ min: 0, max: 5000 }),
  })
  .map(({ currency, included, lines, shipping }) => {
    const unit = currency === "JPY" ? "1" : currency === "KWD" ? "0.001" : "0.01";
    const taxFor = (gross: string, rates: string[]) => {
      const total = sum(rates.map((r) => amount(r).dividedBy(100)));
      return rates.map((rate) => {
        const r = amount(rate).dividedBy(100);
        return {
          title: `T${rate}`,
          rate,
          amount: format(included ? amount(gross).times(r).dividedBy(total.plus(1)) : amount(gross).times(r), currency),
        };
      });
    };
    const orderLines = lines.map((line, n) => {
      const price = format(amount(line.cents).times(unit), currency);
      const gross = amount(price).times(line.quantity);
      const discount = format(gross.times(line.discountShare).dividedBy(100), currency);
      return {
        id: `gid://shopify/LineItem/${n}`,
        sku: `SKU${n}`,
        title: `Line ${n}`,
        quantity: line.quantity,
        price,
        discount,
        taxes: taxFor(format(gross.minus(discount), currency), line.rates),
        variantId: null,
      };
    });
    const shippingPrice = format(amount(shipping).times(unit), currency);
    const shippingLines = shipping > 0 ? [{ title: "Ship", price: shippingPrice, taxes: taxFor(shippingPrice, ["22"]) }] : [];
    const gross = sum([...orderLines.map((l) => amount(l.price).times(l.quantity).minus(l.discount)), ...shippingLines.map((l) => amount(l.price))]);
    const tax = sum([...orderLines, ...shippingLines].flatMap((l) => l.taxes.map((t) => t.amount)));
    const total = included ? gross : gross.plus(tax);
    return shopifyOrderSchema.parse({
      ...order,
      currency,
      taxesIncluded: included,
      lines: orderLines,
      shippingLines,
      totals: { total: format(total, currency), tax: format(tax, currency) },
    });
  });

describe("the ERP lines of any order add up to Shopify's totals (property)", () => {
  it("net of each line rounded to the currency, plus its taxes, is Shopify's total and tax to the minor unit", () => {
    fc.assert(
      fc.property(randomOrder, (random) => {
        const totals = expectedTotals(erpLinesOf(random), random.currency);
        expect(totals.total).toBe(random.totals!.total);
        expect(totals.tax).toBe(random.totals!.tax);
      }),
      { numRuns: 400 },
    );
  });

  it("an ERP that works the taxes out from the rates on the net (taxes added to prices) gets Shopify's tax", () => {
    fc.assert(
      fc.property(
        randomOrder.filter((o) => !o.taxesIncluded),
        (random) => {
          const lines = erpLinesOf(random);
          const nets = lines.map((l) => amount(format(amount(l.unitPrice).times(l.quantity).minus(l.discount), random.currency)));
          const erpTax = sum(lines.flatMap((l, n) => l.taxes.map((t) => format(nets[n]!.times(t.rate).dividedBy(100), random.currency))));
          expect(format(erpTax, random.currency)).toBe(random.totals!.tax);
        },
      ),
      { numRuns: 300 },
    );
  });
});
