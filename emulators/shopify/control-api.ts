/**
 * The emulator's control API, for tests and the sandbox: change a shop the
 * way a merchant or a customer would (and so trigger its webhooks), and
 * inject faults. All under /_control, JSON in and out.
 *
 *   POST /_control/shops/:shop/orders              create an order (orders/create, orders/paid)
 *   GET  /_control/shops/:shop/orders/:id          the order as its webhooks show it, with its fulfillments
 *   POST /_control/shops/:shop/orders/:id/update   edit it (orders/updated, orders/paid)
 *   POST /_control/shops/:shop/orders/:id/cancel   cancel it (orders/cancelled, orders/updated)
 *   POST /_control/shops/:shop/customers/:id/update edit a customer (customers/update)
 *   POST /_control/shops/:shop/products            add a product (products/create)
 *   POST /_control/shops/:shop/inventory           set a SKU's available stock at a location
 *   POST /_control/shops/:shop/faults              latency, failing answers, throttling, bucket size, bulk mutation pace
 *   GET  /_control/shops/:shop/bucket              the bucket's state and lowest level
 *   GET  /_control/shops/:shop/catalog             products and variants held, and every bulk operation with its times
 *   GET  /_control/shops/:shop/flow-triggers       the Flow triggers the app sent (flowTriggerReceive), in order
 *   POST /_control/shops/:shop/locales            { locale, name, published }: add a language to the shop (Settings → Languages)
 *   POST /_control/shops/:shop/variant-limit       { threshold, perDay, retryAfterSeconds, newDay }: the daily limit on new variants
 *   POST /_control/webhooks                        enabled, copies, hold, release
 *   GET  /_control/webhooks/attempts               every delivery attempt so far, and the order changes no
 *                                                  Events subscription's triggers took (notTriggered)
 */
import { z } from "zod";
import { gid } from "./store/ids";
import type { EmulatedShop } from "./state";
import { customerPayload, orderPayload, productPayload } from "./webhook-payloads";
import type { WebhookSender } from "./webhook-sender";

export interface ShopFaults {
  latencyMs: number;
  /** The next N Admin API requests answer HTTP failStatus. */
  failRequests: number;
  failStatus: number;
  throttledAnswers: number;
  /** A pause after each slice of a bulk mutation's lines, so a test can cancel one part-way. */
  bulkSliceDelayMs: number;
}

const addressSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  company: z.string().nullish(),
  address1: z.string(),
  address2: z.string().nullish(),
  city: z.string(),
  province: z.string().nullish(),
  provinceCode: z.string().nullish(),
  zip: z.string(),
  countryCode: z.string(),
  phone: z.string().nullish(),
});
const localeSchema = z.object({ locale: z.string().min(2), name: z.string().default(""), published: z.boolean().default(true) });
const taxLineSchema = z.object({ title: z.string(), rate: z.number().min(0).max(1) });
const newOrderSchema = z.object({
  email: z.string().nullish(),
  customer: z.object({ email: z.string(), firstName: z.string(), lastName: z.string() }).nullish(),
  lines: z
    .array(
      z.object({
        variantId: z.number().nullish(),
        sku: z.string().nullish(),
        title: z.string(),
        quantity: z.number().int().positive(),
        price: z.string(),
        discount: z.string().optional(),
        taxLines: z.array(taxLineSchema).optional(),
        giftCard: z.boolean().optional(),
      }),
    )
    .min(1),
  shippingLines: z
    .array(z.object({ title: z.string(), price: z.string(), discount: z.string().optional(), taxLines: z.array(taxLineSchema).optional() }))
    .optional(),
  taxesIncluded: z.boolean().optional(),
  /** Back-dates the order (and a new customer), for history. */
  createdAt: z.iso.datetime().optional(),
  financialStatus: z.enum(["PENDING", "AUTHORIZED", "PAID", "PARTIALLY_PAID", "REFUNDED", "VOIDED"]).optional(),
  shippingAddress: addressSchema.nullish(),
  billingAddress: addressSchema.nullish(),
  note: z.string().nullish(),
  attributes: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  localizedFields: z.array(z.object({ key: z.string(), value: z.string(), countryCode: z.string().length(2).optional() })).optional(),
  company: z
    .object({
      name: z.string().min(1),
      locationName: z.string().optional(),
      taxRegistrationId: z.string().nullish(),
      countryCode: z.string().length(2),
    })
    .nullish(),
  metafields: z.array(z.object({ namespace: z.string(), key: z.string(), type: z.string().optional(), value: z.string() })).optional(),
  customerMetafields: z.array(z.object({ namespace: z.string(), key: z.string(), type: z.string().optional(), value: z.string() })).optional(),
});
const customerUpdateSchema = z.object({
  email: z.string().nullish(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  defaultAddress: addressSchema.nullish(),
});
const orderUpdateSchema = z.object({
  note: z.string().nullish(),
  tags: z.array(z.string()).optional(),
  financialStatus: newOrderSchema.shape.financialStatus,
  email: z.string().nullish(),
});
const newProductSchema = z.object({
  title: z.string(),
  vendor: z.string().optional(),
  productType: z.string().optional(),
  status: z.enum(["ACTIVE", "DRAFT", "ARCHIVED"]).optional(),
  variants: z
    .array(
      z.object({
        sku: z.string(),
        title: z.string().optional(),
        price: z.string(),
        barcode: z.string().optional(),
        stock: z.record(z.string(), z.number()).optional(),
      }),
    )
    .min(1),
});
const collectionSchema = z.object({ title: z.string().min(1), skus: z.array(z.string()).default([]) });
const inventorySchema = z.object({ sku: z.string(), locationId: z.number().optional(), available: z.number().int() });
const faultsSchema = z.object({
  latencyMs: z.number().min(0).optional(),
  failRequests: z.number().int().min(0).optional(),
  failStatus: z.number().int().optional(),
  drainBucket: z.boolean().optional(),
  bulkSliceDelayMs: z.number().min(0).optional(),
  bucket: z.object({ maximumAvailable: z.number().positive(), restoreRate: z.number().positive() }).optional(),
});
const variantLimitSchema = z.object({
  threshold: z.number().int().min(0).optional(),
  perDay: z.number().int().min(0).optional(),
  /** The Retry-After its 429 carries, in seconds; null: none. */
  retryAfterSeconds: z.number().int().min(0).nullable().optional(),
  /** Starts the next emulated day: the day's count of new variants back to 0. */
  newDay: z.boolean().optional(),
});
const webhooksSchema = z.object({
  enabled: z.boolean().optional(),
  copies: z.number().int().min(1).max(10).optional(),
  hold: z.boolean().optional(),
  release: z.enum(["reverse", "original"]).optional(),
});

export interface ControlContext {
  shop(domain: string): EmulatedShop | undefined;
  faults(shop: EmulatedShop): ShopFaults;
  bucket(shop: EmulatedShop): {
    status(): object;
    lowestAvailable: number;
    drain(): void;
    settings: { maximumAvailable: number; restoreRate: number };
  };
  throttledAnswers(shop: EmulatedShop): number;
  webhooks: WebhookSender;
}

export type ControlAnswer = { status: number; body: unknown };

export function handleControl(method: string, path: string, body: unknown, context: ControlContext): ControlAnswer {
  if (path === "/_control/webhooks" && method === "POST") {
    const settings = webhooksSchema.parse(body);
    if (settings.enabled !== undefined) context.webhooks.enabled = settings.enabled;
    if (settings.copies !== undefined) context.webhooks.copies = settings.copies;
    if (settings.hold) context.webhooks.hold();
    if (settings.release) context.webhooks.release(settings.release);
    return { status: 200, body: { enabled: context.webhooks.enabled, copies: context.webhooks.copies } };
  }
  if (path === "/_control/webhooks/attempts" && method === "GET")
    return { status: 200, body: { attempts: context.webhooks.attempts, notTriggered: context.webhooks.notTriggered } };

  const match = /^\/_control\/shops\/([^/]+)\/(.+)$/.exec(path);
  const shop = match ? context.shop(decodeURIComponent(match[1]!)) : undefined;
  if (!match || !shop) return { status: 404, body: { error: `unknown control path or shop: ${path}` } };
  const rest = match[2]!;
  const emit = (topic: string, payload: unknown) => context.webhooks.emit(shop.myshopifyDomain, topic, payload);

  if (rest === "orders" && method === "POST") {
    const order = shop.orders.createOrder(newOrderSchema.parse(body));
    emit("orders/create", orderPayload(shop, order));
    if (order.financialStatus === "PAID") emit("orders/paid", orderPayload(shop, order));
    return { status: 201, body: { id: gid("Order", order.id), legacyResourceId: order.id, name: order.name, updatedAt: order.updatedAt } };
  }
  const customerAction = /^customers\/(\d+)\/update$/.exec(rest);
  if (customerAction && method === "POST") {
    const id = Number(customerAction[1]);
    if (!shop.orders.customers.has(id)) return { status: 404, body: { error: `no customer ${id}` } };
    const change = customerUpdateSchema.parse(body ?? {});
    const customer = shop.orders.updateCustomer(id, change);
    emit("customers/update", customerPayload(customer));
    return { status: 200, body: { id: gid("Customer", id), updatedAt: customer.updatedAt } };
  }
  const orderRead = /^orders\/(\d+)$/.exec(rest);
  if (orderRead && method === "GET") {
    const order = shop.orders.orders.get(Number(orderRead[1]));
    return order
      ? { status: 200, body: { ...orderPayload(shop, order), fulfillments: order.fulfillments } }
      : { status: 404, body: { error: `no order ${orderRead[1]}` } };
  }
  const orderAction = /^orders\/(\d+)\/(update|cancel)$/.exec(rest);
  if (orderAction && method === "POST") {
    const id = Number(orderAction[1]);
    if (!shop.orders.orders.has(id)) return { status: 404, body: { error: `no order ${id}` } };
    if (orderAction[2] === "cancel") {
      const order = shop.orders.cancelOrder(id, z.object({ reason: z.string().default("CUSTOMER") }).parse(body ?? {}).reason);
      emit("orders/cancelled", orderPayload(shop, order));
      emit("orders/updated", orderPayload(shop, order));
      return { status: 200, body: { id: gid("Order", id), cancelledAt: order.cancelledAt } };
    }
    const wasPaid = shop.orders.require(id).financialStatus === "PAID";
    const order = shop.orders.updateOrder(id, orderUpdateSchema.parse(body));
    emit("orders/updated", orderPayload(shop, order));
    if (!wasPaid && order.financialStatus === "PAID") emit("orders/paid", orderPayload(shop, order));
    return { status: 200, body: { id: gid("Order", id), updatedAt: order.updatedAt } };
  }
  if (rest === "products" && method === "POST") {
    const input = newProductSchema.parse(body);
    const product = shop.catalog.addProduct({
      ...input,
      variants: input.variants.map((variant) => ({
        ...variant,
        stock: Object.fromEntries(Object.entries(variant.stock ?? {}).map(([k, v]) => [Number(k), v])),
      })),
    });
    emit("products/create", productPayload(shop, product));
    return {
      status: 201,
      body: {
        id: gid("Product", product.id),
        variants: product.variantIds.map((id) => {
          const variant = shop.catalog.variants.get(id)!;
          return {
            id: gid("ProductVariant", id),
            legacyResourceId: id,
            sku: variant.sku,
            inventoryItemId: gid("InventoryItem", variant.inventoryItemId),
          };
        }),
      },
    };
  }
  if (rest === "collections" && method === "POST") {
    // A manual collection, as the merchant makes one in the admin: the products holding any of these SKUs.
    const input = collectionSchema.parse(body);
    const productIds = [...new Set([...shop.catalog.variants.values()].filter((v) => input.skus.includes(v.sku)).map((v) => v.productId))];
    const collection = shop.catalog.addCollection(input.title, productIds);
    return {
      status: 201,
      body: { id: gid("Collection", collection.id), title: collection.title, products: collection.productIds.map((id) => gid("Product", id)) },
    };
  }
  if (rest === "inventory" && method === "POST") {
    const input = inventorySchema.parse(body);
    const variant = [...shop.catalog.variants.values()].find((v) => v.sku === input.sku);
    if (!variant) return { status: 404, body: { error: `no variant with SKU ${input.sku}` } };
    const locationId = input.locationId ?? shop.locations[0]!.id;
    shop.catalog.setQuantity(variant.inventoryItemId, locationId, "available", input.available);
    return { status: 200, body: { sku: input.sku, locationId: gid("Location", locationId), available: input.available } };
  }
  if (rest === "faults" && method === "POST") {
    const input = faultsSchema.parse(body);
    const faults = context.faults(shop);
    if (input.latencyMs !== undefined) faults.latencyMs = input.latencyMs;
    if (input.failRequests !== undefined) faults.failRequests = input.failRequests;
    if (input.failStatus !== undefined) faults.failStatus = input.failStatus;
    if (input.bulkSliceDelayMs !== undefined) faults.bulkSliceDelayMs = input.bulkSliceDelayMs;
    const bucket = context.bucket(shop);
    if (input.bucket) bucket.settings = input.bucket;
    if (input.drainBucket) bucket.drain();
    return { status: 200, body: { faults, bucket: bucket.status() } };
  }
  if (rest === "variant-limit" && method === "POST") {
    const input = variantLimitSchema.parse(body);
    if (input.threshold !== undefined) shop.variantLimit.threshold = input.threshold;
    if (input.perDay !== undefined) shop.variantLimit.perDay = input.perDay;
    if (input.retryAfterSeconds !== undefined) shop.variantLimit.retryAfterSeconds = input.retryAfterSeconds;
    if (input.newDay) shop.variantLimit.createdToday = 0;
    return { status: 200, body: { ...shop.variantLimit, variants: shop.catalog.variants.size } };
  }
  if (rest === "locales" && method === "POST") {
    const input = localeSchema.parse(body);
    const known = shop.locales.find((one) => one.locale === input.locale);
    if (known) known.published = input.published;
    else shop.locales.push({ ...input, primary: false });
    return { status: 200, body: shop.locales };
  }
  if (rest === "flow-triggers" && method === "GET") return { status: 200, body: shop.flowTriggers };
  if (rest === "catalog" && method === "GET") {
    return {
      status: 200,
      body: {
        products: shop.catalog.products.size,
        variants: shop.catalog.variants.size,
        bulkOperations: [...shop.bulkOperations.values()].map(({ id, type, status, createdAt, completedAt, objectCount }) => ({
          id,
          type,
          status,
          createdAt,
          completedAt,
          objectCount,
        })),
      },
    };
  }
  if (rest === "bucket" && method === "GET") {
    const bucket = context.bucket(shop);
    return { status: 200, body: { ...bucket.status(), lowestAvailable: bucket.lowestAvailable, throttledAnswers: context.throttledAnswers(shop) } };
  }
  return { status: 404, body: { error: `unknown control path: ${method} ${path}` } };
}
