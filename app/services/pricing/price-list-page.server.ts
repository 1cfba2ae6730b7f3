/**
 * What the Price list page shows and previews: the rules in the order they
 * apply, whether prices can be recalculated yet (a POS connected and its
 * first product sync completed), and the preview of what a recalculation
 * would change now.
 */
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { SecretBox } from "../crypto/secret-box.server";
import { catalogSourcesForShop } from "../catalog/catalog-sources.server";
import { runningRunOf } from "../runs/job-runs.server";
import { adminClientForShop } from "../shopify/shop-admin-client.server";
import { planPrices, type PriceChange } from "./price-recalculation.server";
import { describeRule, type PriceRule } from "./price-rules";
import { loadPriceRules } from "./price-rules.server";
import type { ShopDomain } from "../ids";

export interface PriceListOverview {
  rules: Array<PriceRule & { description: string }>;
  /** Why prices cannot be recalculated yet, or null when they can. */
  blockedBecause: string | null;
  runningRunId: string | null;
}

export async function readPriceList(db: PrismaClient, shop: ShopDomain): Promise<PriceListOverview> {
  const rules = await loadPriceRules(db, shop);
  const sync = await db.catalogSync.findUnique({ where: { shop }, select: { firstSync: true } });
  return {
    rules: rules.map((rule) => ({ ...rule, description: describeRule(rule) })),
    blockedBecause:
      sync?.firstSync !== "completed" ? "Run the first product sync (Catalog page) first: prices are worked out for the products it linked." : null,
    runningRunId: await runningRunOf(db, shop, "recalculate-prices"),
  };
}

/** Shown at most; the rest are counted. */
export const PREVIEW_ROWS = 200;

export interface PricePreview {
  changes: PriceChange[];
  more: number;
  unchanged: number;
  problems: Array<{ sku: string; reason: string }>;
}

export async function previewPrices(deps: { db: PrismaClient; box: SecretBox; sessions: SessionStorage }, shop: ShopDomain): Promise<PricePreview> {
  const sources = await catalogSourcesForShop(deps.db, deps.box, shop);
  if ("unavailable" in sources)
    return { changes: [], more: 0, unchanged: 0, problems: [{ sku: "—", reason: `Nothing can be priced: ${sources.unavailable}` }] };
  const plan = await planPrices({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop);
  return {
    changes: plan.changes.slice(0, PREVIEW_ROWS),
    more: Math.max(0, plan.changes.length - PREVIEW_ROWS),
    unchanged: plan.unchanged,
    problems: plan.problems.slice(0, PREVIEW_ROWS),
  };
}
