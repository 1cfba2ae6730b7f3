/**
 * One shape for a Shopify order, whichever way it reached Ponte: a webhook
 * (REST-style JSON) or the Admin API (GraphQL). Both are parsed with a
 * schema; the mappers are pure. Amounts stay decimal strings (see
 * ../../money/money.ts); nothing here does arithmetic with numbers.
 *
 * The order is the current one: each line's quantity is Shopify's
 * `current_quantity` (what is left after edits and refunds; a line at 0 is
 * dropped), and the totals are `current_total_price` / `current_total_tax`.
 * Shopify keeps a line's tax lines and discount allocations for the quantity
 * first sold: when the current quantity is lower, they are scaled down to it
 * (rounded to the currency's minor unit).
 *
 * Taxes stay as Shopify charged them, one entry per tax (title and rate): a
 * line that lists the same tax more than once gets one entry (see taxesOf),
 * so that the taxes of all lines add up to the order's own `tax_lines`.
 */
import { parseShopifyGid, shopifyGid, type ShopifyGid, type ShopifyResource } from "./gid";
import { z } from "zod";
import { amount, format, fractionToPercent, isAmount, plain, sum, type Amount } from "../money/money";

const addressShape = z.object({
  name: z.string(),
  company: z.string().nullable().default(null),
  address1: z.string(),
  address2: z.string().nullable().default(null),
  city: z.string(),
  province: z.string().nullable().default(null),
  provinceCode: z.string().nullable().default(null),
  zip: z.string(),
  countryCode: z.string(),
  phone: z.string().nullable().default(null),
});
export type ShopifyAddress = z.output<typeof addressShape>;

const taxShape = z.object({ title: z.string(), rate: z.string(), amount: z.string() });
/** One tax on a line: its title ("GST"), its rate in percent ("5") and the amount Shopify charged. */
export type ShopifyTax = z.output<typeof taxShape>;

/** A field holding a Shopify GID of one resource: read as its branded type, refused when it is anything else. */
const gidOf = <R extends ShopifyResource>(resource: R) =>
  z.string().transform((value, context): ShopifyGid<R> => {
    const gid = parseShopifyGid(resource, value);
    if (!gid) context.addIssue({ code: "custom", message: `not a Shopify ${resource} id: ${value}` });
    return gid ?? (value as ShopifyGid<R>);
  });

/** What a line sells: a product (or a deleted one, by its SKU), a custom line, a gift card, or a tip. */
export const LINE_KINDS = ["product", "custom", "gift_card", "tip"] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** Snapshots written before taxes were kept per tax have one summed rate per line: read it as one tax, its amount to be worked out. */
function withLegacyTaxes(value: unknown): unknown {
  const line = value as Record<string, unknown> | null;
  if (!line || typeof line !== "object" || Array.isArray(line.taxes)) return value;
  const rate = typeof line.taxRate === "string" ? line.taxRate : null;
  return { ...line, taxes: rate ? [{ title: "Tax", rate, amount: null }] : [] };
}

const lineShape = z.preprocess(
  withLegacyTaxes,
  z.object({
    id: gidOf("LineItem"),
    sku: z.string().nullable(),
    title: z.string(),
    kind: z.enum(LINE_KINDS).default("product"),
    /** The current quantity. */
    quantity: z.number(),
    /** Unit price before discounts, as Shopify lists it (with tax when the order's taxes are included). */
    price: z.string(),
    /** The discounts allocated to the line (its own and its share of the order's), as an amount for the current quantity. */
    discount: z.string().default("0"),
    /** null amount: an old snapshot that kept only the rate. */
    taxes: z.array(taxShape.extend({ amount: z.string().nullable() })),
    variantId: gidOf("ProductVariant").nullable(),
  }),
);

/**
 * Ponte's own shape of an order, as kept in its snapshot. Read back with this
 * schema: fields added since a snapshot was written get their defaults.
 */
export const shopifyOrderSchema = z.object({
  id: gidOf("Order"),
  name: z.string(),
  /** null when Shopify has none (an empty email is none). */
  email: z.string().nullable(),
  phone: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  financialStatus: z.string().nullable(),
  currency: z.string(),
  note: z.string().nullable().default(null),
  /** Where the order was made: web, pos, shopify_draft_order, an app's id. */
  sourceName: z.string().nullable().default(null),
  /** Whether the prices include tax. */
  taxesIncluded: z.boolean().default(false),
  customer: z
    .object({
      id: gidOf("Customer"),
      email: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      phone: z.string().nullable().default(null),
    })
    .nullable(),
  lines: z.array(lineShape),
  /** Shipping, after its discounts, with its taxes. */
  shippingLines: z
    .array(
      z.preprocess(
        withLegacyTaxes,
        z.object({ title: z.string(), price: z.string(), taxes: z.array(taxShape.extend({ amount: z.string().nullable() })) }),
      ),
    )
    .default([]),
  /** Shopify's current total and tax, for the totals check; null on snapshots older than the check. */
  totals: z.object({ total: z.string(), tax: z.string() }).nullable().default(null),
  shippingAddress: addressShape.nullable(),
  billingAddress: addressShape.nullable().default(null),
  /** The order's note attributes (cart attributes): where some checkouts put a tax id or an SDI code. */
  attributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })).default([]),
  /** The B2B company location the order was placed for (its tax registration id is read through the Admin API). */
  companyLocationId: z.string().nullable().default(null),
});
export type ShopifyOrder = z.output<typeof shopifyOrderSchema>;
/** An order as a test or a snapshot may write it: defaults left out, old-style lines (one taxRate) accepted. */
export type ShopifyOrderInput = z.input<typeof shopifyOrderSchema>;
export type ShopifyOrderLine = ShopifyOrder["lines"][number];

/** Reads an order back from its snapshot. */
export function orderFromSnapshot(stored: unknown): ShopifyOrder {
  return shopifyOrderSchema.parse(stored);
}

/** Shopify's money: a string ("19.90") in webhooks, kept as written; a number in some older payloads, read exactly. */
const money = z
  .union([z.string().refine(isAmount, "an amount"), z.number()])
  .transform((value) => (typeof value === "string" ? value.trim() : plain(amount(value))));
const rate = z.union([z.number(), z.string()]);
/** An empty string is no value. */
const text = z
  .string()
  .nullish()
  .transform((value) => (value && value.trim() ? value : null));

interface RawTax {
  title: string;
  rate: string | number;
  price: string;
}

/**
 * One entry per tax (title and rate), scaled to the current quantity. Shopify
 * sometimes lists a line's tax more than once: on a line of 2 it may split
 * GST into two halves (1.75 + 1.75 of 3.50), and on a line of 1 repeat it
 * (1.75 + 1.75 of 1.75; seen on real orders whose order-level tax_lines
 * count it once). Of "add them all" and "count each repeated amount once",
 * the one nearer the tax's rate on the line's taxable amount is taken. A
 * tax of which Shopify charged nothing (a tax-exempt customer, a store that
 * does not charge it) is left out.
 */
function taxesOf(raw: RawTax[], factor: Scale, currency: string, taxable: Amount, included: boolean): ShopifyTax[] {
  const byTax = new Map<string, { title: string; rate: string; amounts: Amount[] }>();
  for (const tax of raw) {
    const percent = fractionToPercent(tax.rate);
    const key = `${tax.title}\u0000${percent}`;
    const held = byTax.get(key);
    if (held) held.amounts.push(amount(tax.price));
    else byTax.set(key, { title: tax.title, rate: percent, amounts: [amount(tax.price)] });
  }
  const rates = [...byTax.values()].reduce((total, tax) => total.plus(amount(tax.rate).dividedBy(100)), amount(0));
  // A tax Shopify listed but charged nothing of (a tax-exempt order lists its rate with a price of 0) is not booked: it carries no money.
  return [...byTax.values()]
    .filter((tax) => tax.amounts.some((a) => !a.isZero()))
    .map((tax) => {
      const rate = amount(tax.rate).dividedBy(100);
      const expected = included ? taxable.times(rate).dividedBy(rates.plus(1)) : taxable.times(rate);
      const all = sum(tax.amounts);
      const distinct = sum([...new Set(tax.amounts.map((a) => a.toFixed()))]);
      const total = distinct.minus(expected).abs().lessThan(all.minus(expected).abs()) ? distinct : all;
      return { title: tax.title, rate: tax.rate, amount: format(scaled(total, factor), currency) };
    });
}

/** current / original quantity. */
type Scale = { current: number; original: number };

function scaled(value: Amount, factor: Scale): Amount {
  if (factor.current === factor.original || factor.original === 0) return value;
  return value.times(factor.current).dividedBy(factor.original);
}

function lineKind(line: { giftCard: boolean; hasProduct: boolean; sku: string | null; title: string }): LineKind {
  if (line.giftCard) return "gift_card";
  if (line.hasProduct || line.sku) return "product";
  return /^tips?$/i.test(line.title.trim()) ? "tip" : "custom";
}

const webhookTaxLine = z.object({ title: z.string().nullish(), rate: rate.nullish(), price: money.nullish() });
const toRawTaxes = (lines: Array<z.infer<typeof webhookTaxLine>> | null | undefined): RawTax[] =>
  (lines ?? []).map((tax) => ({ title: tax.title ?? "Tax", rate: tax.rate ?? 0, price: tax.price ?? "0" }));

const webhookAddressSchema = z.object({
  name: text,
  first_name: text,
  last_name: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  province_code: text,
  zip: text,
  country_code: text,
  phone: text,
});

const webhookOrderSchema = z.object({
  admin_graphql_api_id: gidOf("Order"),
  name: z.string(),
  email: text,
  contact_email: text,
  phone: text,
  created_at: z.string(),
  updated_at: z.string(),
  cancelled_at: z.string().nullish(),
  financial_status: z.string().nullish(),
  currency: z.string(),
  note: z.string().nullish(),
  source_name: z.string().nullish(),
  taxes_included: z.boolean().nullish(),
  total_price: money.nullish(),
  total_tax: money.nullish(),
  current_total_price: money.nullish(),
  current_total_tax: money.nullish(),
  customer: z.object({ admin_graphql_api_id: gidOf("Customer"), email: text, first_name: text, last_name: text, phone: text }).nullish(),
  line_items: z.array(
    z.object({
      admin_graphql_api_id: gidOf("LineItem"),
      sku: text,
      title: z.string(),
      name: z.string().nullish(),
      quantity: z.number(),
      current_quantity: z.number().nullish(),
      price: money,
      variant_id: z.number().nullish(),
      product_id: z.number().nullish(),
      gift_card: z.boolean().nullish(),
      discount_allocations: z.array(z.object({ amount: money })).nullish(),
      tax_lines: z.array(webhookTaxLine).nullish(),
    }),
  ),
  shipping_lines: z
    .array(
      z.object({
        title: z.string(),
        price: money,
        discounted_price: money.nullish(),
        discount_allocations: z.array(z.object({ amount: money })).nullish(),
        tax_lines: z.array(webhookTaxLine).nullish(),
      }),
    )
    .nullish(),
  shipping_address: webhookAddressSchema.nullish(),
  billing_address: webhookAddressSchema.nullish(),
  note_attributes: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).nullish() })).nullish(),
  /** A B2B order's company and location (REST ids). */
  company: z.object({ id: z.number(), location_id: z.number().nullish() }).nullish(),
});

/**
 * The fields of an order webhook Ponte reads (the order, and its refunds: refundsOfOrderWebhook; and its numeric id, by
 * which an inbox row is found when one is looked into), and so all that its
 * order topics ask Shopify for (include_fields in shopify.app.toml; test/unit/shopify-app-config.test.ts keeps them the
 * same). The order's tags and metafields, which Ponte itself writes, are not among them.
 */
export const ORDER_WEBHOOK_FIELDS: readonly string[] = ["id", ...Object.keys(webhookOrderSchema.shape), "refunds"];

export function orderFromWebhook(payload: unknown): ShopifyOrder {
  const order = webhookOrderSchema.parse(payload);
  const currency = order.currency;
  const total = order.current_total_price ?? order.total_price;
  const tax = order.current_total_tax ?? order.total_tax;
  return {
    id: order.admin_graphql_api_id,
    name: order.name,
    email: order.email ?? order.customer?.email ?? order.contact_email ?? null,
    phone: order.phone ?? null,
    createdAt: new Date(order.created_at).toISOString(),
    updatedAt: new Date(order.updated_at).toISOString(),
    cancelledAt: order.cancelled_at ? new Date(order.cancelled_at).toISOString() : null,
    financialStatus: order.financial_status?.toUpperCase() ?? null,
    currency,
    note: order.note ?? null,
    sourceName: order.source_name ?? null,
    taxesIncluded: order.taxes_included ?? false,
    customer: order.customer
      ? {
          id: order.customer.admin_graphql_api_id,
          email: order.customer.email,
          firstName: order.customer.first_name,
          lastName: order.customer.last_name,
          phone: order.customer.phone,
        }
      : null,
    lines: order.line_items.flatMap((line) => {
      const factor = { current: line.current_quantity ?? line.quantity, original: line.quantity };
      if (factor.current <= 0) return [];
      const sku = line.sku;
      const discount = sum((line.discount_allocations ?? []).map((d) => d.amount));
      return [
        {
          id: line.admin_graphql_api_id,
          sku,
          title: line.title,
          kind: lineKind({ giftCard: line.gift_card ?? false, hasProduct: Boolean(line.variant_id ?? line.product_id), sku, title: line.title }),
          quantity: factor.current,
          price: line.price,
          discount: format(scaled(discount, factor), currency),
          taxes: taxesOf(
            toRawTaxes(line.tax_lines),
            factor,
            currency,
            amount(line.price).times(line.quantity).minus(discount),
            order.taxes_included ?? false,
          ),
          variantId: line.variant_id ? shopifyGid("ProductVariant", line.variant_id) : null,
        },
      ];
    }),
    shippingLines: (order.shipping_lines ?? []).map((line) => {
      const price = line.discounted_price ?? format(amount(line.price).minus(sum((line.discount_allocations ?? []).map((d) => d.amount))), currency);
      return {
        title: line.title,
        price,
        taxes: taxesOf(toRawTaxes(line.tax_lines), { current: 1, original: 1 }, currency, amount(price), order.taxes_included ?? false),
      };
    }),
    totals:
      total !== null && total !== undefined && tax !== null && tax !== undefined
        ? { total: format(total, currency), tax: format(tax, currency) }
        : null,
    shippingAddress: fromWebhookAddress(order.shipping_address),
    billingAddress: fromWebhookAddress(order.billing_address),
    attributes: (order.note_attributes ?? []).map((a) => ({
      key: a.name,
      value: a.value === null || a.value === undefined ? null : String(a.value),
    })),
    companyLocationId: order.company?.location_id ? shopifyGid("CompanyLocation", order.company.location_id) : null,
  };
}

const shopMoney = z.object({ shopMoney: z.object({ amount: z.string() }) });
const adminTaxLine = z.object({ title: z.string().nullable(), rate: z.number().nullable(), priceSet: shopMoney.nullish() });
const toRawAdminTaxes = (lines: Array<z.infer<typeof adminTaxLine>> | null | undefined): RawTax[] =>
  (lines ?? []).map((tax) => ({ title: tax.title ?? "Tax", rate: tax.rate ?? 0, price: tax.priceSet?.shopMoney.amount ?? "0" }));

const adminAddressSchema = z.object({
  name: text,
  firstName: text,
  lastName: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  provinceCode: text,
  zip: text,
  countryCodeV2: text,
  phone: text,
});

export const adminOrderSchema = z.object({
  id: gidOf("Order"),
  name: z.string(),
  email: text,
  phone: text,
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  displayFinancialStatus: z.string().nullable(),
  currencyCode: z.string(),
  note: z.string().nullish(),
  sourceName: z.string().nullish(),
  taxesIncluded: z.boolean().nullish(),
  currentTotalPriceSet: shopMoney.nullish(),
  currentTotalTaxSet: shopMoney.nullish(),
  customer: z
    .object({ id: gidOf("Customer"), firstName: text, lastName: text, phone: text, defaultEmailAddress: z.object({ emailAddress: text }).nullable() })
    .nullable(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: gidOf("LineItem"),
        sku: text,
        title: z.string(),
        quantity: z.number(),
        currentQuantity: z.number().nullish(),
        isGiftCard: z.boolean().nullish(),
        originalUnitPriceSet: shopMoney,
        discountAllocations: z.array(z.object({ allocatedAmountSet: shopMoney })).nullish(),
        taxLines: z.array(adminTaxLine).nullish(),
        variant: z.object({ id: gidOf("ProductVariant") }).nullable(),
      }),
    ),
  }),
  shippingLines: z
    .object({
      nodes: z.array(
        z.object({ title: z.string(), isRemoved: z.boolean().nullish(), discountedPriceSet: shopMoney, taxLines: z.array(adminTaxLine).nullish() }),
      ),
    })
    .nullish(),
  shippingAddress: adminAddressSchema.nullable(),
  billingAddress: adminAddressSchema.nullish(),
  customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })).nullish(),
  purchasingEntity: z.object({ __typename: z.string(), location: z.object({ id: gidOf("CompanyLocation") }).nullish() }).nullish(),
});

export function orderFromAdminApi(node: unknown): ShopifyOrder {
  const order = adminOrderSchema.parse(node);
  const currency = order.currencyCode;
  const total = order.currentTotalPriceSet?.shopMoney.amount;
  const tax = order.currentTotalTaxSet?.shopMoney.amount;
  return {
    id: order.id,
    name: order.name,
    email: order.email ?? order.customer?.defaultEmailAddress?.emailAddress ?? null,
    phone: order.phone,
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
    cancelledAt: order.cancelledAt ? new Date(order.cancelledAt).toISOString() : null,
    financialStatus: order.displayFinancialStatus,
    currency,
    note: order.note ?? null,
    sourceName: order.sourceName ?? null,
    taxesIncluded: order.taxesIncluded ?? false,
    customer: order.customer
      ? {
          id: order.customer.id,
          email: order.customer.defaultEmailAddress?.emailAddress ?? null,
          firstName: order.customer.firstName,
          lastName: order.customer.lastName,
          phone: order.customer.phone,
        }
      : null,
    lines: order.lineItems.nodes.flatMap((line) => {
      const factor = { current: line.currentQuantity ?? line.quantity, original: line.quantity };
      if (factor.current <= 0) return [];
      const discount = sum((line.discountAllocations ?? []).map((d) => d.allocatedAmountSet.shopMoney.amount));
      return [
        {
          id: line.id,
          sku: line.sku,
          title: line.title,
          kind: lineKind({ giftCard: line.isGiftCard ?? false, hasProduct: Boolean(line.variant), sku: line.sku, title: line.title }),
          quantity: factor.current,
          price: line.originalUnitPriceSet.shopMoney.amount,
          discount: format(scaled(discount, factor), currency),
          taxes: taxesOf(
            toRawAdminTaxes(line.taxLines),
            factor,
            currency,
            amount(line.originalUnitPriceSet.shopMoney.amount).times(line.quantity).minus(discount),
            order.taxesIncluded ?? false,
          ),
          variantId: line.variant?.id ?? null,
        },
      ];
    }),
    shippingLines: (order.shippingLines?.nodes ?? [])
      .filter((line) => !line.isRemoved)
      .map((line) => ({
        title: line.title,
        price: line.discountedPriceSet.shopMoney.amount,
        taxes: taxesOf(
          toRawAdminTaxes(line.taxLines),
          { current: 1, original: 1 },
          currency,
          amount(line.discountedPriceSet.shopMoney.amount),
          order.taxesIncluded ?? false,
        ),
      })),
    totals: total !== undefined && tax !== undefined ? { total: format(total, currency), tax: format(tax, currency) } : null,
    shippingAddress: fromAdminAddress(order.shippingAddress),
    billingAddress: fromAdminAddress(order.billingAddress ?? null),
    attributes: order.customAttributes ?? [],
    companyLocationId: order.purchasingEntity?.__typename === "PurchasingCompany" ? (order.purchasingEntity.location?.id ?? null) : null,
  };
}

function fullName(first: string | null, last: string | null): string {
  return `${first ?? ""} ${last ?? ""}`.trim();
}

function fromWebhookAddress(address: z.infer<typeof webhookAddressSchema> | null | undefined): ShopifyAddress | null {
  if (!address) return null;
  return {
    name: address.name ?? fullName(address.first_name, address.last_name),
    company: address.company,
    address1: address.address1 ?? "",
    address2: address.address2,
    city: address.city ?? "",
    province: address.province,
    provinceCode: address.province_code,
    zip: address.zip ?? "",
    countryCode: address.country_code ?? "",
    phone: address.phone,
  };
}

function fromAdminAddress(address: z.infer<typeof adminAddressSchema> | null): ShopifyAddress | null {
  if (!address) return null;
  return {
    name: address.name ?? fullName(address.firstName, address.lastName),
    company: address.company,
    address1: address.address1 ?? "",
    address2: address.address2,
    city: address.city ?? "",
    province: address.province,
    provinceCode: address.provinceCode,
    zip: address.zip ?? "",
    countryCode: address.countryCodeV2 ?? "",
    phone: address.phone,
  };
}
