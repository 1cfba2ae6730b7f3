// GIVEN every source file of the app
// WHEN it is searched for arithmetic on money with JavaScript numbers
// THEN none is found: money goes through app/services/money (decimal.js), the one place that may turn an amount into a number, at an API's edge
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../support/source-files";

const appDir = path.resolve(import.meta.dirname, "../../app");
const moneyDir = path.join(appDir, "services/money");

/** A number made of, or rounded from, something that names money. */
const MONEY_WORDS = "price|amount|total|tax|discount|cost|cents|money|markup|subtotal|shipping";
const FLOAT_MONEY = [
  new RegExp(`\\b(Number|parseFloat|parseInt)\\([^)]*(${MONEY_WORDS})`, "i"),
  new RegExp(`Math\\.(round|floor|ceil|trunc)\\([^)]*(${MONEY_WORDS})`, "i"),
];
/** A line that counts something else (a stock total, a share of products done) says so. */
const NOT_MONEY = /\/\/ not money: /;

export function floatMoneyLines(text: string): string[] {
  return text
    .split("\n")
    .map((line, n) => ({ line, n: n + 1 }))
    .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line))
    .filter(({ line }) => !NOT_MONEY.test(line) && FLOAT_MONEY.some((pattern) => pattern.test(line)))
    .map(({ line, n }) => `${n}: ${line.trim()}`);
}

describe("no float arithmetic on money", () => {
  it("finds the patterns it looks for (the search itself can fail)", () => {
    expect(floatMoneyLines("const total = lines.reduce((sum, l) => sum + Number(l.price) * l.quantity, 0);")).toHaveLength(1);
    expect(floatMoneyLines("const cents = Math.round(Number(amount) * 100);")).toHaveLength(1);
    expect(floatMoneyLines("const id = Number(row.id);")).toEqual([]);
  });

  it("has none in app/", () => {
    const found = sourceFiles(appDir, [moneyDir]).flatMap((file) =>
      floatMoneyLines(readFileSync(file, "utf8")).map((hit) => `${path.relative(appDir, file)}:${hit}`),
    );
    expect(found).toEqual([]);
  });
});
