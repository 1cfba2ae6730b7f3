/**
 * One shape for a Shopify order, whichever way it reached Ponte: a webhook
 * (REST-style JSON) or the Admin API (GraphQL). Both are parsed with a
 * schema; the mappers are pure.
 */
import { z } from "zod";

export interface ShopifyOrder {
  /** gid://shopify/Order/N */
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  financialStatus: string | null;
  currency: string;
  customer: { id: string; email: string | null; firstName: string | null; lastName: string | null } | null;
  lines: Array<{ id: string; sku: string | null; title: string; quantity: number; price: string; variantId: string | null }>;
  shippingAddress: ShopifyAddress | null;
}

export interface ShopifyAddress {
  name: string;
  address1: string;
  city: string;
  zip: string;
  countryCode: string;
}

const money = z.union([z.string(), z.number()]).transform(String);

const webhookAddressSchema = z.object({ name: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish(), address1: z.string().nullish(), city: z.string().nullish(), zip: z.string().nullish(), country_code: z.string().nullish() });
const adminAddressSchema = z.object({ name: z.string().nullable(), address1: z.string().nullable(), city: z.string().nullable(), zip: z.string().nullable(), countryCodeV2: z.string().nullable() });

const webhookOrderSchema = z.object({
  admin_graphql_api_id: z.string(),
  name: z.string(),
  email: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullish(),
  financial_status: z.string().nullish(),
  currency: z.string(),
  customer: z
    .object({ admin_graphql_api_id: z.string(), email: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish() })
    .nullish(),
  line_items: z.array(
    z.object({ admin_graphql_api_id: z.string(), sku: z.string().nullish(), title: z.string(), quantity: z.number(), price: money, variant_id: z.number().nullish() }),
  ),
  shipping_address: webhookAddressSchema.nullish(),
});

export function orderFromWebhook(payload: unknown): ShopifyOrder {
  const order = webhookOrderSchema.parse(payload);
  return {
    id: order.admin_graphql_api_id,
    name: order.name,
    email: order.email ?? null,
    createdAt: new Date(order.created_at).toISOString(),
    updatedAt: new Date(order.updated_at).toISOString(),
    cancelledAt: order.cancelled_at ? new Date(order.cancelled_at).toISOString() : null,
    financialStatus: order.financial_status?.toUpperCase() ?? null,
    currency: order.currency,
    customer: order.customer
      ? { id: order.customer.admin_graphql_api_id, email: order.customer.email ?? null, firstName: order.customer.first_name ?? null, lastName: order.customer.last_name ?? null }
      : null,
    lines: order.line_items.map((line) => ({
      id: line.admin_graphql_api_id,
      sku: line.sku || null,
      title: line.title,
      quantity: line.quantity,
      price: line.price,
      variantId: line.variant_id ? `gid://shopify/ProductVariant/${line.variant_id}` : null,
    })),
    shippingAddress: order.shipping_address
      ? {
          name: order.shipping_address.name ?? `${order.shipping_address.first_name ?? ""} ${order.shipping_address.last_name ?? ""}`.trim(),
          address1: order.shipping_address.address1 ?? "",
          city: order.shipping_address.city ?? "",
          zip: order.shipping_address.zip ?? "",
          countryCode: order.shipping_address.country_code ?? "",
        }
      : null,
  };
}

export const adminOrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  currencyCode: z.string(),
  customer: z.object({ id: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable(), defaultEmailAddress: z.object({ emailAddress: z.string().nullable() }).nullable() }).nullable(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        sku: z.string().nullable(),
        title: z.string(),
        quantity: z.number(),
        originalUnitPriceSet: z.object({ shopMoney: z.object({ amount: z.string() }) }),
        variant: z.object({ id: z.string() }).nullable(),
      }),
    ),
  }),
  shippingAddress: adminAddressSchema.nullable(),
});

export function orderFromAdminApi(node: unknown): ShopifyOrder {
  const order = adminOrderSchema.parse(node);
  return {
    id: order.id,
    name: order.name,
    email: order.email,
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
    cancelledAt: order.cancelledAt ? new Date(order.cancelledAt).toISOString() : null,
    financialStatus: order.displayFinancialStatus,
    currency: order.currencyCode,
    customer: order.customer
      ? { id: order.customer.id, email: order.customer.defaultEmailAddress?.emailAddress ?? null, firstName: order.customer.firstName, lastName: order.customer.lastName }
      : null,
    lines: order.lineItems.nodes.map((line) => ({
      id: line.id,
      sku: line.sku || null,
      title: line.title,
      quantity: line.quantity,
      price: line.originalUnitPriceSet.shopMoney.amount,
      variantId: line.variant?.id ?? null,
    })),
    shippingAddress: order.shippingAddress
      ? {
          name: order.shippingAddress.name ?? "",
          address1: order.shippingAddress.address1 ?? "",
          city: order.shippingAddress.city ?? "",
          zip: order.shippingAddress.zip ?? "",
          countryCode: order.shippingAddress.countryCodeV2 ?? "",
        }
      : null,
  };
}
