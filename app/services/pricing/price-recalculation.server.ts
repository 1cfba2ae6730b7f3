/**
 * Recalculating selling prices from the price list: for every variant Ponte
 * links to Shopify, the price its product's rule gives (from the source's
 * list or cost price), or the source's own list price when no rule covers
 * the product, compared with what Shopify sells it at. The preview is that
 * comparison; the recalculate-prices run applies it, one call per product
 * (productVariantsBulkUpdate), logging what Shopify refuses and going on.
 * Rules match on Shopify's vendor, product type and collections, read with
 * the same bulk query as the product refresh.
 */
import { say } from "../../i18n/merchant-message";
import { isAmount, toMinorUnits } from "../money/money";
import type { PrismaClient } from "@prisma/client";
import type { ProductSource } from "../sources/product-source.types";
import type { RunCounts, RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { productsForRefresh, setVariantPrices, type ShopifyProductState } from "../shopify/catalog.adapter.server";
import { describeRule, sellingPrices, type PriceRule, type ProductFacts } from "./price-rules";
import { loadPriceRules } from "./price-rules.server";
import type { ShopDomain } from "../ids";

export interface PriceChange {
  sku: string;
  productTitle: string;
  shopifyProductId: string;
  variantId: string;
  from: string;
  to: string;
  /** The rule's words, or that the source's price applies (in English, for the run log). */
  because: string;
  /** The rule that prices it (the page describes it in the merchant's language), or null: the source's list price. */
  ruleId: string | null;
  /** That rule's terms, for the run log to describe it in the merchant's language. */
  rule: Pick<PriceRule, "scope" | "scopeValue" | "base" | "adjustment" | "amount" | "rounding"> | null;
}

export interface PricePlan {
  rules: number;
  changes: PriceChange[];
  unchanged: number;
  /** Variants a rule covers but cannot price (no cost price at the source...), with why. */
  problems: Array<{ sku: string; reason: string }>;
}

export interface PricingDependencies {
  db: PrismaClient;
  source: Pick<ProductSource, "listProducts">;
  client: AdminClient;
}

export const SOURCE_PRICE = "No rule covers it: the source's list price";

/** A Shopify product's facts as rules see them. */
export const factsOf = (product: Pick<ShopifyProductState, "vendor" | "productType" | "collections">): ProductFacts => ({
  vendor: product.vendor,
  productType: product.productType,
  collections: product.collections,
});

/** Changed prices named one by one in the run's log; beyond that, counted. */
const LOGGED_CHANGES = 50;

/** Shopify's price and the rule's, compared in cents (Shopify prices have two decimals here). */
const cents = (value: string) => (isAmount(value) ? toMinorUnits(value, "EUR") : NaN);

export async function planPrices({ db, source: from, client }: PricingDependencies, shop: ShopDomain): Promise<PricePlan> {
  const rules = await loadPriceRules(db, shop);
  const items = new Map(
    (await db.catalogItem.findMany({ where: { shop }, select: { sku: true, shopifyProductId: true, shopifyVariantId: true } })).map((item) => [
      item.sku,
      item,
    ]),
  );
  const source = await from.listProducts();
  const shopify = await productsForRefresh(client, new Set([...items.values()].map((item) => item.shopifyProductId)));
  const plan: PricePlan = { rules: rules.filter((rule) => rule.enabled).length, changes: [], unchanged: 0, problems: [] };
  for (const product of source) {
    const linked = product.variants.map((variant) => ({ variant, item: items.get(variant.sku.trim()) })).filter((entry) => entry.item !== undefined);
    // A product's variants normally share one Shopify product; each Shopify product is priced by its own facts.
    for (const shopifyProductId of new Set(linked.map((entry) => entry.item!.shopifyProductId))) {
      const current = shopify.get(shopifyProductId);
      if (!current) continue;
      const variants = linked
        .filter((entry) => entry.item!.shopifyProductId === shopifyProductId)
        .map(({ variant }) => ({ sku: variant.sku.trim(), list: variant.price, cost: variant.cost ?? null }));
      const priced = sellingPrices(variants, factsOf(current), rules);
      plan.problems.push(...priced.problems);
      for (const [sku, price] of priced.prices) {
        const onShopify = current.variants.find((variant) => variant.id === items.get(sku)!.shopifyVariantId);
        if (!onShopify) continue;
        if (cents(onShopify.price) === cents(price)) plan.unchanged++;
        else
          plan.changes.push({
            sku,
            productTitle: current.title,
            shopifyProductId,
            variantId: onShopify.id,
            from: onShopify.price,
            to: price,
            because: priced.rule ? describeRule(priced.rule) : SOURCE_PRICE,
            ruleId: priced.rule?.id ?? null,
            rule: priced.rule
              ? {
                  scope: priced.rule.scope,
                  scopeValue: priced.rule.scopeValue,
                  base: priced.rule.base,
                  adjustment: priced.rule.adjustment,
                  amount: priced.rule.amount,
                  rounding: priced.rule.rounding,
                }
              : null,
          });
      }
    }
  }
  return plan;
}

/** The recalculate-prices run: the plan applied, product by product. */
export async function recalculatePrices(deps: PricingDependencies, shop: ShopDomain, run: RunHandle): Promise<RunCounts> {
  const plan = await planPrices(deps, shop);
  await run.log(say("runs.log.prices.plan", { count: plan.rules, changes: plan.changes.length, unchanged: plan.unchanged }));
  for (const problem of plan.problems) await run.log(say("runs.log.prices.notRepriced", { sku: problem.sku, reason: problem.reason }), "warning");
  await run.progress(20);
  const byProduct = new Map<string, PriceChange[]>();
  for (const change of plan.changes) {
    const changes = byProduct.get(change.shopifyProductId) ?? [];
    changes.push(change);
    byProduct.set(change.shopifyProductId, changes);
  }
  const counts = { changed: 0, unchanged: plan.unchanged, "not priced": plan.problems.length, failed: 0 };
  let done = 0;
  let logged = 0;
  for (const [productId, changes] of byProduct) {
    await run.checkCancelled();
    const result = await setVariantPrices(
      deps.client,
      productId,
      changes.map((change) => ({ variantId: change.variantId, price: change.to })),
    );
    if (result.ok) {
      counts.changed += changes.length;
      for (const change of changes)
        if (logged++ < LOGGED_CHANGES)
          await run.log(
            say("runs.log.prices.changed", {
              sku: change.sku,
              from: change.from,
              to: change.to,
              because: change.because,
              // The rule's terms, for the admin to describe it in the merchant's language ("" : the source's price).
              ruleJson: change.rule ? JSON.stringify(change.rule) : "",
            }),
          );
    } else {
      counts.failed += changes.length;
      await run.log(say("runs.log.prices.refused", { product: changes[0]!.productTitle, reason: result.message }), "error");
    }
    done++;
    if (done % 20 === 0 || done === byProduct.size) await run.progress(20 + (done / byProduct.size) * 80, counts);
  }
  if (counts.changed > LOGGED_CHANGES) await run.log(say("runs.log.prices.more", { count: counts.changed - LOGGED_CHANGES, listed: LOGGED_CHANGES }));
  return counts;
}

/** The prices a product should sell at by the rules, for the product refresh and the first sync. */
export function rulePrices(
  variants: Array<{ sku: string; price: string; cost?: string | null }>,
  facts: ProductFacts,
  rules: readonly PriceRule[],
): Map<string, string> {
  return sellingPrices(
    variants.map((variant) => ({ sku: variant.sku.trim(), list: variant.price, cost: variant.cost ?? null })),
    facts,
    rules,
  ).prices;
}
