/**
 * What an order's legal identity gives its ERP customer: the tax ids to send
 * (those that passed their check, and the others when the merchant says so),
 * the PEC and SDI code on the same terms, and the ids a customer is matched
 * by (those that passed, company ids first: a company that buys through
 * several people is one customer). Pure.
 */
import type { ErpTaxIdentifier } from "../../erp/erp.types";
import { taxIdsToSend } from "../../tax-ids/legal-identity";
import type { LegalDataSettings } from "../../tax-ids/legal-sources";
import { COMPANY_TAX_ID_TYPES, NO_LEGAL_IDENTITY, type LegalIdentity, type TaxIdType } from "../../tax-ids/tax-identifier";

export interface CustomerLegalData {
  taxIdentifiers: ErpTaxIdentifier[];
  pec: string | null;
  sdiCode: string | null;
  /** The ids to look a customer up by, in order. */
  matchBy: Array<{ type: TaxIdType; value: string }>;
}

export const NO_CUSTOMER_LEGAL_DATA: CustomerLegalData = { taxIdentifiers: [], pec: null, sdiCode: null, matchBy: [] };

export function customerLegalDataOf(
  identity: LegalIdentity = NO_LEGAL_IDENTITY,
  settings: Pick<LegalDataSettings, "sendInvalidTaxIds">,
): CustomerLegalData {
  const sendable = (contact: LegalIdentity["pec"]) => (contact && (!contact.problem || settings.sendInvalidTaxIds) ? contact.value : null);
  const valid = identity.taxIds.filter((id) => !id.problem);
  const rank = (type: TaxIdType) => (COMPANY_TAX_ID_TYPES.includes(type) ? 0 : 1);
  return {
    taxIdentifiers: taxIdsToSend(identity, settings).map((id) => ({ type: id.type, value: id.value, valid: !id.problem })),
    pec: sendable(identity.pec),
    sdiCode: sendable(identity.sdiCode),
    matchBy: [...valid].sort((a, b) => rank(a.type) - rank(b.type)).map(({ type, value }) => ({ type, value })),
  };
}

export function hasCustomerLegalData(data: CustomerLegalData): boolean {
  return data.taxIdentifiers.length > 0 || data.pec !== null || data.sdiCode !== null;
}
