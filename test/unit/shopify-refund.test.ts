// GIVEN real refunds captured from live stores and Shopify's own samples (test/fixtures/shopify-refunds), and refunds
//       built here for what the corpus lacks (taxes included, a second currency, a partial refund for less)
// WHEN each is read and turned into credit-note lines
// THEN the credit note comes to what Shopify's successful refund transactions gave back, to the cent; restocked goods
//      name their location; shipping listed twice (refund_shipping_lines and the older shipping_refund adjustment) is
//      booked once; a pending transaction is not counted as refunded; money in another currency is booked in the
//      shop's and compared in the buyer's
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { amount, sum } from "../../app/services/money/money";
import {
  isRestocked,
  refundFromRecord,
  refundFromWebhook,
  refundsOfOrderWebhook,
  type ShopifyRefund,
} from "../../app/services/shopify/shopify-refund";
import {
  checkRefundMoney,
  creditLinesOf,
  creditNoteReference,
  expectedCreditTotals,
} from "../../app/services/sync/refunds/refund-to-credit-note.mapper";

const SKUS = { custom: "PONTE-CUSTOM", gift_card: "PONTE-GIFT-CARD" };
const fixture = (name: string): unknown => {
  const json = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../fixtures/shopify-refunds", name), "utf8")) as { refund?: unknown };
  return json.refund ?? json;
};

describe("real captured refunds", () => {
  it("a POS return of 4 units with GST and RST, restocked at its location: 161.25 CAD, as the card was refunded", () => {
    const refund = refundFromWebhook(fixture("winnipeg-pool-store-refund-return.json"));
    expect(refund).toMatchObject({
      id: "gid://shopify/Refund/975224602904",
      orderId: "gid://shopify/Order/6022498320664",
      returnId: "gid://shopify/Return/6701154584",
      currency: "CAD",
      presentmentCurrency: null,
      transactions: { currency: "CAD", succeeded: "161.25", pending: "0" },
    });
    const [line] = refund.lines;
    expect(line).toMatchObject({
      sku: "PRC35120",
      quantity: 4,
      restockType: "return",
      locationId: "gid://shopify/Location/5791776832",
      subtotal: "143.97",
      tax: "17.28",
    });
    expect(line!.taxes).toEqual([
      { title: "GST", rate: "5", amount: "7.20" },
      { title: "RST", rate: "7", amount: "10.08" },
    ]);
    expect(isRestocked(line!)).toBe(true);

    const lines = creditLinesOf(refund, false, SKUS);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ sku: "PRC35120", quantity: 4, unitPrice: "35.9925", restockLocationId: "gid://shopify/Location/5791776832" });
    expect(expectedCreditTotals(lines, "CAD")).toEqual({ total: "161.25", tax: "17.28" });
    expect(checkRefundMoney(refund, lines, false)).toMatchObject({ booked: "161.25", refunded: "161.25", differs: false });
  });

  it("Shopify's shipping-only refund lists the 5.00 twice (shipping line and shipping_refund adjustment) and is booked once", () => {
    const refund = refundFromWebhook(fixture("shopify-app-js-refund-shipping-2025-04.json"));
    expect(refund.shipping).toEqual([
      { title: "Free Shipping", amount: "5.00", tax: "0.00", taxes: [], presentment: { subtotal: "5.00", tax: "0" } },
    ]);
    expect(refund.adjustments).toEqual([]);
    const lines = creditLinesOf(refund, false, SKUS);
    expect(lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.restockLocationId])).toEqual([["SHIPPING", 1, "5.00", null]]);
    expect(checkRefundMoney(refund, lines, false)).toMatchObject({ booked: "5.00", refunded: "5.00", differs: false });
  });

  it("a refund with no lines, a pending transaction and two adjustments that cancel out books nothing and counts nothing as refunded yet", () => {
    const refund = refundFromWebhook(fixture("india-store-refund-discrepancy-pending.json"));
    expect(refund.transactions).toEqual({ currency: "INR", succeeded: "0", pending: "664.05" });
    expect(refund.adjustments.map((a) => a.amount)).toEqual(["-664.05", "664.05"]);
    const lines = creditLinesOf(refund, false, SKUS);
    expect(expectedCreditTotals(lines, "INR").total).toBe("0.00");
    expect(checkRefundMoney(refund, lines, false)).toMatchObject({ booked: "0.00", refunded: "0.00", pending: "664.05", differs: false });
  });
});

/** A refund built here in Shopify's REST shape. */
function built(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const bag = (value: string, currency = "EUR", presentment?: [string, string]) => ({
    shop_money: { amount: value, currency_code: currency },
    presentment_money: { amount: presentment?.[0] ?? value, currency_code: presentment?.[1] ?? currency },
  });
  return {
    id: 9001,
    admin_graphql_api_id: "gid://shopify/Refund/9001",
    order_id: 1001,
    created_at: "2026-12-02T10:00:00+01:00",
    note: "wrong size",
    refund_line_items: [
      {
        id: 1,
        quantity: 1,
        line_item_id: 11,
        location_id: 77,
        restock_type: "return",
        subtotal_set: bag("18.90"),
        total_tax_set: bag("3.41"),
        line_item: {
          admin_graphql_api_id: "gid://shopify/LineItem/11",
          title: "Caffè 1 kg",
          sku: "CAF-1KG",
          variant_id: 5,
          quantity: 2,
          tax_lines: [{ title: "IVA", rate: 0.22, price_set: bag("6.82") }],
        },
      },
    ],
    refund_shipping_lines: [],
    order_adjustments: [],
    transactions: [{ kind: "refund", status: "success", amount: "18.90", currency: "EUR" }],
    ...overrides,
  };
}

describe("refunds built here", () => {
  it("taxes included (EU): the line's subtotal holds its tax, so the net is 18.90 - 3.41 and the credit comes to 18.90", () => {
    const refund = refundFromWebhook(built());
    const lines = creditLinesOf(refund, true, SKUS);
    expect(lines[0]).toMatchObject({ unitPrice: "15.49", taxes: [{ title: "IVA", rate: "22", amount: "3.41" }] });
    expect(checkRefundMoney(refund, lines, true)).toMatchObject({ booked: "18.90", refunded: "18.90", differs: false });
  });

  it("a partial refund for less than the line was worth: the adjustment (positive in Shopify) takes the difference off", () => {
    const refund = refundFromWebhook(
      built({
        order_adjustments: [{ amount: "4.90", tax_amount: "0.00", kind: "refund_discrepancy", reason: "Refund discrepancy" }],
        transactions: [{ kind: "refund", status: "success", amount: "14.00", currency: "EUR" }],
      }),
    );
    const lines = creditLinesOf(refund, true, SKUS);
    expect(lines.map((l) => [l.sku, l.unitPrice])).toEqual([
      ["CAF-1KG", "15.49"],
      ["PONTE-CUSTOM", "-4.90"],
    ]);
    expect(checkRefundMoney(refund, lines, true)).toMatchObject({ booked: "14.00", refunded: "14.00", differs: false });
  });

  it("paid in another currency: booked in the shop's (EUR), compared in the buyer's (USD)", () => {
    const bag = (eur: string, usd: string) => ({
      shop_money: { amount: eur, currency_code: "EUR" },
      presentment_money: { amount: usd, currency_code: "USD" },
    });
    const refund = refundFromWebhook(
      built({
        refund_line_items: [
          {
            id: 1,
            quantity: 1,
            line_item_id: 11,
            location_id: null,
            restock_type: "no_restock",
            subtotal_set: bag("20.00", "21.60"),
            total_tax_set: bag("4.40", "4.75"),
            line_item: {
              title: "Caffè 1 kg",
              sku: "CAF-1KG",
              variant_id: 5,
              tax_lines: [{ title: "IVA", rate: 0.22, price_set: bag("4.40", "4.75") }],
            },
          },
        ],
        transactions: [{ kind: "refund", status: "success", amount: "26.35", currency: "USD" }],
      }),
    );
    expect(refund).toMatchObject({ currency: "EUR", presentmentCurrency: "USD" });
    const lines = creditLinesOf(refund, false, SKUS);
    expect(lines[0]).toMatchObject({ unitPrice: "20.00", restockLocationId: null });
    expect(checkRefundMoney(refund, lines, false)).toMatchObject({
      booked: "24.40",
      currency: "EUR",
      refunded: "26.35",
      refundedCurrency: "USD",
      comparedValue: "26.35",
      differs: false,
    });
  });

  it("flags a refund whose lines do not add up to what was refunded", () => {
    const refund = refundFromWebhook(built({ transactions: [{ kind: "refund", status: "success", amount: "19.00", currency: "EUR" }] }));
    expect(checkRefundMoney(refund, creditLinesOf(refund, true, SKUS), true).differs).toBe(true);
  });

  it("no_restock lines bring nothing back; cancel lines do", () => {
    const base = built() as { refund_line_items: Array<Record<string, unknown>> };
    const noRestock = refundFromWebhook({ ...base, refund_line_items: [{ ...base.refund_line_items[0], restock_type: "no_restock" }] });
    const cancelled = refundFromWebhook({ ...base, refund_line_items: [{ ...base.refund_line_items[0], restock_type: "cancel" }] });
    expect(creditLinesOf(noRestock, true, SKUS)[0]!.restockLocationId).toBeNull();
    expect(creditLinesOf(cancelled, true, SKUS)[0]!.restockLocationId).toBe("gid://shopify/Location/77");
  });

  it("reads an order webhook's refunds, leaving out one it cannot read, and keeps a refund as it reads it back", () => {
    const refunds = refundsOfOrderWebhook({ refunds: [built(), { id: "not a refund" }] });
    expect(refunds.map((r: ShopifyRefund) => r.id)).toEqual(["gid://shopify/Refund/9001"]);
    expect(refundFromRecord(JSON.parse(JSON.stringify(refunds[0])))).toEqual(refunds[0]);
    expect(creditNoteReference("ponte-demo #1001", refunds[0]!)).toBe("ponte-demo #1001/R9001");
  });

  it("splits a line's tax over its stacked taxes to the cent", () => {
    const refund = refundFromWebhook(fixture("winnipeg-pool-store-refund-return.json"));
    expect(sum(refund.lines[0]!.taxes.map((t) => t.amount)).equals(amount(refund.lines[0]!.tax))).toBe(true);
  });
});
