/** A price rule and amounts in the merchant's words, for the Price list and the recalculation's run log. */
import type { TFunction } from "i18next";
import type { PriceRuleInput } from "../../services/pricing/price-rules";

export type DescribedRule = Pick<PriceRuleInput, "scope" | "scopeValue" | "base" | "adjustment" | "amount" | "rounding">;

/** The decimal separator the merchant types: "," in Italian, Polish and Portuguese. */
export const decimalSeparator = (locale: string) => (1.5).toLocaleString(locale).replace(/\d/g, "");

/** An amount as the merchant reads it: "12,50" in Italian. */
export const shownAmount = (amount: string, locale: string) => amount.replace(".", decimalSeparator(locale));

/** A rule in the merchant's words: "Vendor “Acme”: list price + 10 %, rounded up to .90". */
export function describe(t: TFunction, locale: string, rule: DescribedRule) {
  const negative = rule.amount.trim().startsWith("-");
  const magnitude = shownAmount(rule.amount.trim().replace(/^-/, ""), locale);
  return t("prices.describe", {
    who: rule.scope === "all" ? t("prices.scope.all") : t("prices.describeScope", { scope: t(`prices.scope.${rule.scope}`), value: rule.scopeValue }),
    base: t(`prices.baseLower.${rule.base}`),
    change: `${negative ? "−" : "+"} ${magnitude}${rule.adjustment === "markup-percent" ? " %" : ""}`,
    rounding: rule.rounding === "none" ? "" : t("prices.roundedTo", { ending: shownAmount(rule.rounding.slice(1), locale) }),
  });
}
