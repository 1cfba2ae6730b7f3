/**
 * Money in Ponte: decimal, never a JavaScript number. Every amount is a
 * Decimal (decimal.js) from the moment it is read until it is written out as
 * a string with the currency's own number of decimals.
 *
 * Rounding, written down once: an amount is rounded to its currency's minor
 * unit (ISO 4217 exponent: JPY 0, EUR 2, KWD 3) half away from zero, as
 * Shopify rounds; Ponte rounds only where Shopify does (a tax line on one
 * order line, a discount share) and otherwise carries Shopify's own amounts.
 */
import Decimal from "decimal.js";

/** decimal.js with room for any amount and Shopify's rounding. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Amount = InstanceType<typeof Dec>;

/** ISO 4217 currencies whose minor unit is not the cent. */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** How many decimals the currency's minor unit has (2 unless ISO 4217 says otherwise). */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** An amount from text ("19.90") or from a rate Shopify sends as a JSON number (0.09975), read exactly as written. */
export function amount(value: string | number | Amount): Amount {
  if (value instanceof Dec) return value;
  const text = typeof value === "number" ? numberText(value) : value.trim();
  if (!DECIMAL_TEXT.test(text)) throw new Error(`not an amount: ${JSON.stringify(value)}`);
  return new Dec(text);
}

/** A JSON number as the text it was written with (JavaScript prints the shortest text that reads back the same). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not an amount: ${value}`);
  return new Dec(String(value)).toFixed();
}

export function isAmount(value: string): boolean {
  return DECIMAL_TEXT.test(value.trim());
}

export const ZERO = new Dec(0);

export function sum(values: Iterable<string | Amount>): Amount {
  let total = ZERO;
  for (const value of values) total = total.plus(amount(value));
  return total;
}

/** Rounded to the currency's minor unit, half away from zero. */
export function roundTo(value: string | Amount, currency: string): Amount {
  return amount(value).toDecimalPlaces(currencyExponent(currency), Dec.ROUND_HALF_UP);
}

/** The amount as the currency writes it: "155.22", "23600", "1.250". */
export function format(value: string | Amount, currency: string): string {
  return roundTo(value, currency).toFixed(currencyExponent(currency));
}

/** An exact price with at least the currency's decimals: "4.00", "15.3333" (unit prices can be finer than the currency). */
export function price(value: string | Amount, currency: string): string {
  const exact = amount(plain(value));
  return exact.decimalPlaces() <= currencyExponent(currency) ? format(exact, currency) : plain(exact);
}

/** A plain decimal string with no trailing zeros ("9.975", "45.4091"), for rates and unit prices. */
export function plain(value: string | Amount): string {
  return amount(value).toFixed();
}

/** Shopify gives tax rates as fractions (0.09975); Ponte speaks percent ("9.975"). */
export function fractionToPercent(rate: string | number): string {
  return plain(amount(rate).times(100));
}

/** Splits `total` over `weights` in the currency's minor units so that the shares add up to it exactly (largest remainder). */
export function allocate(total: string | Amount, weights: Amount[], currency: string): Amount[] {
  const exponent = currencyExponent(currency);
  const unit = new Dec(1).dividedBy(new Dec(10).pow(exponent));
  const whole = roundTo(total, currency);
  const weightSum = weights.reduce((s, w) => s.plus(w), ZERO);
  if (weights.length === 0) return [];
  if (weightSum.isZero()) return weights.map((_, n) => (n === 0 ? whole : ZERO));
  const exact = weights.map((w) => whole.times(w).dividedBy(weightSum));
  const shares = exact.map((e) => e.toDecimalPlaces(exponent, Dec.ROUND_DOWN));
  let left = whole.minus(shares.reduce((s, x) => s.plus(x), ZERO));
  const order = exact.map((e, n) => ({ n, rest: e.minus(shares[n]!) })).sort((a, b) => b.rest.comparedTo(a.rest) || a.n - b.n);
  for (const { n } of order) {
    if (left.lessThan(unit)) break;
    shares[n] = shares[n]!.plus(unit);
    left = left.minus(unit);
  }
  return shares;
}

/** The amount in the currency's minor units, as an exact integer ("19.90" EUR -> 1990), for comparing and for integer arithmetic. */
export function toMinorUnits(value: string | Amount, currency: string): number {
  return roundTo(value, currency)
    .times(new Dec(10).pow(currencyExponent(currency)))
    .toNumber();
}

/** An amount as a JSON number, for the APIs that take one (Cassa in Cloud): converted once, at the edge, after all arithmetic. */
export function toJsonNumber(value: string | Amount, currency: string): number {
  return Number(format(value, currency));
}
