/**
 * Ponte's subscription to Shopify's Events (API version 2026-10) for changes to an order: the successor of the
 * classic orders/updated webhook, with field-level `triggers`. It names only the order fields Ponte reads, so the
 * tags and app-owned metafields Ponte writes on an order never come back to it as work (a classic webhook fires on
 * any change, and its filter cannot tell who made one). shopify.app.toml declares it; test/unit/shopify-app-config
 * keeps the two the same.
 *
 * A delivery carries which fields changed, not the order: the inbox drain reads the order through the Admin API
 * (readOrder), as the reconciliation does. Sources: shopify.dev/docs/api/events (the Order topic, triggers and
 * delivery structure), the changelog of 2026-09-16 (fields_changed's added / updated / removed; parent triggers
 * with ".*"), and the headers Shopify's own library reads (@shopify/shopify-api, ShopifyEventsHeader).
 */
import { z } from "zod";

export const ORDER_EVENTS_API_VERSION = "2026-10";
export const ORDER_EVENTS_HANDLE = "ponte-order-changes";
/** Where Shopify posts them (the app's path). */
export const ORDER_EVENTS_PATH = "/events/orders";
/** The inbox topic a delivery is kept under. */
export const ORDER_EVENT_TOPIC = "ORDER_EVENT_UPDATE";

/**
 * The Order fields whose change Ponte acts on: what the order's export, its refunds and exchanges, its cancellation
 * and its payment read (the GraphQL names of the webhook fields of ORDER_WEBHOOK_FIELDS that can change after the
 * order is placed). Not its tags, not its metafields: Ponte writes those. Totals are calculated fields (no trigger):
 * they move with the lines, shipping and refunds named here.
 */
export const ORDER_EVENT_TRIGGERS = [
  "order.email",
  "order.phone",
  "order.note",
  "order.customAttributes",
  "order.cancelledAt",
  "order.displayFinancialStatus",
  "order.taxesIncluded",
  "order.lineItems.*",
  "order.shippingLines.*",
  "order.shippingAddress.*",
  "order.billingAddress.*",
  "order.refunds.*",
] as const;

const pathList = z.array(z.string()).default([]);

/** The body of an Order delivery, as far as Ponte reads it. */
export const orderEventBody = z.object({
  topic: z.literal("Order"),
  action: z.enum(["create", "update", "delete"]),
  handle: z.string(),
  fields_changed: z.object({ added: pathList, updated: pathList, removed: pathList }),
});

/** An order's id as Events name it (shopify-resource-id). */
export const ORDER_GID = /^gid:\/\/shopify\/Order\/\d+$/;

/** What the inbox keeps of a delivery: its body and the order it is about (shopify-resource-id). */
export const storedOrderEvent = orderEventBody.extend({ resource_id: z.string().regex(ORDER_GID) });
export type StoredOrderEvent = z.infer<typeof storedOrderEvent>;

/** The order a delivery is about: its shopify-resource-id header, else the order named by its first changed path. */
export function orderIdOfEvent(resourceId: string | null | undefined, body: z.infer<typeof orderEventBody>): string | null {
  if (resourceId) return resourceId;
  const first = changedPaths(body)[0];
  return /^order\[id: '(gid:\/\/shopify\/Order\/\d+)'\]/.exec(first ?? "")?.[1] ?? null;
}

/** Whether any changed path is under the order's refunds (then they are read too). */
export function refundsChanged(event: StoredOrderEvent): boolean {
  return changedPaths(event).some((path) => /^order\[[^\]]*\]\.refunds\b/.test(path));
}

/** Every path a delivery says changed: added, updated and removed. */
function changedPaths({ fields_changed: changed }: z.infer<typeof orderEventBody>): string[] {
  return [...changed.added, ...changed.updated, ...changed.removed];
}
