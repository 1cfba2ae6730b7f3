/**
 * A shop's price list rules as stored: listed in the order they apply, added
 * at the end, moved up or down, switched on or off, deleted.
 */
import type { PrismaClient } from "@prisma/client";
import { priceRuleInputSchema, type PriceRule, type PriceRuleInput } from "./price-rules";
import type { ShopDomain } from "../ids";

export async function loadPriceRules(db: PrismaClient, shop: ShopDomain): Promise<PriceRule[]> {
  const rows = await db.priceRule.findMany({ where: { shop }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  return rows.map((row) => ({
    ...priceRuleInputSchema.parse({ ...row, scopeValue: row.scopeValue ?? "" }),
    id: row.id,
    enabled: row.enabled,
    position: row.position,
  }));
}

export async function addPriceRule(db: PrismaClient, shop: ShopDomain, input: PriceRuleInput): Promise<PriceRule> {
  const rule = priceRuleInputSchema.parse(input);
  const last = await db.priceRule.aggregate({ where: { shop }, _max: { position: true } });
  const row = await db.priceRule.create({
    data: { shop, ...rule, scopeValue: rule.scope === "all" ? null : rule.scopeValue, position: (last._max.position ?? -1) + 1 },
  });
  return { ...rule, id: row.id, enabled: row.enabled, position: row.position };
}

/** Swaps the rule with its neighbour above or below; at either end nothing moves. */
export async function movePriceRule(db: PrismaClient, shop: ShopDomain, id: string, direction: "up" | "down"): Promise<void> {
  await db.$transaction(async (tx) => {
    const rules = await tx.priceRule.findMany({ where: { shop }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    const index = rules.findIndex((rule) => rule.id === id);
    const other = index + (direction === "up" ? -1 : 1);
    if (index < 0 || other < 0 || other >= rules.length) return;
    [rules[index], rules[other]] = [rules[other]!, rules[index]!];
    // Positions made dense again, so ties from concurrent additions cannot survive a move.
    for (const [position, rule] of rules.entries()) await tx.priceRule.update({ where: { id: rule.id }, data: { position } });
  });
}

export async function setPriceRuleEnabled(db: PrismaClient, shop: ShopDomain, id: string, enabled: boolean): Promise<void> {
  await db.priceRule.updateMany({ where: { shop, id }, data: { enabled } });
}

export async function deletePriceRule(db: PrismaClient, shop: ShopDomain, id: string): Promise<void> {
  await db.priceRule.deleteMany({ where: { shop, id } });
}
