/** Root fields of the Admin API that the emulator serves, over its in-memory state. */
import { getDirectiveValues, GraphQLError, type GraphQLFieldResolver } from "graphql";
import {
  customerView,
  fulfillmentOrderView,
  inventoryItemView,
  locationView,
  orderView,
  productView,
  returnView,
  shopView,
  variantView,
} from "./graphql-views";
import { bulkOperationView, type BulkOperationRecord } from "./bulk-operations";
import type { BulkMutationStart, StagedUploads } from "./bulk-mutations";
import { inventorySetQuantities } from "./mutations/inventory-set-quantities";
import { fulfillmentCreate, fulfillmentEventCreate, orderCancel, orderTagsAdd } from "./mutations/order-mutations";
import { metafieldsSet } from "./mutations/metafields-set";
import { flowTriggerReceive, flowTriggersFromExtensions, type FlowTriggerDefinition } from "./mutations/flow-trigger-receive";
import { refundCreate } from "./mutations/refund-create";
import { findReturn, returnClose, returnCreate, returnProcess } from "./mutations/returns";
import { productSet } from "./mutations/product-set";
import { shopLocalesView, translatableResourceView, translationsRegister } from "./mutations/translations";
import { productVariantsBulkUpdate } from "./mutations/product-variants-bulk-update";
import { connection, type ConnectionArgs } from "./store/connection";
import { numericIdOf } from "./store/ids";
import { matchesTerms, parseSearchQuery } from "./store/search-query";
import type { OrderRecord } from "./store/order-store";
import type { ProductRecord } from "./store/catalog-store";
import type { EmulatedShop } from "./state";

export interface RequestContext {
  shop: EmulatedShop;
  /** The emulator's own URL (bulk operation results are served from it). */
  baseUrl?: string;
  /** Starts a bulk operation; the server runs it and sends bulk_operations/finish. */
  startBulkOperation?: (shop: EmulatedShop, query: string) => Promise<BulkOperationRecord>;
  bulk?: boolean;
  /** Starts a bulk mutation over a staged upload, or says why not. */
  startBulkMutation?: (
    shop: EmulatedShop,
    mutation: string,
    stagedUploadPath: string,
  ) => Promise<Exclude<BulkMutationStart, { ok: true }> | { ok: true; operation: BulkOperationRecord }>;
  cancelBulkOperation?: (operation: BulkOperationRecord) => string | null;
  stagedUploads?: StagedUploads;
  /** Sends the webhooks a change triggers. */
  emit?: (topic: string, payload: unknown) => void;
  /** The app's webhook subscriptions, for the webhookSubscriptions query. */
  subscriptions?: Array<{ topic: string; uri: string }>;
}

export type Resolver = GraphQLFieldResolver<unknown, RequestContext>;

type ListArgs = ConnectionArgs & { query?: string | null; sortKey?: string | null };

const byId = (view: Record<string, unknown>) => String(view.id);

const idOf = numericIdOf;

function sortRecords<T extends { id: number; updatedAt: string; createdAt: string }>(records: T[], sortKey: string | null | undefined): T[] {
  const key = sortKey ?? "ID";
  const value = (record: T) =>
    key === "UPDATED_AT" ? Date.parse(record.updatedAt) : key === "CREATED_AT" ? Date.parse(record.createdAt) : record.id;
  return [...records].sort((a, b) => value(a) - value(b) || a.id - b.id);
}

function orderField(order: OrderRecord, field: string): string | number | null | undefined {
  switch (field) {
    case "updated_at":
      return order.updatedAt;
    case "created_at":
      return order.createdAt;
    case "name":
      return order.name;
    case "id":
      return order.id;
    case "financial_status":
      return order.financialStatus.toLowerCase();
    case "status":
      return order.cancelledAt ? "cancelled" : "open";
    default:
      return undefined;
  }
}

function productField(product: ProductRecord, field: string, shop: EmulatedShop): string | number | null | undefined {
  switch (field) {
    case "updated_at":
      return product.updatedAt;
    case "created_at":
      return product.createdAt;
    case "status":
      return product.status.toLowerCase();
    case "sku":
      return product.variantIds.map((id) => shop.catalog.variants.get(id)?.sku).find(Boolean) ?? null;
    case "id":
      return product.id;
    default:
      return undefined;
  }
}

export const rootResolvers: Record<string, Resolver> = {
  "QueryRoot.shop": (_s, _a, { shop }) => shopView(shop),
  "QueryRoot.locations": (_s, args, { shop }) => connection(shop.locations.map(locationView), args as ConnectionArgs, byId),
  "QueryRoot.location": (_s, args, { shop }) => {
    const id = idOf((args as { id: string }).id, "Location");
    const location = shop.locations.find((l) => l.id === id);
    return location ? locationView(location) : null;
  },
  "QueryRoot.products": (_s, args, { shop }) => {
    const { query, sortKey } = args as ListArgs;
    const terms = parseSearchQuery(query);
    const records = sortRecords([...shop.catalog.products.values()], sortKey).filter((p) => matchesTerms(terms, (f) => productField(p, f, shop)));
    return connection(
      records.map((p) => productView(shop, p)),
      args as ConnectionArgs,
      byId,
    );
  },
  // Counts as Shopify gives them: at most `limit` (10,000 by default), with AT_LEAST past it.
  "QueryRoot.productsCount": (_s, args, { shop }) => {
    const terms = parseSearchQuery((args as ListArgs).query);
    const matching = [...shop.catalog.products.values()].filter((p) => matchesTerms(terms, (f) => productField(p, f, shop))).length;
    return countView(matching, (args as { limit?: number | null }).limit);
  },
  "QueryRoot.productVariantsCount": (_s, args, { shop }) => countView(shop.catalog.variants.size, (args as { limit?: number | null }).limit),
  // The distinct non-empty product types, in alphabetical order, as a StringConnection.
  "QueryRoot.productTypes": (_s, args, { shop }) => {
    const types = [...new Set([...shop.catalog.products.values()].map((p) => p.productType).filter(Boolean))].sort();
    return connection(types, args as ConnectionArgs, (type) => type);
  },
  "QueryRoot.product": (_s, args, { shop }) => {
    const product = shop.catalog.products.get(idOf((args as { id: string }).id, "Product") ?? -1);
    return product ? productView(shop, product) : null;
  },
  "QueryRoot.productVariants": (_s, args, { shop }) => {
    const terms = parseSearchQuery((args as ListArgs).query);
    const records = [...shop.catalog.variants.values()].filter((v) =>
      matchesTerms(terms, (f) => (f === "sku" ? v.sku : f === "id" ? v.id : undefined)),
    );
    return connection(
      records.map((v) => variantView(shop, v)),
      args as ConnectionArgs,
      byId,
    );
  },
  "QueryRoot.productVariant": (_s, args, { shop }) => {
    const variant = shop.catalog.variants.get(idOf((args as { id: string }).id, "ProductVariant") ?? -1);
    return variant ? variantView(shop, variant) : null;
  },
  "QueryRoot.inventoryItem": (_s, args, { shop }) => {
    const id = idOf((args as { id: string }).id, "InventoryItem");
    return id !== null && shop.catalog.items.has(id) ? inventoryItemView(shop, id) : null;
  },
  "QueryRoot.inventoryItems": (_s, args, { shop }) => {
    const terms = parseSearchQuery((args as ListArgs).query);
    const items = [...shop.catalog.items.values()].filter((item) =>
      matchesTerms(terms, (f) => (f === "sku" ? item.sku : f === "id" ? item.id : undefined)),
    );
    return connection(
      items.map((item) => inventoryItemView(shop, item.id)),
      args as ConnectionArgs,
      byId,
    );
  },
  "QueryRoot.orders": (_s, args, { shop }) => {
    const { query, sortKey } = args as ListArgs;
    const terms = parseSearchQuery(query);
    const records = sortRecords([...shop.orders.orders.values()], sortKey).filter((o) => matchesTerms(terms, (f) => orderField(o, f)));
    return connection(
      records.map((o) => orderView(shop, o)),
      args as ConnectionArgs,
      byId,
    );
  },
  "QueryRoot.order": (_s, args, { shop }) => {
    const order = shop.orders.orders.get(idOf((args as { id: string }).id, "Order") ?? -1);
    return order ? orderView(shop, order) : null;
  },
  "QueryRoot.customers": (_s, args, { shop }) => {
    const { query, sortKey } = args as ListArgs;
    const terms = parseSearchQuery(query);
    const records = sortRecords([...shop.orders.customers.values()], sortKey).filter((c) =>
      matchesTerms(terms, (f) => (f === "email" ? c.email : f === "updated_at" ? c.updatedAt : f === "id" ? c.id : undefined)),
    );
    return connection(records.map(customerView), args as ConnectionArgs, byId);
  },
  "QueryRoot.customer": (_s, args, { shop }) => {
    const customer = shop.orders.customers.get(idOf((args as { id: string }).id, "Customer") ?? -1);
    return customer ? customerView(customer) : null;
  },
  "QueryRoot.bulkOperation": (_s, args, { shop, baseUrl }) => {
    const operation = shop.bulkOperations.get(idOf((args as { id: string }).id, "BulkOperation") ?? -1);
    return operation ? bulkOperationView(operation, baseUrl ?? "") : null;
  },
  "QueryRoot.currentBulkOperation": (_s, args, { shop, baseUrl }) => {
    const type = (args as { type?: string | null }).type ?? "QUERY";
    const latest = [...shop.bulkOperations.values()].filter((operation) => operation.type === type).at(-1);
    return latest ? bulkOperationView(latest, baseUrl ?? "") : null;
  },
  "Mutation.bulkOperationRunQuery": async (_s, args, { shop, baseUrl, startBulkOperation }) => {
    const running = [...shop.bulkOperations.values()].find(
      (operation) => operation.type === "QUERY" && ["CREATED", "RUNNING", "CANCELING"].includes(operation.status),
    );
    if (running) {
      return {
        bulkOperation: null,
        userErrors: [
          {
            field: ["query"],
            message: `A bulk query operation for this app and shop is already in progress: ${gidOf(running)}.`,
            code: "OPERATION_IN_PROGRESS",
          },
        ],
      };
    }
    if (!startBulkOperation) return notImplemented("Mutation.bulkOperationRunQuery");
    try {
      const operation = await startBulkOperation(shop, (args as { query: string }).query);
      return { bulkOperation: bulkOperationView(operation, baseUrl ?? ""), userErrors: [] };
    } catch (error) {
      return { bulkOperation: null, userErrors: [{ field: ["query"], message: (error as Error).message, code: "INVALID" }] };
    }
  },
  "Mutation.stagedUploadsCreate": (_s, args, { shop, baseUrl, stagedUploads }) => {
    const { input } = args as { input: Array<{ resource: string; filename: string; mimeType: string; httpMethod?: string | null }> };
    if (!stagedUploads) return notImplemented("Mutation.stagedUploadsCreate");
    if (input.some((target) => target.resource !== "BULK_MUTATION_VARIABLES" || (target.httpMethod ?? "PUT") !== "POST")) {
      return notImplemented("Mutation.stagedUploadsCreate for anything but BULK_MUTATION_VARIABLES over POST");
    }
    return { stagedTargets: input.map((target) => stagedUploads.target(shop, baseUrl ?? "", target)), userErrors: [] };
  },
  "Mutation.bulkOperationRunMutation": async (_s, args, { shop, baseUrl, startBulkMutation }) => {
    if (!startBulkMutation) return notImplemented("Mutation.bulkOperationRunMutation");
    const { mutation, stagedUploadPath } = args as { mutation: string; stagedUploadPath: string };
    const started = await startBulkMutation(shop, mutation, stagedUploadPath);
    if (!started.ok) return { bulkOperation: null, userErrors: [{ field: null, message: started.message, code: started.code }] };
    return { bulkOperation: bulkOperationView(started.operation, baseUrl ?? ""), userErrors: [] };
  },
  "Mutation.bulkOperationCancel": (_s, args, { shop, baseUrl, cancelBulkOperation }) => {
    if (!cancelBulkOperation) return notImplemented("Mutation.bulkOperationCancel");
    const operation = shop.bulkOperations.get(idOf((args as { id: string }).id, "BulkOperation") ?? -1);
    if (!operation) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
    const refusal = cancelBulkOperation(operation);
    return { bulkOperation: bulkOperationView(operation, baseUrl ?? ""), userErrors: refusal ? [{ field: null, message: refusal }] : [] };
  },
  "QueryRoot.shopLocales": (_s, args, { shop }) => shopLocalesView(shop, (args as { published?: boolean | null }).published),
  "QueryRoot.translatableResource": (_s, args, { shop }) => translatableResourceView(shop, String((args as { resourceId: string }).resourceId)),
  "Mutation.translationsRegister": (_s, args, { shop }) => translationsRegister(shop, args as Parameters<typeof translationsRegister>[1]),
  "Mutation.metafieldsSet": (_s, args, { shop }) => metafieldsSet(shop, args as Parameters<typeof metafieldsSet>[1]),
  "Mutation.flowTriggerReceive": (_s, args, { shop }) =>
    flowTriggerReceive(shop, appFlowTriggers(), args as Parameters<typeof flowTriggerReceive>[2]),
  "Mutation.refundCreate": (_s, args, { shop, emit }) =>
    refundCreate(shop, (args as { input: Parameters<typeof refundCreate>[1] }).input, emit ?? (() => {})),
  "Mutation.returnCreate": (_s, args, { shop, emit }) =>
    returnCreate(shop, (args as { returnInput: Parameters<typeof returnCreate>[1] }).returnInput, emit ?? (() => {})),
  "Mutation.returnProcess": (_s, args, { shop, emit }) =>
    returnProcess(shop, (args as { input: Parameters<typeof returnProcess>[1] }).input, emit ?? (() => {})),
  "Mutation.returnClose": (_s, args, { shop, emit }) => returnClose(shop, args as { id: string }, emit ?? (() => {})),
  "QueryRoot.return": (_s, args, { shop }) => {
    const found = findReturn(shop, String((args as { id: string }).id));
    return found ? returnView(shop, found.order, found.made) : null;
  },
  "Mutation.orderCancel": (_s, args, { shop, emit }) => orderCancel(shop, args as Parameters<typeof orderCancel>[1], emit ?? (() => {})),
  "Mutation.fulfillmentCreate": (_s, args, { shop, emit }) =>
    fulfillmentCreate(shop, (args as { fulfillment: Parameters<typeof fulfillmentCreate>[1] }).fulfillment, emit ?? (() => {})),
  "Mutation.fulfillmentEventCreate": (_s, args, { shop }) =>
    fulfillmentEventCreate(shop, (args as { fulfillmentEvent: Parameters<typeof fulfillmentEventCreate>[1] }).fulfillmentEvent),
  "Mutation.tagsAdd": (_s, args, { shop, emit }) => {
    const { id } = args as { id: string };
    if (!id.startsWith("gid://shopify/Order/")) return notImplemented("Mutation.tagsAdd on anything but an order");
    return orderTagsAdd(shop, args as Parameters<typeof orderTagsAdd>[1], emit ?? (() => {}));
  },
  "Mutation.productSet": (_s, args, { shop, emit }) => {
    if ((args as { synchronous?: boolean }).synchronous === false) return notImplemented("Mutation.productSet(synchronous: false)");
    return productSet(shop, args as Parameters<typeof productSet>[1], emit ?? (() => {}));
  },
  "Mutation.productVariantsBulkUpdate": (_s, args, { shop, emit }) =>
    productVariantsBulkUpdate(shop, args as Parameters<typeof productVariantsBulkUpdate>[1], emit ?? (() => {})),
  "QueryRoot.fulfillmentOrder": (_s, args, { shop }) => {
    const id = idOf((args as { id: string }).id, "FulfillmentOrder");
    const order = id !== null ? shop.orders.byFulfillmentOrder(id) : undefined;
    return order ? fulfillmentOrderView(shop, order) : null;
  },
  "QueryRoot.webhookSubscriptions": (_s, args, { subscriptions, baseUrl }) => {
    const { topics } = args as { topics?: string[] | null };
    const nodes = (subscriptions ?? [])
      .map((subscription, index) => ({
        __typename: "WebhookSubscription",
        id: `gid://shopify/WebhookSubscription/${index + 1}`,
        topic: subscription.topic.toUpperCase().replace("/", "_"),
        uri: subscription.uri,
        callbackUrl: new URL(subscription.uri, baseUrl || "http://localhost").href,
        format: "JSON",
        apiVersion: { handle: "2026-07", displayName: "2026-07", supported: true },
      }))
      .filter((node) => !topics?.length || topics.includes(node.topic));
    return connection(nodes, args as ConnectionArgs, byId);
  },
  "Mutation.inventorySetQuantities": (_s, args, { shop }, info) => {
    const directive = info.schema.getDirective("idempotent");
    const values = directive ? getDirectiveValues(directive, info.fieldNodes[0]!, info.variableValues) : undefined;
    return inventorySetQuantities(
      shop,
      (args as { input: Parameters<typeof inventorySetQuantities>[1] }).input,
      (values?.key as string | undefined) ?? null,
    );
  },
};

function gidOf(operation: BulkOperationRecord): string {
  return `gid://shopify/BulkOperation/${operation.id}`;
}

export function notImplemented(key: string): never {
  throw new GraphQLError(`The Shopify emulator does not implement ${key}`, { extensions: { code: "NOT_IMPLEMENTED_IN_EMULATOR" } });
}

let flowTriggers: FlowTriggerDefinition[] | undefined;
/** The app's Flow triggers, read once from its extensions. */
function appFlowTriggers(): FlowTriggerDefinition[] {
  return (flowTriggers ??= flowTriggersFromExtensions());
}

/** A Count: the number, or the limit with AT_LEAST when there are more (Shopify's default limit: 10,000; null: none). */
function countView(count: number, limit: number | null | undefined): { count: number; precision: "EXACT" | "AT_LEAST" } {
  const cap = limit === undefined ? 10_000 : limit;
  return cap !== null && count > cap ? { count: cap, precision: "AT_LEAST" } : { count, precision: "EXACT" };
}
