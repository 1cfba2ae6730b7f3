/**
 * Where Shopify keeps an order's legal data, as read (order-legal-data
 * reader, or an order's webhook): the checkout's localized fields
 * (`Order.localizedFields`; never in a webhook), the note attributes, the B2B
 * company location's tax registration id, and the order's and customer's
 * metafields the merchant named. Kept as read, so the identity can be worked
 * out again when the merchant changes a setting.
 */
import { z } from "zod";

const metafield = z.object({ namespace: z.string(), key: z.string(), value: z.string() });

export const legalSourcesSchema = z.object({
  localizedFields: z.array(z.object({ key: z.string(), value: z.string(), countryCode: z.string().nullish() })).default([]),
  /** The order's note attributes (`note_attributes`, `customAttributes`). */
  attributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })).default([]),
  /** The B2B company and location the order was placed for. */
  company: z
    .object({ name: z.string().nullable(), taxRegistrationId: z.string().nullable(), countryCode: z.string().nullable() })
    .nullable()
    .default(null),
  orderMetafields: z.array(metafield).default([]),
  customerMetafields: z.array(metafield).default([]),
  /** The order's billing country, else its shipping country: what a tax id typed into a note attribute is read as. */
  countryCode: z.string().nullable().default(null),
});
export type LegalSources = z.infer<typeof legalSourcesSchema>;
export type LegalSourcesInput = z.input<typeof legalSourcesSchema>;

/** Where to look, per ERP connection (the merchant's settings). */
export interface LegalDataSettings {
  /** Shopify's own checkout fields (codice fiscale, PEC, CPF/CNPJ). */
  readCheckoutFields: boolean;
  /** A B2B company location's tax registration id. */
  readCompanies: boolean;
  /** A note attribute's name, or a metafield as namespace.key (the order's, else its customer's), holding a tax id (partita IVA, NIP, CNPJ). */
  taxIdKey: string | null;
  /** The same for the codice destinatario SDI. */
  sdiCodeKey: string | null;
  /** The same for a PEC, where the checkout does not ask for it. */
  pecKey: string | null;
  /** Whether an identifier that fails its check goes to the ERP all the same (as an untyped identifier where the ERP checks). */
  sendInvalidTaxIds: boolean;
}

export const DEFAULT_LEGAL_DATA_SETTINGS: LegalDataSettings = {
  readCheckoutFields: true,
  readCompanies: true,
  taxIdKey: null,
  sdiCodeKey: null,
  pecKey: null,
  sendInvalidTaxIds: false,
};

/** A named key written namespace.key may be a metafield; any key may be a note attribute's name. */
export function metafieldOfKey(key: string): { namespace: string; key: string } | null {
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(key.trim());
  return match ? { namespace: match[1]!, key: match[2]! } : null;
}

/** The "namespace.key" of every metafield the settings name: what the order read asks Shopify for. */
export function namedMetafieldKeys(settings: LegalDataSettings): string[] {
  return [settings.taxIdKey, settings.sdiCodeKey, settings.pecKey].flatMap((key) => {
    const metafield = key ? metafieldOfKey(key) : null;
    return metafield ? [`${metafield.namespace}.${metafield.key}`] : [];
  });
}

/** Countries whose checkout asks for a tax credential Ponte reads (Shopify's LocalizedFieldKey: TAX_CREDENTIAL_IT, TAX_EMAIL_IT, TAX_CREDENTIAL_BR, SHIPPING_CREDENTIAL_BR). */
export const CHECKOUT_FIELD_COUNTRIES = new Set(["IT", "BR"]);
