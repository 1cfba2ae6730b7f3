// GIVEN real orders captured from live stores (test/fixtures/shopify-orders) and the fields Ponte's order topics ask
//       Shopify for (include_fields: ORDER_WEBHOOK_FIELDS)
// WHEN each order is read whole, and read as Shopify sends it under include_fields
// THEN Ponte reads the same order and the same refunds from both: asking for fewer fields loses nothing it books
import { describe, expect, it } from "vitest";
import { ORDER_WEBHOOK_FIELDS, orderFromWebhook } from "../../app/services/shopify/shopify-order";
import { refundsOfOrderWebhook } from "../../app/services/shopify/shopify-refund";
import { includeFields } from "../../emulators/shopify/webhook-filter";
import { capturedOrders } from "../support/captured-orders";

const read = (payload: unknown) => {
  try {
    return { order: orderFromWebhook(payload), refunds: refundsOfOrderWebhook(payload) };
  } catch (error) {
    return { refused: (error as Error).message };
  }
};

describe("the fields Ponte's order topics ask for", () => {
  const corpus = capturedOrders();
  it("cover a corpus of real orders", () => expect(corpus.length).toBeGreaterThan(10));

  it.each(corpus.map((captured) => [captured.source, captured.payload] as const))("%s: read the same under include_fields", (_, payload) => {
    const reduced = includeFields(payload, ORDER_WEBHOOK_FIELDS) as Record<string, unknown>;
    expect(JSON.stringify(reduced).length).toBeLessThanOrEqual(JSON.stringify(payload).length);
    expect(read(reduced)).toEqual(read(payload));
  });
});
