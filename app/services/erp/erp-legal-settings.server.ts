/**
 * Where each ERP's legal data for invoices is read from (services/tax-ids):
 * Shopify's checkout fields, B2B companies, and the note attributes or
 * metafields the merchant names for a tax id, an SDI code and a PEC; and
 * whether a tax id that fails its check goes to the ERP all the same. Saved
 * from the ERP page's form, parsed; a key is a note attribute's name or a
 * metafield written namespace.key.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import { FormRefusal } from "../forms/form-refusal";
import type { ShopDomain } from "../ids";
import type { LegalDataSettings } from "../tax-ids/legal-sources";

type ConnectionRow = Pick<
  Prisma.ErpConnectionGetPayload<object>,
  "legalReadCheckoutFields" | "legalReadCompanies" | "legalTaxIdKey" | "legalSdiCodeKey" | "legalPecKey" | "legalSendInvalid"
>;

export function legalSettingsOf(row: ConnectionRow): LegalDataSettings {
  return {
    readCheckoutFields: row.legalReadCheckoutFields,
    readCompanies: row.legalReadCompanies,
    taxIdKey: row.legalTaxIdKey,
    sdiCodeKey: row.legalSdiCodeKey,
    pecKey: row.legalPecKey,
    sendInvalidTaxIds: row.legalSendInvalid,
  };
}

/** A checkbox as a form posts it: "on" or "true" when ticked, absent when not. */
const ticked = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** A key: a note attribute's name (letters, digits, spaces, dots, dashes, underscores), or namespace.key; empty is none. */
const namedKey = z
  .string()
  .trim()
  .max(80, "errors.legal.keyLength")
  .regex(/^[\p{L}\p{N} ._:-]*$/u, "errors.legal.keyCharacters")
  .optional()
  .transform((value) => value || null);

export const erpLegalInputSchema = z.object({
  readCheckoutFields: ticked,
  readCompanies: ticked,
  taxIdKey: namedKey,
  sdiCodeKey: namedKey,
  pecKey: namedKey,
  sendInvalidTaxIds: ticked,
});

export async function saveErpLegalSettings(db: PrismaClient, shop: ShopDomain, raw: unknown): Promise<LegalDataSettings> {
  const form = (raw ?? {}) as Record<string, unknown>;
  const row = await db.erpConnection.findFirst({ where: { shop, id: String(form.connectionId ?? "") }, select: { id: true } });
  if (!row) throw new FormRefusal("errors.erp.gone");
  const input = erpLegalInputSchema.parse(raw);
  const saved = await db.erpConnection.update({
    where: { id: row.id },
    data: {
      legalReadCheckoutFields: input.readCheckoutFields,
      legalReadCompanies: input.readCompanies,
      legalTaxIdKey: input.taxIdKey,
      legalSdiCodeKey: input.sdiCodeKey,
      legalPecKey: input.pecKey,
      legalSendInvalid: input.sendInvalidTaxIds,
    },
  });
  return legalSettingsOf(saved);
}
