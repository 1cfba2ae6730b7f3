/**
 * The records Ponte reads from Tryton 6.0, as its JSON-RPC answers them (decimals already decoded to strings by the
 * RPC client): each field the adapter uses, with its type. An answer that does not fit is a ContractViolationError
 * (TrytonRpc.records), never a `String()` of whatever came.
 */
import { z } from "zod";

const id = z.number().int();
/** A char or text field: Tryton answers null (and, for some, false) when it is empty. */
const text = z
  .union([z.string(), z.null(), z.literal(false)])
  .optional()
  .transform((value) => (typeof value === "string" ? value : null));
/** A numeric field, decoded: a Decimal arrives as a string, a float or integer as a number. */
const numeric = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === undefined ? null : value));
/** A boolean field: Tryton 6.0 answers some as true/false and some (address flags) as 1/0. */
const flag = z
  .union([z.boolean(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === undefined || value === null ? undefined : Boolean(value)));
const many2one = z
  .union([id, z.null()])
  .optional()
  .transform((value) => value ?? null);
const many2many = z.array(id).default([]);
/** A many2one read through (`country.code`): Tryton answers it as {"country.": {"code": …, "id": …}}. */
const through = <T extends z.ZodRawShape>(shape: T) => z.object(shape).nullish();

export const companyRecord = z.object({ id, rec_name: z.string() });
export const partyRecord = z.object({ id, name: text });
export const contactRecord = z.object({ id, type: z.string(), name: text, value: z.string() });
export const identifierRecord = z.object({ id, type: text, code: z.string() });
export const addressRecord = z.object({
  id,
  party_name: text,
  name: text,
  street: text,
  city: text,
  postal_code: text,
  "country.": through({ code: z.string() }),
  "subdivision.": through({ code: z.string(), name: z.string() }),
  invoice: flag,
  delivery: flag,
});
export const saleRecord = z.object({
  id,
  number: text,
  reference: text,
  party: id,
  "currency.": through({ code: z.string() }),
  "currency.code": z.string().optional(),
  state: z.string(),
  shipment_state: text,
  total_amount: numeric,
  tax_amount: numeric,
  lines: many2many,
  invoices: many2many,
  shipments: many2many,
});
export const saleLineRecord = z.object({ id, product: many2one, description: text, quantity: z.number(), unit_price: numeric });
/** A date field: Tryton's JSON-RPC answers {"__class__": "date", "year", "month", "day"}, or null/false when empty. */
const date = z
  .union([z.object({ year: z.number(), month: z.number(), day: z.number() }).passthrough(), z.string(), z.null(), z.literal(false)])
  .optional()
  .transform((value) => (value === false || value === undefined ? null : value));
export const invoiceRecord = z.object({ id, state: z.string(), number: text, invoice_date: date, type: text });
export const shipmentRecord = z.object({ id, number: text, reference: text, state: z.string(), effective_date: date });
export const productRecord = z.object({
  id,
  code: text,
  name: z.string(),
  rec_name: text,
  description: text,
  list_price: numeric,
  cost_price: numeric,
  template: id,
  categories: many2many,
  active: flag,
});
export const namedRecord = z.object({ id, name: z.string() });
export const quantityRecord = z.object({ id, quantity: numeric });
export const articleRecord = z.object({ id, code: z.string(), name: z.string(), list_price: numeric });
export const partyAddressesRecord = z.object({ id, addresses: many2many });
export const saleStateRecord = z.object({ id, state: z.string(), reference: text, party: id.optional(), lines: many2many });
export const taxRecord = z.object({ id, name: text, description: text });
export const webShopRecord = z.object({ id, products: many2many, categories: many2many, warehouses: many2many });

/** A product's type: goods are stocked, services are not. */
export const productTypeRecord = z.object({ id, type: z.string() });
/** The warehouse a sale ships from (and, for a return, takes goods back into). */
export const saleWarehouseRecord = z.object({
  id,
  warehouse: z
    .number()
    .nullable()
    .or(z.literal(false).transform(() => null)),
});
