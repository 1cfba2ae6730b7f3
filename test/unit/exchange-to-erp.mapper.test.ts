// GIVEN an order whose returned line had a discount and two units with IVA included, and a return exchanging one unit
// WHEN the exchange's ERP lines and the returned goods' value are worked out, and a refund of the return is checked
// THEN the returned unit is worth its share of the line after discount with its share of the tax; the new items are
//      the order's exchange lines as the export books them; a refund is checked against the goods less the new items
import { describe, expect, it } from "vitest";
import { shopifyOrderSchema, type ShopifyOrder } from "../../app/services/shopify/shopify-order";
import { returnFromAdminApi } from "../../app/services/shopify/shopify-return";
import { exchangeLinesOf, exchangeSaleReference, exchangeTotal, returnedGoodsAtValue } from "../../app/services/sync/refunds/exchange-to-erp.mapper";
import { checkAgainstExchange, type RefundMoneyCheck } from "../../app/services/sync/refunds/refund-to-credit-note.mapper";
import { expectedTotals } from "../../app/services/sync/orders/order-to-erp.mapper";

const order: ShopifyOrder = shopifyOrderSchema.parse({
  id: "gid://shopify/Order/1",
  name: "#1001",
  email: null,
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-22T10:00:00.000Z",
  cancelledAt: null,
  financialStatus: "PAID",
  currency: "EUR",
  taxesIncluded: true,
  customer: null,
  shippingAddress: null,
  lines: [
    {
      id: "gid://shopify/LineItem/11",
      sku: "MOKA-3",
      title: "Moka 3 tazze",
      quantity: 2,
      price: "29.00",
      discount: "5.80",
      taxes: [{ title: "IVA", rate: "22", amount: "9.41" }],
      variantId: "gid://shopify/ProductVariant/5",
    },
    {
      id: "gid://shopify/LineItem/12",
      sku: "MOKA-6",
      title: "Moka 6 tazze",
      quantity: 1,
      price: "39.00",
      discount: "0",
      taxes: [{ title: "IVA", rate: "22", amount: "7.03" }],
      variantId: "gid://shopify/ProductVariant/6",
    },
  ],
});

describe("an exchange booked in the ERP", () => {
  it("values a returned unit at its share of the line after discount, and its share of the tax", () => {
    const [line] = returnedGoodsAtValue(order, [
      {
        lineItemId: "gid://shopify/LineItem/11",
        sku: "MOKA-3",
        title: "Moka 3 tazze",
        variantId: "gid://shopify/ProductVariant/5",
        quantity: 1,
        locationId: "L1",
      },
    ])!;
    // The line: 2 x 29.00 - 5.80 = 52.20 with 9.41 IVA; one unit: 26.10, of which 4.705 -> 4.71 IVA (rounded to the cent).
    expect(line).toMatchObject({ sku: "MOKA-3", quantity: 1, restockLocationId: "L1", taxes: [{ title: "IVA", rate: "22", amount: "4.71" }] });
    expect(expectedTotals([line!], "EUR").total).toBe("26.10");
  });

  it("cannot value goods no longer on the order, and says so (null)", () => {
    expect(
      returnedGoodsAtValue(order, [
        { lineItemId: "gid://shopify/LineItem/99", sku: "X", title: "Gone", variantId: null, quantity: 1, locationId: null },
      ]),
    ).toBeNull();
  });

  it("books the new items as the export books order lines, and waits while one is not on the order yet", () => {
    const lines = exchangeLinesOf(order, ["gid://shopify/LineItem/12"])!;
    expect(lines.map((line) => [line.sku, line.quantity])).toEqual([["MOKA-6", 1]]);
    expect(exchangeTotal(lines, "EUR")).toBe("39.00");
    expect(exchangeLinesOf(order, ["gid://shopify/LineItem/12", "gid://shopify/LineItem/13"])).toBeNull();
    expect(exchangeSaleReference("ponte-demo #1001", "gid://shopify/Return/77")).toBe("ponte-demo #1001/X77");
  });

  it("checks a refund of the return against the goods back less the new items, never below zero", () => {
    const check = (booked: string, refunded: string): RefundMoneyCheck => ({
      booked,
      currency: "EUR",
      refunded,
      refundedCurrency: "EUR",
      pending: "0.00",
      differs: booked !== refunded,
      comparedValue: booked,
    });
    expect(checkAgainstExchange(check("29.00", "10.00"), "19.00")).toMatchObject({
      differs: false,
      exchange: { total: "19.00", paidByBuyer: "0.00" },
    });
    expect(checkAgainstExchange(check("29.00", "0.00"), "39.00")).toMatchObject({ differs: false, exchange: { paidByBuyer: "10.00" } });
    expect(checkAgainstExchange(check("29.00", "12.00"), "19.00")).toMatchObject({ differs: true, comparedValue: "10.00" });
    // A refund in the buyer's currency is not compared this way (left as checked).
    const usd = { ...check("29.00", "31.00"), refundedCurrency: "USD" };
    expect(checkAgainstExchange(usd, "19.00")).toBe(usd);
  });
});

describe("a return read from the Admin API", () => {
  it("keeps every unit processed back with where it was restocked, and the order lines of its processed exchange items", () => {
    const made = returnFromAdminApi({
      id: "gid://shopify/Return/77",
      name: "#1001-R1",
      status: "CLOSED",
      order: { id: "gid://shopify/Order/1" },
      reverseFulfillmentOrders: {
        nodes: [
          {
            lineItems: {
              nodes: [
                {
                  fulfillmentLineItem: {
                    lineItem: {
                      id: "gid://shopify/LineItem/11",
                      sku: "MOKA-3",
                      title: "Moka 3 tazze",
                      isGiftCard: false,
                      variant: { id: "gid://shopify/ProductVariant/5" },
                    },
                  },
                  dispositions: [
                    { type: "RESTOCKED", quantity: 1, location: { id: "gid://shopify/Location/1" } },
                    { type: "NOT_RESTOCKED", quantity: 1, location: null },
                  ],
                },
              ],
            },
          },
        ],
      },
      returnLineItems: {
        nodes: [
          {
            processedQuantity: 2,
            fulfillmentLineItem: {
              lineItem: {
                id: "gid://shopify/LineItem/11",
                sku: "MOKA-3",
                title: "Moka 3 tazze",
                isGiftCard: false,
                variant: { id: "gid://shopify/ProductVariant/5" },
              },
            },
          },
          {
            // Processed with no disposition given (Shopify's dispositions are optional): back, not restocked.
            processedQuantity: 1,
            fulfillmentLineItem: {
              lineItem: {
                id: "gid://shopify/LineItem/13",
                sku: "TAZZA",
                title: "Tazzina",
                isGiftCard: false,
                variant: { id: "gid://shopify/ProductVariant/7" },
              },
            },
          },
          {},
        ],
      },
      exchangeLineItems: {
        nodes: [
          { id: "gid://shopify/ExchangeLineItem/5", processedQuantity: 1, lineItems: [{ id: "gid://shopify/LineItem/12" }] },
          { id: "gid://shopify/ExchangeLineItem/6", processedQuantity: 0, lineItems: [] },
        ],
      },
      refunds: { nodes: [] },
    });
    expect(made.returned.map((goods) => [goods.sku, goods.quantity, goods.locationId])).toEqual([
      ["MOKA-3", 1, "gid://shopify/Location/1"],
      ["MOKA-3", 1, null],
      ["TAZZA", 1, null],
    ]);
    expect(made.restocked).toHaveLength(1);
    expect(made.exchangeLineIds).toEqual(["gid://shopify/LineItem/12"]);
  });
});
