/**
 * The legal data an invoice needs, in Ponte's terms: tax identifiers (a type
 * Tryton and python-stdnum know, the compact value, where it came from,
 * and what is wrong with it, if anything) and the Italian invoicing contacts
 * (PEC, codice destinatario SDI). Kept per order as JSON (OrderLegalData), so
 * read back through these schemas.
 */
import { z } from "zod";

/** The identifier types Ponte recognises; named as Tryton 6.0's party identifiers are. */
export const TAX_ID_TYPES = ["it_codicefiscale", "it_iva", "eu_vat", "pl_nip", "br_cpf", "br_cnpj"] as const;
export type TaxIdType = (typeof TAX_ID_TYPES)[number];

/** Company identifiers, tried before personal ones when a customer is matched by tax id (a company buys through several people). */
export const COMPANY_TAX_ID_TYPES: readonly TaxIdType[] = ["it_iva", "eu_vat", "pl_nip", "br_cnpj"];

/** Where a value was read: Shopify's checkout fields, a B2B company location, a note attribute, or a metafield the merchant named. */
export const LEGAL_SOURCES = ["checkout", "company", "note_attribute", "order_metafield", "customer_metafield"] as const;
export type LegalSource = (typeof LEGAL_SOURCES)[number];

/** What is wrong with a value: its length, its characters, its check digit, a part of it (a date, an office code), or its country. */
export const TAX_ID_PROBLEMS = ["length", "format", "checksum", "component", "country"] as const;
export type TaxIdProblem = (typeof TAX_ID_PROBLEMS)[number];

export const taxIdentifierSchema = z.object({
  type: z.enum(TAX_ID_TYPES),
  /** Compact: no spaces, dots or dashes, upper case; an EU VAT number with its country prefix, a national one without. */
  value: z.string(),
  /** As the buyer or the merchant typed it. */
  entered: z.string(),
  source: z.enum(LEGAL_SOURCES),
  /** The field, attribute or metafield it was read from (TAX_CREDENTIAL_IT, "Partita IVA", "invoicing.sdi"). */
  sourceKey: z.string(),
  problem: z.enum(TAX_ID_PROBLEMS).nullable(),
});
export type TaxIdentifier = z.infer<typeof taxIdentifierSchema>;

export const invoicingContactSchema = z.object({
  value: z.string(),
  source: z.enum(LEGAL_SOURCES),
  sourceKey: z.string(),
  problem: z.enum(["format"]).nullable(),
});
export type InvoicingContact = z.infer<typeof invoicingContactSchema>;

export const legalIdentitySchema = z.object({
  taxIds: z.array(taxIdentifierSchema).default([]),
  /** The buyer's PEC (posta elettronica certificata), where an Italian e-invoice may be delivered. */
  pec: invoicingContactSchema.nullable().default(null),
  /** The buyer's codice destinatario SDI: 7 characters (6 for public administrations). */
  sdiCode: invoicingContactSchema.nullable().default(null),
});
export type LegalIdentity = z.infer<typeof legalIdentitySchema>;

export const NO_LEGAL_IDENTITY: LegalIdentity = { taxIds: [], pec: null, sdiCode: null };

/** Whether the order holds no legal data at all. */
export function isEmptyIdentity(identity: LegalIdentity): boolean {
  return identity.taxIds.length === 0 && !identity.pec && !identity.sdiCode;
}

export function hasProblems(identity: LegalIdentity): boolean {
  return identity.taxIds.some((id) => id.problem) || Boolean(identity.pec?.problem) || Boolean(identity.sdiCode?.problem);
}
