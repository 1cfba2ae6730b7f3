// GIVEN price list rules (scope, base price, markup or fixed amount, rounding) and a product's facts and source prices
// WHEN the selling price is worked out
// THEN the first enabled rule covering the product sets it, in exact cents, rounded up to .90/.99 when asked
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  describeRule,
  priceBy,
  priceRuleInputSchema,
  roundUpToEnding,
  ruleFor,
  sellingPrices,
  type PriceRule,
} from "../../app/services/pricing/price-rules";

const rule = (over: Partial<PriceRule>): PriceRule => ({
  id: over.id ?? "r",
  enabled: true,
  position: 0,
  scope: "all",
  scopeValue: "",
  base: "list",
  adjustment: "markup-percent",
  amount: "0",
  rounding: "none",
  ...over,
});
const facts = { vendor: "Forno Aurora", productType: "Dolci", collections: ["Colazione"] };

describe("price rules", () => {
  it("adds a percent or a fixed amount to the list or cost price, in exact cents", () => {
    expect(priceBy(rule({ amount: "20" }), { list: "4.20", cost: null })).toEqual({ ok: true, price: "5.04" });
    expect(priceBy(rule({ amount: "12.5" }), { list: "0.10", cost: null })).toEqual({ ok: true, price: "0.11" });
    expect(priceBy(rule({ adjustment: "fixed-amount", amount: "-1.50" }), { list: "7", cost: null })).toEqual({ ok: true, price: "5.50" });
    expect(priceBy(rule({ base: "cost", amount: "100" }), { list: "9.99", cost: "2.35" })).toEqual({ ok: true, price: "4.70" });
  });

  it("rounds up to end in .90 or .99, never down", () => {
    expect(priceBy(rule({ amount: "20", rounding: "0.90" }), { list: "4.20", cost: null })).toEqual({ ok: true, price: "5.90" });
    expect(priceBy(rule({ amount: "0", rounding: "0.90" }), { list: "5.95", cost: null })).toEqual({ ok: true, price: "6.90" });
    expect(priceBy(rule({ amount: "0", rounding: "0.99" }), { list: "5.99", cost: null })).toEqual({ ok: true, price: "5.99" });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(90, 99), (cents, ending) => {
        const rounded = roundUpToEnding(cents, ending);
        return rounded >= cents && rounded - cents < 100 && rounded % 100 === ending;
      }),
    );
  });

  it("refuses, with the reason, a price it cannot work out: no cost at the source, a negative result", () => {
    expect(priceBy(rule({ base: "cost" }), { list: "5", cost: null })).toEqual({ ok: false, reason: "the source keeps no cost price for it" });
    expect(priceBy(rule({ adjustment: "fixed-amount", amount: "-6" }), { list: "5", cost: null })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("negative"),
    });
  });

  it("picks the first enabled rule by position that covers the product; matching ignores case", () => {
    const rules = [
      rule({ id: "collection", position: 2, scope: "collection", scopeValue: "colazione" }),
      rule({ id: "off", position: 0, scope: "vendor", scopeValue: "Forno Aurora", enabled: false }),
      rule({ id: "type", position: 1, scope: "product-type", scopeValue: "Caffè" }),
      rule({ id: "all", position: 3 }),
    ];
    expect(ruleFor(facts, rules)?.id).toBe("collection");
    expect(ruleFor({ ...facts, collections: [] }, rules)?.id).toBe("all");
    expect(ruleFor({ vendor: "", productType: "caffè", collections: [] }, rules)?.id).toBe("type");
    expect(ruleFor(facts, [])).toBeNull();
  });

  it("keeps the source's list prices when no rule covers a product, and reports the variants a rule cannot price", () => {
    const variants = [
      { sku: "A", list: "3.00", cost: "1.00" },
      { sku: "B", list: "4.00", cost: null },
    ];
    expect(sellingPrices(variants, facts, []).prices).toEqual(
      new Map([
        ["A", "3.00"],
        ["B", "4.00"],
      ]),
    );
    const byCost = sellingPrices(variants, facts, [rule({ base: "cost", amount: "50" })]);
    expect(byCost.prices).toEqual(new Map([["A", "1.50"]]));
    expect(byCost.problems).toEqual([{ sku: "B", reason: "the source keeps no cost price for it" }]);
  });

  it("checks the form: a scope needs its value, amounts have at most 2 decimals", () => {
    expect(
      priceRuleInputSchema.safeParse({ scope: "vendor", scopeValue: " ", base: "list", adjustment: "markup-percent", amount: "10" }).success,
    ).toBe(false);
    expect(priceRuleInputSchema.safeParse({ scope: "all", base: "list", adjustment: "fixed-amount", amount: "1.234" }).success).toBe(false);
    expect(priceRuleInputSchema.safeParse({ scope: "all", base: "list", adjustment: "markup-percent", amount: "-100" }).success).toBe(false);
    const parsed = priceRuleInputSchema.parse({
      scope: "vendor",
      scopeValue: "Forno Aurora",
      base: "list",
      adjustment: "markup-percent",
      amount: "20",
      rounding: "0.90",
    });
    expect(describeRule(parsed)).toBe('Vendor "Forno Aurora": list price + 20 %, rounded up to .90');
  });
});
