/**
 * orderCancel, fulfillmentCreate, fulfillmentEventCreate and tagsAdd (on orders). Shopify cancels asynchronously and
 * answers with a job; the emulator cancels at once and answers a job that is
 * already done. A fulfillment takes the lines of the order's fulfillment order
 * (all remaining ones when none are listed) and its tracking.
 */
import { fulfillmentEventView, fulfillmentView } from "../graphql-views";
import { gid, numericIdOf } from "../store/ids";
import type { EmulatedShop } from "../state";
import { orderPayload } from "../webhook-payloads";

export type Emit = (topic: string, payload: unknown) => void;

const REASONS = ["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"];

export function orderCancel(shop: EmulatedShop, args: { orderId: string; reason: string; restock: boolean }, emit: Emit) {
  const id = numericIdOf(args.orderId, "Order");
  const order = id !== null ? shop.orders.orders.get(id) : undefined;
  const refuse = (code: string, message: string) => ({
    job: null,
    orderCancelUserErrors: [{ code, field: ["orderId"], message }],
    userErrors: [{ field: ["orderId"], message }],
  });
  if (!order) return refuse("NOT_FOUND", "Order does not exist");
  if (order.cancelledAt) return refuse("INVALID", "Order has already been cancelled");
  if (!REASONS.includes(args.reason)) return refuse("INVALID", "Invalid cancel reason");
  if (order.fulfillmentStatus === "FULFILLED") return refuse("INVALID", "Cannot cancel a fulfilled order");
  shop.orders.cancelOrder(order.id, args.reason);
  emit("orders/cancelled", orderPayload(shop, order));
  emit("orders/updated", orderPayload(shop, order));
  return { job: { __typename: "Job", id: gid("Job", order.id), done: true }, orderCancelUserErrors: [], userErrors: [] };
}

interface FulfillmentInput {
  lineItemsByFulfillmentOrder: Array<{ fulfillmentOrderId: string; fulfillmentOrderLineItems?: Array<{ id: string; quantity: number }> | null }>;
  trackingInfo?: { company?: string | null; number?: string | null; url?: string | null } | null;
}

export function fulfillmentCreate(shop: EmulatedShop, input: FulfillmentInput, emit: Emit) {
  const refuse = (message: string) => ({ fulfillment: null, userErrors: [{ field: ["fulfillment"], message }] });
  if (input.lineItemsByFulfillmentOrder.length !== 1) return refuse("Exactly one fulfillment order per fulfillment is supported by the emulator");
  const group = input.lineItemsByFulfillmentOrder[0]!;
  const foId = numericIdOf(group.fulfillmentOrderId, "FulfillmentOrder");
  const order = foId !== null ? shop.orders.byFulfillmentOrder(foId) : undefined;
  if (!order) return refuse("Fulfillment order does not exist.");
  if (order.cancelledAt) return refuse("Fulfillment order is cancelled.");
  const lines: Record<number, number> = {};
  const requested =
    group.fulfillmentOrderLineItems ??
    order.lineItems.map((line) => ({ id: gid("FulfillmentOrderLineItem", line.id), quantity: shop.orders.remaining(order, line.id) }));
  for (const item of requested) {
    const lineId = numericIdOf(item.id, "FulfillmentOrderLineItem");
    if (lineId === null || !order.lineItems.some((line) => line.id === lineId))
      return refuse(`Fulfillment order line item ${item.id} does not exist.`);
    if (item.quantity <= 0 || item.quantity > shop.orders.remaining(order, lineId))
      return refuse(`Invalid fulfillment order line item quantity requested for ${item.id}.`);
    lines[lineId] = item.quantity;
  }
  if (Object.keys(lines).length === 0) return refuse("Nothing left to fulfill.");
  const tracking = input.trackingInfo
    ? { company: input.trackingInfo.company ?? null, number: input.trackingInfo.number ?? null, url: input.trackingInfo.url ?? null }
    : null;
  const fulfillment = shop.orders.fulfill(order.id, lines, tracking);
  emit("orders/updated", orderPayload(shop, order));
  return { fulfillment: fulfillmentView(order, fulfillment), userErrors: [] };
}

/** FulfillmentEventStatus of the 2026-07 schema. */
const EVENT_STATUSES = new Set([
  "ATTEMPTED_DELIVERY",
  "CARRIER_PICKED_UP",
  "CONFIRMED",
  "DELAYED",
  "DELIVERED",
  "FAILURE",
  "IN_TRANSIT",
  "LABEL_PRINTED",
  "LABEL_PURCHASED",
  "OUT_FOR_DELIVERY",
  "READY_FOR_PICKUP",
]);

interface FulfillmentEventInput {
  fulfillmentId: string;
  status: string;
  happenedAt?: string | null;
  message?: string | null;
}

/**
 * fulfillmentEventCreate: a tracking event on a fulfillment (happenedAt defaults to now). The fulfillment's
 * displayStatus follows its latest event; a DELIVERED event sets its deliveredAt. Each call adds an event, as
 * Shopify's does: whoever calls it twice gets two events.
 */
export function fulfillmentEventCreate(shop: EmulatedShop, input: FulfillmentEventInput) {
  const refuse = (field: string, message: string) => ({ fulfillmentEvent: null, userErrors: [{ field: ["fulfillmentEvent", field], message }] });
  const id = numericIdOf(input.fulfillmentId, "Fulfillment");
  const found = id !== null ? shop.orders.byFulfillment(id) : undefined;
  if (!found) return refuse("fulfillmentId", "Fulfillment does not exist");
  if (!EVENT_STATUSES.has(input.status)) return refuse("status", `Status is not included in the list`);
  if (input.happenedAt != null && Number.isNaN(Date.parse(input.happenedAt))) return refuse("happenedAt", "Happened at is invalid");
  const happenedAt = input.happenedAt != null ? new Date(input.happenedAt).toISOString() : null;
  const event = shop.orders.addFulfillmentEvent(found.order, found.fulfillment, { status: input.status, happenedAt, message: input.message ?? null });
  return { fulfillmentEvent: fulfillmentEventView(event), userErrors: [] };
}

/** tagsAdd on an order: adds the tags it lacks (Shopify keeps tags unique, case-insensitively) and bumps updatedAt. */
export function orderTagsAdd(shop: EmulatedShop, args: { id: string; tags: string[] }, emit: Emit) {
  const id = numericIdOf(args.id, "Order");
  const order = id !== null ? shop.orders.orders.get(id) : undefined;
  if (!order) return { node: null, userErrors: [{ field: ["id"], message: "Order does not exist" }] };
  const tags = args.tags
    .flatMap((tag) => tag.split(","))
    .map((tag) => tag.trim())
    .filter(Boolean);
  const missing = tags.filter((tag) => !order.tags.some((held) => held.toLowerCase() === tag.toLowerCase()));
  if (missing.length) {
    shop.orders.updateOrder(order.id, { tags: [...order.tags, ...missing] });
    emit("orders/updated", orderPayload(shop, order));
  }
  return { node: { __typename: "Order", id: gid("Order", order.id) }, userErrors: [] };
}
