/**
 * Shopify's Events (the successor of classic webhooks, GA from API version 2026-10) for the Order topic, as the
 * emulator applies them: a subscription names the actions (create, update, delete) and the `triggers`, field paths of
 * the GraphQL Order object ("order.tags", "order.lineItems.*" for everything below a parent); an update is delivered
 * only when a changed path matches one of them. The delivery's body carries `topic`, `action`, `handle` and
 * `fields_changed` ({ added, updated, removed }: paths such as
 * "order[id: 'gid://shopify/Order/1'].lineItems[id: 'gid://shopify/LineItem/2'].quantity").
 * Sources: shopify.dev/docs/api/events (the Order topic: "create, delete, and update events, as well as changes to
 * specific fields"; calculated fields and auto-updated timestamps are no triggers), the changelog of 2026-09-16
 * ("fields_changed now describes how each path changed", "parent triggers use an explicit wildcard"), and the
 * headers Shopify's own library reads (shopify-api: ShopifyEventsHeader).
 *
 * The emulator derives the changed paths by comparing the order's webhook body before and after (it knows the
 * order's REST shape; each REST field is named by its GraphQL field). A subscription's `query` and `query_filter` are
 * not emulated: a TOML that sets one is refused at load, rather than silently delivering without it.
 */

export interface EventSubscription {
  handle: string;
  /** "Order": the only topic the emulator emits. */
  topic: string;
  actions: Array<"create" | "update" | "delete">;
  triggers: string[];
  /** Path on the app, e.g. "/events/orders". */
  uri: string;
}

export interface FieldsChanged {
  added: string[];
  updated: string[];
  removed: string[];
}

/** REST fields named otherwise in the GraphQL Order (the rest are the same name in camelCase). */
const GRAPHQL_NAMES: Record<string, string> = {
  financial_status: "displayFinancialStatus",
  fulfillment_status: "displayFulfillmentStatus",
  note_attributes: "customAttributes",
  contact_email: "email",
  cancel_reason: "cancelReason",
};

/** Fields no change is reported on: ids, auto-updated timestamps, calculated totals. */
const NOT_TRIGGERS = new Set([
  "id",
  "admin_graphql_api_id",
  "updated_at",
  "created_at",
  "total_price",
  "total_tax",
  "current_total_price",
  "current_total_tax",
  "subtotal_price",
  "current_subtotal_price",
  "total_discounts",
  "current_total_discounts",
]);

/** The GraphQL type of a list's elements, for a REST element that has a numeric id only. */
const ELEMENT_TYPES: Record<string, string> = {
  line_items: "LineItem",
  shipping_lines: "ShippingLine",
  refunds: "Refund",
  fulfillments: "Fulfillment",
};

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function elementId(field: string, element: Record<string, unknown>): string | null {
  if (typeof element.admin_graphql_api_id === "string") return element.admin_graphql_api_id;
  if (element.id !== undefined && element.id !== null && ELEMENT_TYPES[field]) return `gid://shopify/${ELEMENT_TYPES[field]}/${String(element.id)}`;
  return null;
}

/** The paths that changed between two webhook bodies of one order (`before` null: the order is new). */
export function orderFieldsChanged(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldsChanged {
  const changed: FieldsChanged = { added: [], updated: [], removed: [] };
  const root = `order[id: '${String(after.admin_graphql_api_id)}']`;
  for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after)])) {
    if (NOT_TRIGGERS.has(field)) continue;
    const was = before?.[field];
    const now = after[field];
    if (same(was, now)) continue;
    const path = `${root}.${GRAPHQL_NAMES[field] ?? camel(field)}`;
    const listOfEntities = [was, now].some(
      (value) => Array.isArray(value) && value.some((element) => isObject(element) && elementId(field, element)),
    );
    if (listOfEntities) {
      const byId = (value: unknown) =>
        new Map(
          (Array.isArray(value) ? value : []).filter(isObject).flatMap((element) => {
            const id = elementId(field, element);
            return id ? [[id, element] as const] : [];
          }),
        );
      const old = byId(was);
      const fresh = byId(now);
      for (const [id, element] of fresh) {
        const previous = old.get(id);
        if (!previous) changed.added.push(`${path}[id: '${id}']`);
        else
          for (const key of new Set([...Object.keys(previous), ...Object.keys(element)]))
            if (!NOT_TRIGGERS.has(key) && !same(previous[key], element[key])) changed.updated.push(`${path}[id: '${id}'].${camel(key)}`);
      }
      for (const id of old.keys()) if (!fresh.has(id)) changed.removed.push(`${path}[id: '${id}']`);
    } else if (isObject(was) && isObject(now)) {
      for (const key of new Set([...Object.keys(was), ...Object.keys(now)]))
        if (!same(was[key], now[key])) changed.updated.push(`${path}.${camel(key)}`);
    } else if ((was === undefined || was === null) && now !== null) changed.added.push(path);
    else if (now === null || now === undefined) changed.removed.push(path);
    else changed.updated.push(path);
  }
  return changed;
}

/** A changed path without its ids: "order[id: '…'].lineItems[id: '…'].quantity" is "order.lineItems.quantity". */
export function fieldOfPath(path: string): string {
  return path.replace(/\[[^\]]*\]/g, "");
}

/** Whether a trigger takes a changed path: a leaf trigger its own field, a parent trigger ("x.*") anything below x. */
export function triggerMatches(trigger: string, path: string): boolean {
  const field = fieldOfPath(path);
  if (trigger.endsWith(".*")) {
    const parent = trigger.slice(0, -2);
    return field === parent || field.startsWith(`${parent}.`);
  }
  return field === trigger;
}

/** Every changed path: added, updated and removed. */
export function allPaths(changed: FieldsChanged): string[] {
  return [...changed.added, ...changed.updated, ...changed.removed];
}

/** What of `changed` the subscription's triggers take (null: none, so nothing is delivered). */
export function triggeredChanges(subscription: EventSubscription, changed: FieldsChanged): FieldsChanged | null {
  const keep = (paths: string[]) => paths.filter((path) => subscription.triggers.some((trigger) => triggerMatches(trigger, path)));
  const kept = { added: keep(changed.added), updated: keep(changed.updated), removed: keep(changed.removed) };
  return allPaths(kept).length > 0 ? kept : null;
}
