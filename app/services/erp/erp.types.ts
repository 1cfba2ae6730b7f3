/**
 * What Ponte asks of an ERP, in its own terms. Every adapter (Tryton, the
 * generic HTTP ERP, ...) speaks these; ids are the ERP's own, branded by
 * what they name (ids.ts: ErpRecordId).
 */
import type { MerchantText } from "../../i18n/merchant-message";
import { z } from "zod";
import { erpRecordIdSchema, type ErpRecordId } from "../ids";

export const addressSchema = z.object({
  name: z.string(),
  company: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  street: z.string(),
  street2: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  city: z.string(),
  province: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  /** ISO 3166-2 subdivision code without the country ("QC", "MI"), when Shopify has one. */
  provinceCode: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  zip: z.string(),
  countryCode: z.string().length(2),
  phone: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});
export type ErpAddress = z.input<typeof addressSchema>;

export const customerSchema = z.object({
  id: erpRecordIdSchema("customer"),
  name: z.string(),
  email: z.string().nullable(),
  /** The Shopify customer this ERP customer stands for, when known. */
  externalRef: z.string().nullable(),
  phone: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  /** Each address with what it is for; an ERP without the distinction keeps both. */
  addresses: z.array(addressSchema.extend({ invoice: z.boolean().default(true), delivery: z.boolean().default(true) })),
});
export type ErpCustomer = z.output<typeof customerSchema>;
export type ErpCustomerAddress = ErpCustomer["addresses"][number];
export type NewErpCustomer = Omit<z.input<typeof customerSchema>, "id">;

export const warehouseSchema = z.object({ id: erpRecordIdSchema("warehouse"), name: z.string() });
export type ErpWarehouse = z.infer<typeof warehouseSchema>;

export const articleSchema = z.object({
  id: erpRecordIdSchema("article"),
  code: z.string(),
  sku: z.string(),
  name: z.string(),
  listPrice: z.string(),
});
export type ErpArticle = z.infer<typeof articleSchema>;
/** service: a service article (shipping, custom lines, gift cards, tips), not stocked goods. */
export type NewErpArticle = { sku: string; name: string; listPrice: string; code?: string; service?: boolean };

/** What an ERP must hold to book a sale: its currency, and a tax for each of its taxes. */
export interface BookingNeeds {
  currency: string;
  taxes: Array<{ title: string; rate: string }>;
}

const decimalText = z.string().regex(/^-?\d+(\.\d+)?$/, "a decimal number as text");

/** One tax on a line: as Shopify charged it (title, rate in percent, amount); the ERP applies its own tax of that rate. */
export const taxSchema = z.object({ title: z.string(), rate: decimalText, amount: decimalText });
export type ErpTax = z.infer<typeof taxSchema>;

export const salesOrderLineSchema = z.object({
  articleId: erpRecordIdSchema("article"),
  description: z.string(),
  quantity: z.number(),
  /** Net of tax, before the line's discount. */
  unitPrice: decimalText,
  /** The line's discount as an amount for the whole line, net of tax; "0" when none. */
  discount: decimalText.default("0"),
  taxes: z.array(taxSchema).default([]),
});

export const salesOrderStateSchema = z.enum(["draft", "confirmed", "processing", "shipped", "invoiced", "done", "cancelled"]);
export type ErpSalesOrderState = z.infer<typeof salesOrderStateSchema>;

export const salesOrderSchema = z.object({
  id: erpRecordIdSchema("sale"),
  number: z.string(),
  /** Ponte's reference for the order: the store's handle and the Shopify order's name. Unique in the ERP. */
  reference: z.string(),
  customerId: erpRecordIdSchema("customer"),
  currency: z.string(),
  state: salesOrderStateSchema,
  /** The sale's total with tax and its tax, as the ERP computed them. */
  total: decimalText,
  tax: decimalText.nullish().transform((v) => v ?? null),
  lines: z.array(salesOrderLineSchema),
  shipment: z.object({ carrier: z.string().nullable(), trackingNumber: z.string().nullable() }).nullable(),
});
export type ErpSalesOrder = z.infer<typeof salesOrderSchema>;
export type NewErpSalesOrder = Pick<ErpSalesOrder, "reference" | "customerId" | "currency"> & {
  /** The order's name in Shopify ("#1001"), for the ERP's users. */
  shopifyName?: string;
  /** Whether Shopify's prices included tax (the lines are net either way). */
  taxesIncluded?: boolean;
  lines: Array<Omit<z.input<typeof salesOrderLineSchema>, "articleId"> & { articleId: ErpRecordId<"article"> }>;
  shippingAddress: ErpAddress | null;
  /** The invoice address, when it is not the shipping address. */
  billingAddress?: ErpAddress | null;
  note: string | null;
};

/** A failed check may name the form field it is about (the key, when a saved one cannot be used). */
/** A failed check's `error` in English (the ERP's own words, or Ponte's); `said`: Ponte's words by key, for the page to write out in the merchant's language. */
export type ConnectionCheck = { ok: true; detail: string } | { ok: false; error: string; field?: string; said?: MerchantText[] };
