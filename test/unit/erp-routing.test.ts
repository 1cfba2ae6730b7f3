// GIVEN a shop's ERPs: a main one and others that name shipping countries
// WHEN an order's country is routed, a country list is read, or a new list is checked against the others
// THEN the ERP naming the country takes it, the main one everything else; lists are read and conflicts named
import { describe, expect, it } from "vitest";
import { conflictingCountry, erpForCountry, parseCountryList, routingCountry } from "../../app/services/erp/erp-routing";
import { erpConnectionId } from "../../app/services/ids";

const italia = { id: erpConnectionId("it"), name: "Italia", position: 0, countries: [] };
const polska = { id: erpConnectionId("pl"), name: "Polska", position: 1, countries: ["PL", "CZ"] };
const brasil = { id: erpConnectionId("br"), name: "Brasil", position: 2, countries: ["BR"] };
const erps = [brasil, polska, italia];

describe("routing an order to one of the shop's ERPs", () => {
  it("sends an order to the ERP that names its country, and every other order to the main ERP", () => {
    expect(erpForCountry(erps, "PL")?.id).toBe("pl");
    expect(erpForCountry(erps, "cz")?.id).toBe("pl");
    expect(erpForCountry(erps, "BR")?.id).toBe("br");
    expect(erpForCountry(erps, "IT")?.id).toBe("it");
    expect(erpForCountry(erps, "FR")?.id).toBe("it");
    expect(erpForCountry(erps, null)?.id).toBe("it");
    expect(erpForCountry([], "PL")).toBeNull();
  });

  it("ignores countries on the main ERP: it takes only what no other ERP claims", () => {
    const mainNamingPl = { ...italia, countries: ["PL"] };
    expect(erpForCountry([mainNamingPl, polska], "PL")?.id).toBe("pl");
  });

  it("routes by the shipping country, else the billing country", () => {
    const address = (countryCode: string) => ({ countryCode });
    expect(routingCountry({ shippingAddress: address("PL"), billingAddress: address("IT") })).toBe("PL");
    expect(routingCountry({ shippingAddress: null, billingAddress: address("BR") })).toBe("BR");
    expect(routingCountry({ shippingAddress: null, billingAddress: null })).toBeNull();
  });

  it("reads a list of country codes, and names what is not one", () => {
    expect(parseCountryList("pl, CZ de;pl")).toEqual({ countries: ["PL", "CZ", "DE"] });
    expect(parseCountryList("")).toEqual({ countries: [] });
    expect(parseCountryList("PL, Poland, 1")).toEqual({ error: { key: "errors.erp.countryCodes", params: { wrong: "POLAND, 1" } } });
  });

  it("names a country another ERP (not the main one) already takes", () => {
    expect(conflictingCountry(erps, { id: erpConnectionId("new"), name: "Czechia", position: 3, countries: ["SK", "CZ"] })).toEqual({
      country: "CZ",
      erp: "Polska",
    });
    expect(conflictingCountry(erps, { ...polska, countries: ["PL", "SK"] })).toBeNull();
    expect(conflictingCountry(erps, { id: erpConnectionId("new"), name: "Francia", position: 3, countries: ["FR"] })).toBeNull();
  });
});
