// GIVEN a Shopify location's mapping to POS stock and the shop's sale points
// WHEN the sale points it is fed from are worked out
// THEN it is one sale point, or every active one for the sum; a switched-off sale point feeds nothing; an unmapped location nothing
import { describe, expect, it } from "vitest";
import { salePointsFeeding } from "../../app/services/pos/location-stock";
import { salePointId } from "../../app/services/ids";

const salePoints = [
  { salePointId: salePointId("101"), active: true },
  { salePointId: salePointId("102"), active: false },
  { salePointId: salePointId("103"), active: true },
];

describe("the sale points a location's stock comes from", () => {
  it("the sum is every active sale point", () => {
    expect(salePointsFeeding({ source: "sum" }, salePoints)).toEqual(["101", "103"]);
  });

  it("one sale point is that one, and a switched-off one feeds nothing", () => {
    expect(salePointsFeeding({ source: "sale-point", salePointId: salePointId("103") }, salePoints)).toEqual(["103"]);
    expect(salePointsFeeding({ source: "sale-point", salePointId: salePointId("102") }, salePoints)).toEqual([]);
  });

  it("a location not synced, or fed by a warehouse, has no sale point", () => {
    expect(salePointsFeeding({ source: "none" }, salePoints)).toEqual([]);
    expect(salePointsFeeding({ source: "warehouse", warehouseId: "4" }, salePoints)).toEqual([]);
  });
});
