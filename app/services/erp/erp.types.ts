/**
 * What Ponte asks of an ERP, in its own terms. Every adapter (Tryton, the
 * generic HTTP ERP, ...) speaks these; ids are the ERP's own, branded by
 * what they name (ids.ts: ErpRecordId).
 */
import type { MerchantText } from "../../i18n/merchant-message";
import { z } from "zod";
import { erpRecordIdSchema, type ErpRecordId } from "../ids";
import { TAX_ID_TYPES } from "../tax-ids/tax-identifier";

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

/**
 * A tax identifier as an ERP keeps it: its type (Tryton's names), its compact value, and whether it passed its
 * check (one that did not goes only when the merchant says so; an ERP that checks ids itself keeps it untyped).
 */
export const erpTaxIdentifierSchema = z.object({ type: z.enum(TAX_ID_TYPES), value: z.string().min(1), valid: z.boolean().default(true) });
export type ErpTaxIdentifier = z.input<typeof erpTaxIdentifierSchema>;

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
  /** The customer's tax ids (codice fiscale, partita IVA, NIP, CPF, CNPJ, EU VAT). */
  taxIdentifiers: z.array(erpTaxIdentifierSchema).default([]),
  /** The Italian e-invoicing contacts: the PEC and the codice destinatario SDI. */
  pec: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  sdiCode: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});
export type ErpCustomer = z.output<typeof customerSchema>;
export type ErpCustomerAddress = ErpCustomer["addresses"][number];
export type NewErpCustomer = Omit<z.input<typeof customerSchema>, "id">;
/** How a customer is looked up: by the Shopify customer it stands for, its email, or one of its tax ids. */
export interface CustomerQuery {
  externalRef?: string;
  email?: string;
  taxId?: { type: (typeof TAX_ID_TYPES)[number]; value: string };
}

export const warehouseSchema = z.object({ id: erpRecordIdSchema("warehouse"), name: z.string() });
export type ErpWarehouse = z.infer<typeof warehouseSchema>;

export const articleSchema = z.object({
  id: erpRecordIdSchema("article"),
  code: z.string(),
  sku: z.string(),
  name: z.string(),
  listPrice: z.string(),
  /** The category it is filed under, where the ERP says. */
  category: z.string().nullish(),
});
export type ErpArticle = z.infer<typeof articleSchema>;
/**
 * service: a service article (shipping, custom lines, gift cards, tips), not stocked goods. category: the name of the
 * category to file it under (a store product's type or collection), which the ERP makes when it has none of that name.
 */
export type NewErpArticle = { sku: string; name: string; listPrice: string; code?: string; service?: boolean; category?: string | null };

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

/** 2026-12-02, or 2026-12-02T15:04:05Z / +01:00 (with or without fractions of a second). */
const DELIVERED_AT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

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
  shipment: z
    .object({
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      /** When it reached the customer, where the ERP (or its carrier data) knows: an ISO date-time, or a date (YYYY-MM-DD). */
      deliveredAt: z
        .string()
        .refine((text) => DELIVERED_AT.test(text) && !Number.isNaN(Date.parse(text)), "an ISO date-time or YYYY-MM-DD")
        .nullish()
        .transform((v) => v ?? null),
    })
    .nullable(),
  /** The sale's invoice once the ERP has made it: its number and date, and the e-invoicing document (SDI, KSeF, NF-e) where the ERP gives it. */
  invoice: z
    .object({
      number: z.string(),
      /** YYYY-MM-DD. */
      date: z.string().nullable(),
      documentId: z
        .string()
        .nullish()
        .transform((v) => v ?? null),
      documentUrl: z
        .string()
        .nullish()
        .transform((v) => v ?? null),
    })
    .nullish()
    .transform((v) => v ?? null),
});
export type ErpSalesOrder = z.infer<typeof salesOrderSchema>;
export type ErpInvoice = NonNullable<ErpSalesOrder["invoice"]>;
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

/** One line of a credit note: what goes back, with its money as on the sale (net of tax, positive) and its taxes. */
export const creditNoteLineSchema = salesOrderLineSchema.extend({
  /** Goods back in stock: the ERP warehouse they go to; null when they do not come back (money only). */
  restockWarehouseId: erpRecordIdSchema("warehouse")
    .nullish()
    .transform((v) => v ?? null),
});

/**
 * A credit note: money (and goods) given back on a sale. Its amounts are positive; the ERP books them as a credit
 * (negative) against the customer. Made once per Shopify refund, found again by its reference.
 */
export const creditNoteSchema = z.object({
  id: erpRecordIdSchema("creditNote"),
  number: z.string(),
  /** The sale's reference and the refund ("ponte-demo #1001/R929361471"): unique in the ERP. */
  reference: z.string(),
  saleId: erpRecordIdSchema("sale").nullable(),
  customerId: erpRecordIdSchema("customer"),
  currency: z.string(),
  state: z.string(),
  /** The credit's total with tax and its tax, as the ERP computed them (positive). */
  total: decimalText,
  tax: decimalText.nullish().transform((v) => v ?? null),
  lines: z.array(creditNoteLineSchema),
});
export type ErpCreditNote = z.infer<typeof creditNoteSchema>;
export type NewErpCreditNote = Pick<ErpCreditNote, "reference" | "customerId" | "currency"> & {
  saleId: ErpRecordId<"sale"> | null;
  /** The Shopify order's name and the refund, for the ERP's users. */
  note: string;
  lines: Array<
    Omit<z.input<typeof creditNoteLineSchema>, "articleId" | "restockWarehouseId"> & {
      articleId: ErpRecordId<"article">;
      restockWarehouseId: ErpRecordId<"warehouse"> | null;
    }
  >;
};
