/**
 * One shape for a Shopify order, whichever way it reached Ponte: a webhook
 * (REST-style JSON) or the Admin API (GraphQL). Both are parsed with a
 * schema; the mappers are pure.
 */
import { z } from "zod";

const addressShape = z.object({ name: z.string(), address1: z.string(), city: z.string(), zip: z.string(), countryCode: z.string() });
export type ShopifyAddress = z.infer<typeof addressShape>;

/**
 * Ponte's own shape of an order, as kept in its snapshot. Read back with this
 * schema: fields added since a snapshot was written get their defaults.
 */
export const shopifyOrderSchema = z.object({
  /** gid://shopify/Order/N */
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  financialStatus: z.string().nullable(),
  currency: z.string(),
  note: z.string().nullable().default(null),
  /** Whether the prices include tax. */
  taxesIncluded: z.boolean().default(false),
  customer: z.object({ id: z.string(), email: z.string().nullable(), firstName: z.string().nullable(), lastName: z.string().nullable() }).nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      sku: z.string().nullable(),
      title: z.string(),
      quantity: z.number(),
      /** Unit price before discounts. */
      price: z.string(),
      /** The discount allocated to the whole line, as an amount. */
      discount: z.string().default("0"),
      /** The line's tax rate in percent (the sum of its tax lines), null when untaxed. */
      taxRate: z.string().nullable().default(null),
      variantId: z.string().nullable(),
    }),
  ),
  /** Shipping, after its discounts. */
  shippingLines: z.array(z.object({ title: z.string(), price: z.string(), taxRate: z.string().nullable() })).default([]),
  shippingAddress: addressShape.nullable(),
  billingAddress: addressShape.nullable().default(null),
});
export type ShopifyOrder = z.output<typeof shopifyOrderSchema>;

/** Reads an order back from its snapshot. */
export function orderFromSnapshot(stored: unknown): ShopifyOrder {
  return shopifyOrderSchema.parse(stored);
}

/** Shopify gives rates as fractions (0.22); Ponte speaks percent ("22"). */
function percent(rates: Array<{ rate: number | string }>): string | null {
  if (rates.length === 0) return null;
  const total = rates.reduce((sum, tax) => sum + Number(tax.rate), 0);
  return String(Math.round(total * 1_000_000) / 10_000);
}

const sum = (amounts: Array<string | number>) => amounts.reduce<number>((total, amount) => total + Number(amount), 0).toFixed(2);

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
  note: z.string().nullish(),
  taxes_included: z.boolean().nullish(),
  customer: z
    .object({ admin_graphql_api_id: z.string(), email: z.string().nullish(), first_name: z.string().nullish(), last_name: z.string().nullish() })
    .nullish(),
  line_items: z.array(
    z.object({
      admin_graphql_api_id: z.string(),
      sku: z.string().nullish(),
      title: z.string(),
      quantity: z.number(),
      price: money,
      variant_id: z.number().nullish(),
      discount_allocations: z.array(z.object({ amount: money })).nullish(),
      tax_lines: z.array(z.object({ rate: z.union([z.number(), z.string()]) })).nullish(),
    }),
  ),
  shipping_lines: z
    .array(
      z.object({
        title: z.string(),
        price: money,
        discounted_price: money.nullish(),
        tax_lines: z.array(z.object({ rate: z.union([z.number(), z.string()]) })).nullish(),
      }),
    )
    .nullish(),
  shipping_address: webhookAddressSchema.nullish(),
  billing_address: webhookAddressSchema.nullish(),
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
    note: order.note ?? null,
    taxesIncluded: order.taxes_included ?? false,
    customer: order.customer
      ? { id: order.customer.admin_graphql_api_id, email: order.customer.email ?? null, firstName: order.customer.first_name ?? null, lastName: order.customer.last_name ?? null }
      : null,
    lines: order.line_items.map((line) => ({
      id: line.admin_graphql_api_id,
      sku: line.sku || null,
      title: line.title,
      quantity: line.quantity,
      price: line.price,
      discount: sum((line.discount_allocations ?? []).map((d) => d.amount)),
      taxRate: percent(line.tax_lines ?? []),
      variantId: line.variant_id ? `gid://shopify/ProductVariant/${line.variant_id}` : null,
    })),
    shippingLines: (order.shipping_lines ?? []).map((line) => ({ title: line.title, price: line.discounted_price ?? line.price, taxRate: percent(line.tax_lines ?? []) })),
    shippingAddress: fromWebhookAddress(order.shipping_address),
    billingAddress: fromWebhookAddress(order.billing_address),
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
  note: z.string().nullish(),
  taxesIncluded: z.boolean().nullish(),
  customer: z.object({ id: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable(), defaultEmailAddress: z.object({ emailAddress: z.string().nullable() }).nullable() }).nullable(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        sku: z.string().nullable(),
        title: z.string(),
        quantity: z.number(),
        originalUnitPriceSet: z.object({ shopMoney: z.object({ amount: z.string() }) }),
        discountAllocations: z.array(z.object({ allocatedAmountSet: z.object({ shopMoney: z.object({ amount: z.string() }) }) })).nullish(),
        taxLines: z.array(z.object({ rate: z.number().nullable() })).nullish(),
        variant: z.object({ id: z.string() }).nullable(),
      }),
    ),
  }),
  shippingLines: z
    .object({
      nodes: z.array(
        z.object({ title: z.string(), discountedPriceSet: z.object({ shopMoney: z.object({ amount: z.string() }) }), taxLines: z.array(z.object({ rate: z.number().nullable() })).nullish() }),
      ),
    })
    .nullish(),
  shippingAddress: adminAddressSchema.nullable(),
  billingAddress: adminAddressSchema.nullish(),
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
    note: order.note ?? null,
    taxesIncluded: order.taxesIncluded ?? false,
    customer: order.customer
      ? { id: order.customer.id, email: order.customer.defaultEmailAddress?.emailAddress ?? null, firstName: order.customer.firstName, lastName: order.customer.lastName }
      : null,
    lines: order.lineItems.nodes.map((line) => ({
      id: line.id,
      sku: line.sku || null,
      title: line.title,
      quantity: line.quantity,
      price: line.originalUnitPriceSet.shopMoney.amount,
      discount: sum((line.discountAllocations ?? []).map((d) => d.allocatedAmountSet.shopMoney.amount)),
      taxRate: percent((line.taxLines ?? []).map((tax) => ({ rate: tax.rate ?? 0 }))),
      variantId: line.variant?.id ?? null,
    })),
    shippingLines: (order.shippingLines?.nodes ?? []).map((line) => ({
      title: line.title,
      price: line.discountedPriceSet.shopMoney.amount,
      taxRate: percent((line.taxLines ?? []).map((tax) => ({ rate: tax.rate ?? 0 }))),
    })),
    shippingAddress: fromAdminAddress(order.shippingAddress),
    billingAddress: fromAdminAddress(order.billingAddress ?? null),
  };
}

function fromWebhookAddress(address: z.infer<typeof webhookAddressSchema> | null | undefined): ShopifyAddress | null {
  if (!address) return null;
  return {
    name: address.name ?? `${address.first_name ?? ""} ${address.last_name ?? ""}`.trim(),
    address1: address.address1 ?? "",
    city: address.city ?? "",
    zip: address.zip ?? "",
    countryCode: address.country_code ?? "",
  };
}

function fromAdminAddress(address: z.infer<typeof adminAddressSchema> | null): ShopifyAddress | null {
  if (!address) return null;
  return { name: address.name ?? "", address1: address.address1 ?? "", city: address.city ?? "", zip: address.zip ?? "", countryCode: address.countryCodeV2 ?? "" };
}
