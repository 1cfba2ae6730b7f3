// GIVEN an amount typed the way merchants in Italy, Poland, Brazil and the UK type it
// WHEN the price rule form reads it
// THEN it is the same decimal in every language, thousands groups are dropped, a lone separator is the decimal one,
//      and what is not a number is refused
import { describe, expect, it } from "vitest";
import { normalizeDecimalInput, priceRuleInputSchema } from "../../app/services/pricing/price-rules";

describe("an amount typed in the merchant's locale", () => {
  it.each([
    ["12,5", "12.5"],
    ["12.5", "12.5"],
    ["-1,50", "-1.50"],
    ["−1,50", "-1.50"],
    ["1.234,50", "1234.50"],
    ["1,234.50", "1234.50"],
    ["1 234,5", "1234.5"],
    ["1\u00a0234,5", "1234.5"],
    ["1,234", "1.234"],
    ["1.234", "1.234"],
    ["25", "25"],
    [" 7,9 ", "7.9"],
  ])("%s is %s", (typed, wanted) => expect(normalizeDecimalInput(typed)).toBe(wanted));

  it("keeps what is not one number as typed, for the form to refuse", () => {
    expect(normalizeDecimalInput("0,125")).toBe("0.125");
    expect(normalizeDecimalInput("1,2,3")).toBe("1,2,3");
    expect(normalizeDecimalInput("abc")).toBe("abc");
  });

  it("adds an Italian 12,5 % markup as 12.5, and refuses a third decimal with the amount's own message", () => {
    const rule = { scope: "all", base: "list", adjustment: "markup-percent", rounding: "none" };
    expect(priceRuleInputSchema.parse({ ...rule, amount: "12,5" }).amount).toBe("12.5");
    const refused = priceRuleInputSchema.safeParse({ ...rule, amount: "12,555" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual(["errors.prices.amount"]);
  });
});
