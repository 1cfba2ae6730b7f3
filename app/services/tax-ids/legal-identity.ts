/**
 * An order's legal identity from what Shopify holds (legal-sources.ts) and
 * where the merchant said to look: each tax id typed and checked, the PEC and
 * the SDI code. Pure. The same number read from two places is kept once, from
 * the first: the B2B company, the checkout, then the keys the merchant named.
 */
import { checkTaxId, compactTaxId, EU_VAT_PREFIXES, vatPrefixOf } from "./check-tax-id";
import { metafieldOfKey, type LegalDataSettings, type LegalSources } from "./legal-sources";
import type { InvoicingContact, LegalIdentity, LegalSource, TaxIdentifier, TaxIdType } from "./tax-identifier";

export function legalIdentityOf(sources: LegalSources, settings: LegalDataSettings): LegalIdentity {
  const taxIds: TaxIdentifier[] = [];
  const add = (type: TaxIdType | null, entered: string, source: LegalSource, sourceKey: string) => {
    if (!type || !entered.trim()) return;
    const { value, problem } = checkTaxId(type, entered);
    if (taxIds.some((held) => held.type === type && held.value === value)) return;
    taxIds.push({ type, value, entered: entered.trim(), source, sourceKey, problem });
  };
  let pec: InvoicingContact | null = null;

  if (settings.readCompanies && sources.company?.taxRegistrationId) {
    const entered = sources.company.taxRegistrationId;
    add(typeByCountry(sources.company.countryCode ?? sources.countryCode, entered), entered, "company", "taxRegistrationId");
  }
  if (settings.readCheckoutFields) {
    for (const field of sources.localizedFields) {
      if (field.key === "TAX_CREDENTIAL_IT") add(italianType(field.value), field.value, "checkout", field.key);
      if (field.key === "TAX_CREDENTIAL_BR" || field.key === "SHIPPING_CREDENTIAL_BR")
        add(brazilianType(field.value), field.value, "checkout", field.key);
      if (field.key === "TAX_EMAIL_IT" && field.value.trim() && !pec) pec = pecOf(field.value, "checkout", field.key);
    }
  }
  const taxIdNamed = settings.taxIdKey ? namedValue(sources, settings.taxIdKey) : null;
  if (taxIdNamed) add(typeByCountry(sources.countryCode, taxIdNamed.value), taxIdNamed.value, taxIdNamed.source, settings.taxIdKey!);
  const pecNamed = !pec && settings.pecKey ? namedValue(sources, settings.pecKey) : null;
  if (pecNamed) pec = pecOf(pecNamed.value, pecNamed.source, settings.pecKey!);
  const sdiNamed = settings.sdiCodeKey ? namedValue(sources, settings.sdiCodeKey) : null;
  const sdiCode = sdiNamed ? sdiCodeOf(sdiNamed.value, sdiNamed.source, settings.sdiCodeKey!) : null;
  return { taxIds, pec, sdiCode };
}

/** An Italian tax credential: 11 digits is a partita IVA (a company's codice fiscale is its partita IVA), else a person's codice fiscale. */
function italianType(entered: string): TaxIdType {
  return /^(IT)?\d{11}$/.test(compactTaxId(entered)) ? "it_iva" : "it_codicefiscale";
}

/** A Brazilian credential: a CNPJ has 14 digits, a CPF 11. */
function brazilianType(entered: string): TaxIdType {
  return compactTaxId(entered).replace(/\D/g, "").length > 11 ? "br_cnpj" : "br_cpf";
}

/**
 * A tax id whose kind Shopify does not say (a company's registration, a note attribute), typed by its country:
 * Italy, Poland and Brazil by their national types, another EU country (or a number with its VAT prefix) as EU VAT.
 * null: a country whose ids Ponte does not type (kept out, not guessed).
 */
export function typeByCountry(countryCode: string | null, entered: string): TaxIdType | null {
  const value = compactTaxId(entered);
  const prefixed = /^[A-Z]{2}/.test(value) && EU_VAT_PREFIXES.has(value.slice(0, 2)) ? value.slice(0, 2) : null;
  const country = (prefixed === "EL" ? "GR" : prefixed) ?? countryCode?.toUpperCase() ?? null;
  if (country === "IT") return italianType(value);
  if (country === "PL") return "pl_nip";
  if (country === "BR") return brazilianType(value);
  if (country && EU_VAT_PREFIXES.has(vatPrefixOf(country))) return "eu_vat";
  return null;
}

function namedValue(sources: LegalSources, key: string): { value: string; source: LegalSource } | null {
  const wanted = key.trim().toLowerCase();
  const attribute = sources.attributes.find((a) => a.key.trim().toLowerCase() === wanted && a.value?.trim());
  if (attribute?.value) return { value: attribute.value, source: "note_attribute" };
  const metafield = metafieldOfKey(key);
  if (!metafield) return null;
  const same = (m: { namespace: string; key: string; value: string }) =>
    m.namespace === metafield.namespace && m.key === metafield.key && m.value.trim();
  const onOrder = sources.orderMetafields.find(same);
  if (onOrder) return { value: onOrder.value, source: "order_metafield" };
  const onCustomer = sources.customerMetafields.find(same);
  return onCustomer ? { value: onCustomer.value, source: "customer_metafield" } : null;
}

function pecOf(entered: string, source: LegalSource, sourceKey: string): InvoicingContact {
  const value = entered.trim().toLowerCase();
  return { value, source, sourceKey, problem: /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/.test(value) ? null : "format" };
}

/** A codice destinatario: 7 letters and digits for businesses and people, 6 for public administrations. */
function sdiCodeOf(entered: string, source: LegalSource, sourceKey: string): InvoicingContact {
  const value = entered.trim().toUpperCase();
  return { value, source, sourceKey, problem: /^[A-Z0-9]{6,7}$/.test(value) ? null : "format" };
}

/** What goes to the ERP: the identifiers that pass their check, and those that do not when the merchant says so. */
export function taxIdsToSend(identity: LegalIdentity, settings: Pick<LegalDataSettings, "sendInvalidTaxIds">): TaxIdentifier[] {
  return identity.taxIds.filter((id) => !id.problem || settings.sendInvalidTaxIds);
}
