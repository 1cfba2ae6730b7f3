import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { INVOICE_METAFIELDS, POS_METAFIELDS, SALE_METAFIELDS } from "../../app/services/shopify/order-status.adapter.server";
import { ORDER_ERP_FAILED_TRIGGER } from "../../app/services/sync/orders/erp-failure-flow.server";
import { SEND_AGAIN_ACTION } from "../../app/services/sync/orders/flow-send-again.server";
import { flowTriggersFromExtensions } from "../../emulators/shopify/mutations/flow-trigger-receive";
import { describe, expect, it } from "vitest";
import { eventSubscriptionsFromToml, webhookSubscriptionsFromToml } from "../../emulators/shopify/app-config";
import { triggerMatches } from "../../emulators/shopify/order-events";
import { ORDER_EVENT_TRIGGERS, ORDER_EVENTS_API_VERSION, ORDER_EVENTS_HANDLE, ORDER_EVENTS_PATH } from "../../app/services/webhooks/order-events";
import { ORDER_WEBHOOK_FIELDS } from "../../app/services/shopify/shopify-order";
import { PRODUCT_WEBHOOK_FIELDS } from "../../app/services/sync/products/product-snapshots.server";
import { DEFAULT_SCOPES } from "../../app/services/config/app-config.server";

const root = path.resolve(import.meta.dirname, "../..");
const toml = readFileSync(path.join(root, "shopify.app.toml"), "utf8");

const subscriptions = [
  ...toml.matchAll(/\[\[webhooks\.subscriptions\]\]\s*\n\s*(compliance_topics|topics) = \["([^"]+)"\]\s*\n\s*uri = "([^"]+)"/g),
].map((match) => ({ kind: match[1], topic: match[2]!, uri: match[3]! }));

describe("shopify.app.toml", () => {
  it("pins API version 2026-07 for webhooks", () => {
    expect(toml).toMatch(/\[webhooks\]\s*\napi_version = "2026-07"/);
  });

  it("asks for the scopes the mission needs, the same the app asks at run time", () => {
    const scopes = toml.match(/scopes = "([^"]+)"/)?.[1]?.split(",") ?? [];
    for (const needed of ["orders", "products", "inventory", "locations", "customers", "fulfillments"]) {
      expect(scopes, needed).toContain(`read_${needed}`);
    }
    expect(scopes.join(",")).toBe(DEFAULT_SCOPES);
  });

  it("subscribes to every topic the mission needs, compliance ones included", () => {
    expect(subscriptions.map((s) => s.topic).sort()).toEqual(
      [
        "orders/create",
        "orders/paid",
        "orders/cancelled",
        "refunds/create",
        "returns/close",
        "products/create",
        "products/update",
        "products/delete",
        "customers/update",
        "app/uninstalled",
        "app/scopes_update",
        "bulk_operations/finish",
        "customers/data_request",
        "customers/redact",
        "shop/redact",
      ].sort(),
    );
    expect(
      subscriptions
        .filter((s) => s.kind === "compliance_topics")
        .map((s) => s.topic)
        .sort(),
    ).toEqual(["customers/data_request", "customers/redact", "shop/redact"]);
  });

  it("asks each order and product topic for the fields Ponte reads and no more, and sets no filter", () => {
    const declared = webhookSubscriptionsFromToml(toml);
    const fieldsOf = (topic: string) => declared.find((subscription) => subscription.topic === topic)?.includeFields;
    for (const topic of ["orders/create", "orders/paid", "orders/cancelled"]) {
      expect(fieldsOf(topic), topic).toEqual([...ORDER_WEBHOOK_FIELDS]);
    }
    for (const topic of ["products/create", "products/update"]) expect(fieldsOf(topic), topic).toEqual([...PRODUCT_WEBHOOK_FIELDS]);
    // Neither the tags nor the metafields Ponte writes on an order are asked for.
    expect(ORDER_WEBHOOK_FIELDS).not.toContain("tags");
    expect(ORDER_WEBHOOK_FIELDS).not.toContain("metafields");
    // No filter can tell Ponte's own writes from the merchant's (shopify.app.toml says why).
    expect(declared.filter((subscription) => subscription.filter)).toEqual([]);
  });

  it("takes an order's later changes from Events, triggered by the fields Ponte reads and never by its own tags or metafields", () => {
    const events = eventSubscriptionsFromToml(toml);
    expect(events?.apiVersion).toBe(ORDER_EVENTS_API_VERSION);
    expect(events?.subscriptions).toEqual([
      { handle: ORDER_EVENTS_HANDLE, topic: "Order", actions: ["update"], triggers: [...ORDER_EVENT_TRIGGERS], uri: ORDER_EVENTS_PATH },
    ]);
    const ownWrites = ["order[id: 'gid://shopify/Order/1'].tags", "order[id: 'gid://shopify/Order/1'].metafields[id: 'gid://shopify/Metafield/2']"];
    for (const path of ownWrites)
      expect(
        ORDER_EVENT_TRIGGERS.some((trigger) => triggerMatches(trigger, path)),
        path,
      ).toBe(false);
    // Every webhook field Ponte reads that can change after the order is placed has its trigger (the rest: ids, the
    // order's creation, its currency and source, calculated totals, and what another topic brings).
    const fixed = ["id", "admin_graphql_api_id", "name", "created_at", "updated_at", "currency", "source_name"];
    const calculated = ["total_price", "total_tax", "current_total_price", "current_total_tax"];
    const otherTopics = ["customer", "company"]; // customers/update; a B2B order's company is set when it is placed
    const triggered = ORDER_WEBHOOK_FIELDS.filter((field) => ![...fixed, ...calculated, ...otherTopics].includes(field));
    const graphqlName: Record<string, string> = {
      contact_email: "email",
      financial_status: "displayFinancialStatus",
      note_attributes: "customAttributes",
    };
    for (const field of triggered) {
      const name = graphqlName[field] ?? field.replace(/_([a-z])/g, (_m, letter: string) => letter.toUpperCase());
      expect(
        ORDER_EVENT_TRIGGERS.some((trigger) => trigger === `order.${name}` || trigger === `order.${name}.*`),
        field,
      ).toBe(true);
    }
  });

  it("defines every app-owned order metafield Ponte writes, with the type it writes", () => {
    for (const { key, type } of [...Object.values(INVOICE_METAFIELDS), ...Object.values(SALE_METAFIELDS), ...Object.values(POS_METAFIELDS)]) {
      const section = new RegExp(`\\[order\\.metafields\\.app\\.${key}\\]\\s*\\ntype = "([^"]+)"\\s*\\nname = "[^"]+"`).exec(toml);
      expect(section?.[1], key).toBe(type);
    }
  });

  it("routes each topic to a route file that serves exactly that topic", () => {
    for (const { topic, uri } of subscriptions) {
      const file = path.join(root, "app", "routes", `${uri.replace(/^\//, "").replaceAll("/", ".")}.tsx`);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, "utf8")).toContain(`webhookAction("${topic.replace("/", "_").toUpperCase()}")`);
    }
  });

  it("declares the Flow trigger Ponte sends as Flow's trigger reference asks, with the fields its payload carries", () => {
    const file = readFileSync(path.join(root, "extensions", "order-erp-failed", "shopify.extension.toml"), "utf8");
    expect(file).toMatch(/^\[\[extensions\]\]\s*\nname = "[^"]+"\s*\ntype = "flow_trigger"\s*\nhandle = "order-erp-failed"/m);
    // A handle: at most 30 characters, letters, digits and hyphens; a custom field's key: letters and spaces.
    expect(ORDER_ERP_FAILED_TRIGGER).toMatch(/^[A-Za-z0-9-]{1,30}$/);
    const [trigger] = flowTriggersFromExtensions(path.join(root, "extensions"));
    expect(trigger).toEqual({ handle: ORDER_ERP_FAILED_TRIGGER, keys: ["order_id", "Reason", "ERP"] });
    for (const key of trigger!.keys.filter((k) => k !== "order_id")) expect(key).toMatch(/^[A-Za-z\s]*$/);
  });

  it("declares the Flow action Ponte serves, its runtime URL on the app's host and a route that answers it", () => {
    const file = readFileSync(path.join(root, "extensions", "send-order-to-erp", "shopify.extension.toml"), "utf8");
    expect(file).toMatch(/^\[\[extensions\]\]\s*\nname = "[^"]+"\s*\ntype = "flow_action"\s*\nhandle = "send-order-to-erp"/m);
    expect(SEND_AGAIN_ACTION).toBe("send-order-to-erp");
    const host = /^application_url = "([^"]+)"/m.exec(toml)![1]!;
    const runtime = new URL(/^runtime_url = "([^"]+)"/m.exec(file)![1]!);
    expect(runtime.origin).toBe(new URL(host).origin);
    expect(existsSync(path.join(root, "app", "routes", `${runtime.pathname.slice(1).replaceAll("/", ".")}.tsx`))).toBe(true);
    expect(file).toMatch(/\[\[settings\.fields\]\]\s*type = "order_reference"\s*required = true/);
  });
});
