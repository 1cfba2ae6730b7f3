/**
 * Listing rules, run after each stock push and order import, each switched on
 * and off on the Catalog page: a product whose stock is 0 at every location
 * Ponte fills goes to draft, and back on sale when stock returns; a product
 * its source (POS or ERP) no longer offers to e-commerce goes to draft. Ponte only puts back on sale what a
 * rule took off (a product the merchant drafted stays drafted), and every
 * change is a line in the run's log.
 */
import type { PrismaClient } from "@prisma/client";
import type { RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { setProductStatus } from "../shopify/catalog.adapter.server";
import { readCatalogSettings } from "./catalog-settings.server";
import type { ProductSource } from "../sources/product-source.types";
import type { ShopDomain } from "../ids";

export type DraftReason = "out-of-stock" | "not-for-ecommerce";

const WHY: Record<DraftReason, string> = {
  "out-of-stock": "out of stock at every location",
  "not-for-ecommerce": "no longer offered to e-commerce by its source",
};

/** Pure: why a product should be off sale now, or null. */
export function draftReason(
  rules: { draftWhenOutOfStock: boolean; draftWhenNotOffered: boolean },
  product: { offered: boolean; stock: number },
): DraftReason | null {
  if (rules.draftWhenNotOffered && !product.offered) return "not-for-ecommerce";
  if (rules.draftWhenOutOfStock && product.offered && product.stock <= 0) return "out-of-stock";
  return null;
}

/**
 * The rules after an order import, for a shop whose first product sync has completed: the source (POS or ERP) says which products
 * it still offers; stock is what the last push set. Nothing happens (null) before the first product sync.
 */
export async function applyListingRulesFromSource(
  deps: { db: PrismaClient; client: AdminClient; source: ProductSource },
  shop: ShopDomain,
  run: RunHandle,
): Promise<{ drafted: number; "back on sale": number } | null> {
  const sync = await deps.db.catalogSync.findUnique({ where: { shop }, select: { firstSync: true } });
  if (sync?.firstSync !== "completed") return null;
  const offered = new Set((await deps.source.listProducts()).map((product) => product.id));
  return applyListingRules(deps, shop, offered, run);
}

export async function applyListingRules(
  deps: { db: PrismaClient; client: AdminClient },
  shop: ShopDomain,
  offeredSourceIds: ReadonlySet<string>,
  run: RunHandle,
): Promise<{ drafted: number; "back on sale": number }> {
  const { db, client } = deps;
  const rules = await readCatalogSettings(db, shop);
  const outcome = { drafted: 0, "back on sale": 0 };
  const stock = await db.$queryRaw<Array<{ sourceProductId: string; total: bigint }>>`
    select ci."sourceProductId", coalesce(sum(sl.quantity), 0) as total
      from "CatalogItem" ci
      left join "StockLevel" sl on sl.shop = ci.shop and sl."inventoryItemId" = ci."inventoryItemId"
     where ci.shop = ${shop}
     group by ci."sourceProductId"`;
  const totals = new Map(stock.map((row) => [row.sourceProductId, Number(row.total)])); // not money: a stock quantity
  for (const product of await db.catalogProduct.findMany({ where: { shop } })) {
    const reason = draftReason(rules, { offered: offeredSourceIds.has(product.sourceProductId), stock: totals.get(product.sourceProductId) ?? 0 });
    if (reason && !product.draftedBy) {
      const result = await setProductStatus(client, product.shopifyProductId, "DRAFT");
      if (!result.ok) await run.log(`Product ${product.shopifyProductId}: could not be set to draft: ${result.message}`, "error");
      else {
        await db.catalogProduct.update({
          where: { shop_sourceProductId: { shop, sourceProductId: product.sourceProductId } },
          data: { draftedBy: reason },
        });
        await run.log(`Product ${product.shopifyProductId} (source product ${product.sourceProductId}) set to draft: ${WHY[reason]}.`);
        outcome.drafted++;
      }
    } else if (reason && product.draftedBy !== reason) {
      await db.catalogProduct.update({
        where: { shop_sourceProductId: { shop, sourceProductId: product.sourceProductId } },
        data: { draftedBy: reason },
      });
    } else if (!reason && product.draftedBy) {
      const result = await setProductStatus(client, product.shopifyProductId, "ACTIVE");
      if (!result.ok) await run.log(`Product ${product.shopifyProductId}: could not be put back on sale: ${result.message}`, "error");
      else {
        await db.catalogProduct.update({
          where: { shop_sourceProductId: { shop, sourceProductId: product.sourceProductId } },
          data: { draftedBy: null },
        });
        await run.log(
          `Product ${product.shopifyProductId} (source product ${product.sourceProductId}) back on sale: ${product.draftedBy === "out-of-stock" ? "stock returned" : "offered to e-commerce again"}.`,
        );
        outcome["back on sale"]++;
      }
    }
  }
  return outcome;
}
