/**
 * What Ponte asks of an ERP, in its own terms. Every adapter (Tryton, the
 * generic HTTP ERP, ...) speaks these; ids are the ERP's own, as strings.
 */
import { z } from "zod";

export const addressSchema = z.object({
  name: z.string(),
  street: z.string(),
  city: z.string(),
  zip: z.string(),
  countryCode: z.string().length(2),
});
export type ErpAddress = z.infer<typeof addressSchema>;

export const customerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  /** The Shopify customer this ERP customer stands for, when known. */
  externalRef: z.string().nullable(),
  addresses: z.array(addressSchema),
});
export type ErpCustomer = z.infer<typeof customerSchema>;
export type NewErpCustomer = Omit<ErpCustomer, "id">;

export const warehouseSchema = z.object({ id: z.string(), name: z.string() });
export type ErpWarehouse = z.infer<typeof warehouseSchema>;

export const articleSchema = z.object({
  id: z.string(),
  code: z.string(),
  sku: z.string(),
  name: z.string(),
  listPrice: z.string(),
});
export type ErpArticle = z.infer<typeof articleSchema>;
export type NewErpArticle = { sku: string; name: string; listPrice: string; code?: string };

export const salesOrderLineSchema = z.object({
  articleId: z.string(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: z.string(),
  /** Percent, as a decimal string; "0" when none. */
  discount: z.string().default("0"),
  /** The line's sales tax in percent ("22"), when Shopify charged one; the ERP applies its own tax of that rate. */
  taxRate: z.string().nullable().optional(),
});

export const salesOrderStateSchema = z.enum(["draft", "confirmed", "processing", "shipped", "invoiced", "done", "cancelled"]);
export type ErpSalesOrderState = z.infer<typeof salesOrderStateSchema>;

export const salesOrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  /** Ponte's reference for the order: the Shopify order's name. Unique in the ERP. */
  reference: z.string(),
  customerId: z.string(),
  currency: z.string(),
  state: salesOrderStateSchema,
  total: z.string(),
  lines: z.array(salesOrderLineSchema),
  shipment: z.object({ carrier: z.string().nullable(), trackingNumber: z.string().nullable() }).nullable(),
});
export type ErpSalesOrder = z.infer<typeof salesOrderSchema>;
export type NewErpSalesOrder = Pick<ErpSalesOrder, "reference" | "customerId" | "currency"> & {
  lines: Array<z.input<typeof salesOrderLineSchema>>;
  shippingAddress: ErpAddress | null;
  note: string | null;
};

export type ConnectionCheck = { ok: true; detail: string } | { ok: false; error: string };
