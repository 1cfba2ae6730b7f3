// GIVEN what Shopify holds on an order (checkout fields, a B2B company, note attributes, metafields) and where the
//       merchant said to look
// WHEN Ponte works out the order's legal identity
// THEN each tax id is typed as Tryton types it, compacted, checked with its check digit (a wrong one is kept and named,
//      never dropped), read once even when two places hold it, and the PEC and SDI code come apart
import { describe, expect, it } from "vitest";
import { checkTaxId } from "../../app/services/tax-ids/check-tax-id";
import { legalIdentityOf, taxIdsToSend, typeByCountry } from "../../app/services/tax-ids/legal-identity";
import {
  DEFAULT_LEGAL_DATA_SETTINGS,
  legalSourcesSchema,
  namedMetafieldKeys,
  type LegalSourcesInput,
} from "../../app/services/tax-ids/legal-sources";

const sources = (input: LegalSourcesInput) => legalSourcesSchema.parse(input);
const settings = { ...DEFAULT_LEGAL_DATA_SETTINGS, taxIdKey: "Partita IVA", sdiCodeKey: "invoicing.sdi_code" };

describe("checkTaxId", () => {
  it.each([
    ["it_codicefiscale", "rssmra85t10a562s", "RSSMRA85T10A562S", null],
    ["it_codicefiscale", "RSSMRA85T10A562T", "RSSMRA85T10A562T", "checksum"],
    ["it_codicefiscale", "RSSMRA85T10A562", "RSSMRA85T10A562", "length"],
    ["it_iva", "IT 00743110157", "00743110157", null],
    ["it_iva", "00743110158", "00743110158", "checksum"],
    ["pl_nip", "PL 856-734-62-15", "8567346215", null],
    ["pl_nip", "8567346216", "8567346216", "checksum"],
    ["br_cpf", "390.533.447-05", "39053344705", null],
    ["br_cpf", "111.111.111-11", "11111111111", "checksum"],
    ["br_cnpj", "16.727.230/0001-97", "16727230000197", null],
    ["br_cnpj", "16.727.230/0001-98", "16727230000198", "checksum"],
    ["eu_vat", "DE 136 695 976", "DE136695976", null],
    ["eu_vat", "DE136695977", "DE136695977", "checksum"],
    ["eu_vat", "136695976", "136695976", "country"],
  ] as const)("%s %s -> %s (%s)", (type, entered, value, problem) => {
    expect(checkTaxId(type, entered)).toEqual({ value, problem });
  });
});

describe("typeByCountry", () => {
  it("types a number by the order's country, or by its own VAT prefix", () => {
    expect(typeByCountry("IT", "00743110157")).toBe("it_iva");
    expect(typeByCountry("IT", "RSSMRA85T10A562S")).toBe("it_codicefiscale");
    expect(typeByCountry("PL", "8567346215")).toBe("pl_nip");
    expect(typeByCountry("BR", "16.727.230/0001-97")).toBe("br_cnpj");
    expect(typeByCountry("BR", "390.533.447-05")).toBe("br_cpf");
    expect(typeByCountry("DE", "DE136695976")).toBe("eu_vat");
    expect(typeByCountry("US", "DE136695976")).toBe("eu_vat");
    expect(typeByCountry("US", "12-3456789")).toBeNull();
    expect(typeByCountry(null, "PL8567346215")).toBe("pl_nip");
  });
});

describe("legalIdentityOf", () => {
  it("reads an Italian checkout's codice fiscale and PEC, and a company's partita IVA with its SDI code from a note attribute", () => {
    const identity = legalIdentityOf(
      sources({
        countryCode: "IT",
        localizedFields: [
          { key: "TAX_CREDENTIAL_IT", value: "RSSMRA85T10A562S", countryCode: "IT" },
          { key: "TAX_EMAIL_IT", value: " Mario.Rossi@PEC.it ", countryCode: "IT" },
        ],
        attributes: [{ key: "partita iva", value: "IT00743110157" }],
        orderMetafields: [{ namespace: "invoicing", key: "sdi_code", value: "m5uxcr1" }],
      }),
      settings,
    );
    expect(identity.taxIds).toEqual([
      {
        type: "it_codicefiscale",
        value: "RSSMRA85T10A562S",
        entered: "RSSMRA85T10A562S",
        source: "checkout",
        sourceKey: "TAX_CREDENTIAL_IT",
        problem: null,
      },
      { type: "it_iva", value: "00743110157", entered: "IT00743110157", source: "note_attribute", sourceKey: "Partita IVA", problem: null },
    ]);
    expect(identity.pec).toEqual({ value: "mario.rossi@pec.it", source: "checkout", sourceKey: "TAX_EMAIL_IT", problem: null });
    expect(identity.sdiCode).toEqual({ value: "M5UXCR1", source: "order_metafield", sourceKey: "invoicing.sdi_code", problem: null });
  });

  it("keeps a codice fiscale whose check letter is wrong, names the problem, and sends it only when the merchant says so", () => {
    const identity = legalIdentityOf(sources({ localizedFields: [{ key: "TAX_CREDENTIAL_IT", value: "RSSMRA85T10A562T" }] }), settings);
    expect(identity.taxIds).toMatchObject([{ type: "it_codicefiscale", problem: "checksum" }]);
    expect(taxIdsToSend(identity, { sendInvalidTaxIds: false })).toEqual([]);
    expect(taxIdsToSend(identity, { sendInvalidTaxIds: true })).toHaveLength(1);
  });

  it("reads a Brazilian CPF from the checkout and a B2B company's CNPJ, and a Polish company's NIP", () => {
    const br = legalIdentityOf(
      sources({
        countryCode: "BR",
        localizedFields: [
          { key: "TAX_CREDENTIAL_BR", value: "390.533.447-05" },
          { key: "SHIPPING_CREDENTIAL_BR", value: "39053344705" },
        ],
        company: { name: "Padaria Boa Vista Ltda", taxRegistrationId: "16.727.230/0001-97", countryCode: "BR" },
      }),
      DEFAULT_LEGAL_DATA_SETTINGS,
    );
    expect(br.taxIds.map(({ type, value, source }) => ({ type, value, source }))).toEqual([
      { type: "br_cnpj", value: "16727230000197", source: "company" },
      { type: "br_cpf", value: "39053344705", source: "checkout" },
    ]);
    const pl = legalIdentityOf(
      sources({ company: { name: "Kawiarnia Sp. z o.o.", taxRegistrationId: "PL8567346215", countryCode: "PL" } }),
      DEFAULT_LEGAL_DATA_SETTINGS,
    );
    expect(pl.taxIds).toMatchObject([{ type: "pl_nip", value: "8567346215", problem: null, source: "company" }]);
  });

  it("reads only what the merchant switched on, and a customer's metafield when the order has none", () => {
    const held = sources({
      countryCode: "PL",
      localizedFields: [{ key: "TAX_CREDENTIAL_IT", value: "RSSMRA85T10A562S" }],
      company: { name: "X", taxRegistrationId: "8567346215", countryCode: "PL" },
      customerMetafields: [{ namespace: "custom", key: "nip", value: "856-734-62-15" }],
    });
    const off = { ...DEFAULT_LEGAL_DATA_SETTINGS, readCheckoutFields: false, readCompanies: false };
    expect(legalIdentityOf(held, off).taxIds).toEqual([]);
    expect(legalIdentityOf(held, { ...off, taxIdKey: "custom.nip" }).taxIds).toMatchObject([
      { type: "pl_nip", value: "8567346215", source: "customer_metafield", sourceKey: "custom.nip" },
    ]);
    expect(namedMetafieldKeys({ ...off, taxIdKey: "custom.nip", sdiCodeKey: "Codice SDI", pecKey: "fatture.pec" })).toEqual([
      "custom.nip",
      "fatture.pec",
    ]);
  });

  it("names a malformed SDI code and PEC", () => {
    const identity = legalIdentityOf(
      sources({
        attributes: [
          { key: "Codice SDI", value: "ABC" },
          { key: "PEC", value: "not-an-address" },
        ],
      }),
      { ...DEFAULT_LEGAL_DATA_SETTINGS, sdiCodeKey: "codice sdi", pecKey: "pec" },
    );
    expect(identity.sdiCode).toMatchObject({ value: "ABC", problem: "format" });
    expect(identity.pec).toMatchObject({ value: "not-an-address", problem: "format" });
  });
});
