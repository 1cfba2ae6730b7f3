/**
 * Checks a tax identifier with its checksum, by kept libraries: `stdnum` (the
 * JavaScript port of python-stdnum, which Tryton itself checks with) for the
 * Italian, Polish and Brazilian numbers, `jsvat` for EU VAT numbers. Returns
 * the compact value and what is wrong, if anything; never throws.
 */
import stdnumPackage from "stdnum";
import jsvatPackage from "jsvat";
import type { TaxIdProblem, TaxIdType } from "./tax-identifier";

const { stdnum } = stdnumPackage;
const { checkVAT, countries } = jsvatPackage;

export interface TaxIdCheck {
  value: string;
  problem: TaxIdProblem | null;
}

/** Upper case, without spaces, dots, dashes and slashes: how Tryton and the tax offices write them. */
export function compactTaxId(entered: string): string {
  return entered.toUpperCase().replace(/[\s.\-/]/g, "");
}

const validators = {
  it_codicefiscale: stdnum.IT!.codicefiscale!,
  it_iva: stdnum.IT!.iva!,
  pl_nip: stdnum.PL!.nip!,
  br_cpf: stdnum.BR!.cpf!,
  br_cnpj: stdnum.BR!.cnpj!,
} as const;

const PROBLEM_OF_ERROR: Record<string, TaxIdProblem> = {
  InvalidLength: "length",
  InvalidFormat: "format",
  InvalidChecksum: "checksum",
  InvalidComponent: "component",
};

/** National numbers are kept without their country prefix (IT, PL), as Tryton's it_iva and pl_nip want them. */
const NATIONAL_PREFIX: Partial<Record<TaxIdType, string>> = { it_iva: "IT", pl_nip: "PL" };

export function checkTaxId(type: TaxIdType, entered: string): TaxIdCheck {
  let value = compactTaxId(entered);
  const prefix = NATIONAL_PREFIX[type];
  if (prefix && value.startsWith(prefix)) value = value.slice(prefix.length);
  if (type === "eu_vat") return checkEuVat(value);
  const answer = validators[type].validate(value);
  if (!answer.isValid) return { value, problem: PROBLEM_OF_ERROR[answer.error?.name ?? ""] ?? "format" };
  // The Receita Federal gives no CPF or CNPJ of one repeated digit, though their check digits add up.
  if ((type === "br_cpf" || type === "br_cnpj") && /^(\d)\1*$/.test(value)) return { value, problem: "checksum" };
  return { value, problem: null };
}

function checkEuVat(value: string): TaxIdCheck {
  if (!/^[A-Z]{2}/.test(value)) return { value, problem: "country" };
  const answer = checkVAT(value, countries);
  if (answer.isValid) return { value, problem: null };
  if (!answer.isSupportedCountry) return { value, problem: "country" };
  return { value, problem: answer.isValidFormat ? "checksum" : "format" };
}

/** The ISO countries whose VAT numbers jsvat checks as EU VAT (the EU's, by their VAT prefix: Greece is EL). */
export const EU_VAT_PREFIXES = new Set([
  "AT",
  "BE",
  "BG",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "EL",
  "ES",
  "FI",
  "FR",
  "HR",
  "HU",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SE",
  "SI",
  "SK",
]);

/** A country's VAT prefix: its ISO code, except Greece (EL). */
export function vatPrefixOf(countryCode: string): string {
  return countryCode.toUpperCase() === "GR" ? "EL" : countryCode.toUpperCase();
}
