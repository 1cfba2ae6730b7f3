// GIVEN a Shopify location's mapping to POS stock and the sale points' stock
// WHEN the location's stock is computed
// THEN it is one sale point's stock, or the sum of the active ones; a switched-off sale point adds nothing; an unmapped location has none
import { describe, expect, it } from "vitest";
import { stockForLocation } from "../../app/services/pos/location-stock";
import { salePointId } from "../../app/services/ids";

const salePoints = [
  { salePointId: salePointId("101"), active: true },
  { salePointId: salePointId("102"), active: false },
  { salePointId: salePointId("103"), active: true },
];
const stock = new Map<string, Record<string, number>>([
  ["101", { CAF: 3, TAZ: 1 }],
  ["102", { CAF: 10 }],
  ["103", { CAF: 6, MOKA: 4, TAZ: -2 }],
]);

describe("a location's stock from the POS", () => {
  it("sums the active sale points, never a negative quantity", () => {
    expect(stockForLocation({ source: "sum" }, salePoints, stock)).toEqual({ CAF: 9, TAZ: 1, MOKA: 4 });
  });

  it("takes one sale point's stock, and nothing from a switched-off one", () => {
    expect(stockForLocation({ source: "sale-point", salePointId: salePointId("103") }, salePoints, stock)).toEqual({ CAF: 6, MOKA: 4, TAZ: 0 });
    expect(stockForLocation({ source: "sale-point", salePointId: salePointId("102") }, salePoints, stock)).toEqual({});
  });

  it("has no stock to push when the location is not synced", () => {
    expect(stockForLocation({ source: "none" }, salePoints, stock)).toBeNull();
  });
});
