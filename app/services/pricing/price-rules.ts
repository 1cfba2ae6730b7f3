/**
 * Price lists, pure, shared by the browser (the rule form and its wording)
 * and the server: a rule covers every product, or those of a vendor, a
 * product type or a collection; it takes the source's list or cost price,
 * adds a percent or a fixed amount, and may round up to end in .90 or .99.
 * The first enabled rule (by position) that covers a product sets the prices
 * of its variants; a product no rule covers keeps the source's prices.
 * Amounts are worked in cents, never in floating point.
 */
import { amount, Dec, format, isAmount, toMinorUnits } from "../money/money";
import { z } from "zod";

export const PRICE_SCOPES = { all: "Every product", vendor: "Vendor", "product-type": "Product type", collection: "Collection" } as const;
export const PRICE_BASES = { list: "List price", cost: "Cost price" } as const;
export const PRICE_ADJUSTMENTS = { "markup-percent": "Markup %", "fixed-amount": "Fixed amount" } as const;
export const PRICE_ROUNDINGS = { none: "No rounding", "0.90": "Round up to .90", "0.99": "Round up to .99" } as const;

type Keys<T> = [keyof T & string, ...Array<keyof T & string>];
const keysOf = <T extends object>(record: T) => Object.keys(record) as Keys<T>;

const decimal = /^-?\d{1,7}(\.\d{1,2})?$/;

/**
 * An amount as the merchant typed it, in their locale's way, as "12.5": "12,5" (Italian, Polish, Portuguese),
 * "1.234,50" and "1,234.50" (with both, the last separator is the decimal one), "1 234,5" (spaces between
 * thousands). A lone comma or point is always the decimal separator: "1.234" is read as 1.234 and refused for its
 * third decimal rather than silently taken as 1234. Anything else is left as typed, for the check that follows.
 */
export function normalizeDecimalInput(typed: string): string {
  const text = typed
    .trim()
    .replace(/[\s\u00a0\u202f']/g, "")
    .replace(/^\u2212/, "-");
  const lastComma = text.lastIndexOf(",");
  const lastPoint = text.lastIndexOf(".");
  if (lastComma === -1 && lastPoint === -1) return text;
  const decimalAt = Math.max(lastComma, lastPoint);
  const separator = text[decimalAt]!;
  const other = separator === "," ? "." : ",";
  const whole = text.slice(0, decimalAt).split(other).join("");
  if (whole.includes(separator)) return text;
  return `${whole}.${text.slice(decimalAt + 1)}`;
}

export const priceRuleInputSchema = z
  .object({
    scope: z.enum(keysOf(PRICE_SCOPES)),
    scopeValue: z.string().trim().max(255).optional().default(""),
    base: z.enum(keysOf(PRICE_BASES)),
    adjustment: z.enum(keysOf(PRICE_ADJUSTMENTS)),
    amount: z.string().transform(normalizeDecimalInput).pipe(z.string().regex(decimal, "errors.prices.amount")),
    rounding: z.enum(keysOf(PRICE_ROUNDINGS)).default("none"),
  })
  .refine((rule) => rule.scope === "all" || rule.scopeValue !== "", {
    path: ["scopeValue"],
    message: "errors.prices.scopeValue",
  })
  .refine((rule) => rule.adjustment !== "markup-percent" || !isAmount(rule.amount) || amount(rule.amount).greaterThan(-100), {
    path: ["amount"],
    message: "errors.prices.markupBelow100",
  });
export type PriceRuleInput = z.infer<typeof priceRuleInputSchema>;

export interface PriceRule extends PriceRuleInput {
  id: string;
  enabled: boolean;
  position: number;
}

/** What a rule may match a product on, as Shopify has it. */
export interface ProductFacts {
  vendor: string;
  productType: string;
  /** Collection titles. */
  collections: readonly string[];
}

/** A variant's prices at the source: its list price, and its cost price when the source keeps one. */
export interface SourcePrices {
  list: string;
  cost: string | null;
}

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export function covers(rule: Pick<PriceRule, "scope" | "scopeValue">, facts: ProductFacts): boolean {
  const value = rule.scopeValue ?? "";
  if (rule.scope === "all") return true;
  if (rule.scope === "vendor") return same(facts.vendor, value);
  if (rule.scope === "product-type") return same(facts.productType, value);
  return facts.collections.some((title) => same(title, value));
}

/** The rule that prices this product: the first enabled one, by position, that covers it. */
export function ruleFor<R extends PriceRule>(facts: ProductFacts, rules: readonly R[]): R | null {
  return [...rules].sort((a, b) => a.position - b.position).find((rule) => rule.enabled && covers(rule, facts)) ?? null;
}

/** A rule's amount (at most 2 decimals, checked by the form) in hundredths: 25.5 -> 2550. */
const toCents = (value: string) => toMinorUnits(value.trim(), "EUR");
const fromCents = (cents: number) => format(amount(cents).dividedBy(100), "EUR");

/** The smallest amount at or above `cents` whose cents are `ending` (90 or 99). */
export function roundUpToEnding(cents: number, ending: number): number {
  return amount(cents - ending)
    .dividedBy(100)
    .toDecimalPlaces(0, Dec.ROUND_CEIL)
    .times(100)
    .plus(ending)
    .toNumber();
}

export type RulePrice = { ok: true; price: string } | { ok: false; reason: string };

export function priceBy(rule: PriceRuleInput, source: SourcePrices): RulePrice {
  const baseAmount = rule.base === "cost" ? source.cost : source.list;
  if (baseAmount === null || baseAmount.trim() === "") return { ok: false, reason: "the source keeps no cost price for it" };
  if (!/^\d+(\.\d+)?$/.test(baseAmount.trim())) return { ok: false, reason: `its ${rule.base} price "${baseAmount}" is not a number` };
  const base = toMinorUnits(baseAmount.trim(), "EUR");
  // Percent in hundredths (25.5 % = 2550): cents * (10000 + percent) / 10000, rounded half up.
  let cents =
    rule.adjustment === "markup-percent"
      ? amount(base)
          .times(10_000 + toCents(rule.amount))
          .dividedBy(10_000)
          .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
          .toNumber()
      : base + toCents(rule.amount);
  if (rule.rounding !== "none") cents = roundUpToEnding(cents, rule.rounding === "0.90" ? 90 : 99);
  if (cents < 0) return { ok: false, reason: `the rule makes its price negative (${fromCents(-cents)} below zero)` };
  return { ok: true, price: fromCents(cents) };
}

/** The merchant's words for a rule: "Vendor Forno Aurora: list price + 20 %, rounded up to .90". */
export function describeRule(rule: PriceRuleInput): string {
  const who = rule.scope === "all" ? "Every product" : `${PRICE_SCOPES[rule.scope]} "${rule.scopeValue}"`;
  const negative = rule.amount.trim().startsWith("-");
  const magnitude = rule.amount.trim().replace(/^-/, "");
  const change = rule.adjustment === "markup-percent" ? `${negative ? "−" : "+"} ${magnitude} %` : `${negative ? "−" : "+"} ${magnitude}`;
  const rounding = rule.rounding === "none" ? "" : `, rounded up to ${rule.rounding.slice(1)}`;
  return `${who}: ${PRICE_BASES[rule.base].toLowerCase()} ${change}${rounding}`;
}

/** The prices a product's variants should sell at: by the rule covering it, else the source's own list prices. */
export function sellingPrices(
  variants: ReadonlyArray<{ sku: string } & SourcePrices>,
  facts: ProductFacts,
  rules: readonly PriceRule[],
): { prices: Map<string, string>; rule: PriceRule | null; problems: Array<{ sku: string; reason: string }> } {
  const rule = ruleFor(facts, rules);
  const prices = new Map<string, string>();
  const problems: Array<{ sku: string; reason: string }> = [];
  for (const variant of variants) {
    if (!rule) {
      prices.set(variant.sku, variant.list);
      continue;
    }
    const priced = priceBy(rule, variant);
    if (priced.ok) prices.set(variant.sku, priced.price);
    else problems.push({ sku: variant.sku, reason: priced.reason });
  }
  return { prices, rule, problems };
}
