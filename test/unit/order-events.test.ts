/**
 * Shopify's Events for the Order topic: the emulator's changed paths and trigger matching (order-events.ts of the
 * emulator), and Ponte's check of a delivery (checkSignedOrderEvent) with Events' own headers.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fieldOfPath, orderFieldsChanged, triggeredChanges, triggerMatches } from "../../emulators/shopify/order-events";
import { checkSignedOrderEvent } from "../../app/services/webhooks/webhook-body.server";
import { ORDER_EVENT_TOPIC, ORDER_EVENT_TRIGGERS, refundsChanged, storedOrderEvent } from "../../app/services/webhooks/order-events";

const ORDER = "gid://shopify/Order/42";
const root = `order[id: '${ORDER}']`;
const order = (change: Record<string, unknown> = {}) => ({
  id: 42,
  admin_graphql_api_id: ORDER,
  updated_at: "2026-12-03T10:00:00Z",
  email: "anna@example.com",
  tags: "",
  financial_status: "pending",
  total_price: "10.00",
  line_items: [{ id: 7, admin_graphql_api_id: "gid://shopify/LineItem/7", quantity: 2, price: "5.00" }],
  shipping_address: { city: "Milano", zip: "20100" },
  refunds: [],
  ...change,
});
const subscription = { handle: "h", topic: "Order", actions: ["update" as const], triggers: [...ORDER_EVENT_TRIGGERS], uri: "/events/orders" };

describe("the emulator's Order changes", () => {
  it("names each changed field by its GraphQL path, list elements by id, and leaves out timestamps and totals", () => {
    const changed = orderFieldsChanged(
      order(),
      order({
        updated_at: "2026-12-03T11:00:00Z",
        total_price: "15.00",
        financial_status: "paid",
        line_items: [
          { id: 7, admin_graphql_api_id: "gid://shopify/LineItem/7", quantity: 3, price: "5.00" },
          { id: 8, admin_graphql_api_id: "gid://shopify/LineItem/8", quantity: 1, price: "0.00" },
        ],
        shipping_address: { city: "Torino", zip: "20100" },
        refunds: [{ id: 5, order_id: 42 }],
      }),
    );
    expect(changed).toEqual({
      added: [`${root}.lineItems[id: 'gid://shopify/LineItem/8']`, `${root}.refunds[id: 'gid://shopify/Refund/5']`],
      updated: [`${root}.displayFinancialStatus`, `${root}.lineItems[id: 'gid://shopify/LineItem/7'].quantity`, `${root}.shippingAddress.city`],
      removed: [],
    });
    expect(fieldOfPath(changed.updated[1]!)).toBe("order.lineItems.quantity");
  });

  it("a removed line, and a field set to null, are removals", () => {
    const changed = orderFieldsChanged(order(), order({ line_items: [], shipping_address: null }));
    expect(changed.removed).toEqual([`${root}.lineItems[id: 'gid://shopify/LineItem/7']`, `${root}.shippingAddress`]);
  });

  it("matches a leaf trigger on its field only, and a parent trigger (.*) on everything below it", () => {
    expect(triggerMatches("order.tags", `${root}.tags`)).toBe(true);
    expect(triggerMatches("order.tags", `${root}.note`)).toBe(false);
    expect(triggerMatches("order.lineItems.*", `${root}.lineItems[id: 'gid://shopify/LineItem/7'].quantity`)).toBe(true);
    expect(triggerMatches("order.lineItems.*", `${root}.lineItems[id: 'gid://shopify/LineItem/8']`)).toBe(true);
    expect(triggerMatches("order.lineItems.quantity", `${root}.lineItems[id: 'gid://shopify/LineItem/7'].price`)).toBe(false);
    expect(triggerMatches("order.line", `${root}.lineItems[id: 'gid://shopify/LineItem/7']`)).toBe(false);
  });

  it("with Ponte's triggers, a tag written on the order is delivered to no one; a cancellation is", () => {
    expect(triggeredChanges(subscription, orderFieldsChanged(order(), order({ tags: "ponte-erp-ok" })))).toBeNull();
    expect(triggeredChanges(subscription, orderFieldsChanged(order(), order({ cancelled_at: "2026-12-03T12:00:00Z" })))).toEqual({
      added: [`${root}.cancelledAt`],
      updated: [],
      removed: [],
    });
    // A tag and a payment in one change: only the payment is reported.
    expect(triggeredChanges(subscription, orderFieldsChanged(order(), order({ tags: "x", financial_status: "paid" })))?.updated).toEqual([
      `${root}.displayFinancialStatus`,
    ]);
  });
});

const SECRET = "events-secret";
function delivery(body: unknown, headers: Record<string, string | undefined> = {}) {
  const raw = JSON.stringify(body);
  const all: Record<string, string | undefined> = {
    "shopify-hmac-sha256": createHmac("sha256", SECRET).update(raw, "utf8").digest("base64"),
    "shopify-topic": "Order",
    "shopify-shop-domain": "demo.myshopify.com",
    "shopify-api-version": "2026-10",
    "shopify-webhook-id": "w-1",
    "shopify-event-id": "e-1",
    "shopify-resource-id": ORDER,
    "shopify-action": "update",
    "shopify-handle": "ponte-order-changes",
    ...headers,
  };
  return checkSignedOrderEvent(raw, (name) => all[name.toLowerCase()], SECRET);
}
const body = {
  topic: "Order",
  action: "update",
  handle: "ponte-order-changes",
  fields_changed: { added: [], updated: [`${root}.note`], removed: [] },
};

describe("Ponte's check of an Order event", () => {
  it("keeps an authentic update under its inbox topic, with the order it names, once per shopify-webhook-id", () => {
    const checked = delivery(body);
    expect(checked).toMatchObject({
      ok: true,
      webhook: { shop: "demo.myshopify.com", topic: ORDER_EVENT_TOPIC, eventId: "w-1", webhookId: "w-1", apiVersion: "2026-10" },
    });
    if (!checked.ok) throw new Error("refused");
    expect(storedOrderEvent.parse(checked.webhook.payload).resource_id).toBe(ORDER);
  });

  it("without shopify-resource-id, takes the order from the changed path", () => {
    const checked = delivery(body, { "shopify-resource-id": undefined });
    expect(checked.ok && storedOrderEvent.parse(checked.webhook.payload).resource_id).toBe(ORDER);
  });

  it("refuses a wrong signature (401), and a delivery it cannot read with its reason (400)", () => {
    expect(delivery(body, { "shopify-hmac-sha256": "AAAA" })).toMatchObject({ ok: false, status: 401 });
    expect(delivery(body, { "shopify-event-id": undefined })).toMatchObject({
      ok: false,
      status: 400,
      reason: expect.stringContaining("shopify-event-id"),
    });
    expect(delivery(body, { "shopify-topic": "Product" })).toMatchObject({ ok: false, status: 400, reason: expect.stringContaining("Product") });
    expect(delivery({ ...body, action: "delete" })).toMatchObject({ ok: false, status: 400, reason: expect.stringContaining("delete") });
    expect(delivery({ topic: "Order" })).toMatchObject({ ok: false, status: 400, reason: expect.stringContaining("fields_changed") });
  });

  it("reads the refunds again only when a changed path is under them", () => {
    const stored = (paths: string[]) => storedOrderEvent.parse({ ...body, fields_changed: { added: paths }, resource_id: ORDER });
    expect(refundsChanged(stored([`${root}.refunds[id: 'gid://shopify/Refund/5']`]))).toBe(true);
    expect(refundsChanged(stored([`${root}.lineItems[id: 'gid://shopify/LineItem/7']`]))).toBe(false);
  });
});
