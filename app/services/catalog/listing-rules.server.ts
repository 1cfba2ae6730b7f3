/**
 * Listing rules, run after each stock push and order import, each switched on
 * and off on the Catalog page: a product whose stock is 0 at every location
 * Ponte fills goes to draft, and back on sale when stock returns; a product
 * its source (POS or ERP) no longer offers to e-commerce goes to draft. Ponte only puts back on sale what a
 * rule took off (a product the merchant drafted stays drafted), and every
 * change is a line in the run's log. More changes than the shop's bulk
 * threshold go through bulk operations.
 */
import { say } from "../../i18n/merchant-message";
import type { PrismaClient } from "@prisma/client";
import type { RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import {
  BULK_PRODUCT_SET,
  parseProductSetLine,
  productStatusVariables,
  setProductStatus,
  type CreatedProduct,
} from "../shopify/catalog.adapter.server";
import { BulkLineWriter } from "../shopify/bulk-mutation.server";
import { readCatalogSettings } from "./catalog-settings.server";
import type { ProductSource } from "../sources/product-source.types";
import type { ShopDomain } from "../ids";
import { keysetPages } from "../database/keyset-pages";

export type DraftReason = "out-of-stock" | "not-for-ecommerce";

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
  return applyListingRules(deps, shop, async (ids) => new Set(ids.filter((id) => offered.has(id))), run);
}

export interface ListingRuleDependencies {
  db: PrismaClient;
  client: AdminClient;
  /** Bulk operations' first poll interval and file size (tests make them small). */
  bulk?: { pollIntervalMs?: number; fileLimitBytes?: number };
}

/** A product a rule takes off sale or puts back, and why. */
interface StatusChange {
  sourceProductId: string;
  shopifyProductId: string;
  status: "DRAFT" | "ACTIVE";
  /** The rule that drafts it; for one put back, the rule that had drafted it. */
  reason: DraftReason;
}

/** Which of these source products the source still offers to e-commerce. */
export type OfferedAmong = (sourceProductIds: string[]) => Promise<ReadonlySet<string>>;

/** Linked products the rules look at a time: the catalog is read page by page, never held whole. */
export const LISTING_PAGE_SIZE = 5_000;

export async function applyListingRules(
  deps: ListingRuleDependencies,
  shop: ShopDomain,
  offeredAmong: OfferedAmong,
  run: RunHandle,
  pageSize = LISTING_PAGE_SIZE,
): Promise<{ drafted: number; "back on sale": number }> {
  const { db, client } = deps;
  const rules = await readCatalogSettings(db, shop);
  const outcome = { drafted: 0, "back on sale": 0 };
  // Only the products whose state changes are kept: a page at a time, the rest is let go.
  const changes: StatusChange[] = [];
  const linkedPages = keysetPages(
    (after, take) =>
      db.catalogProduct.findMany({
        where: { shop, ...(after === null ? {} : { sourceProductId: { gt: after } }) },
        orderBy: { sourceProductId: "asc" },
        take,
        select: { sourceProductId: true, shopifyProductId: true, draftedBy: true },
      }),
    (product) => product.sourceProductId,
    pageSize,
  );
  for await (const products of linkedPages) {
    const ids = products.map((product) => product.sourceProductId);
    const stock = await db.$queryRaw<Array<{ sourceProductId: string; total: bigint }>>`
      select ci."sourceProductId", coalesce(sum(sl.quantity), 0) as total
        from "CatalogItem" ci
        left join "StockLevel" sl on sl.shop = ci.shop and sl."inventoryItemId" = ci."inventoryItemId"
       where ci.shop = ${shop} and ci."sourceProductId" = any(${ids}::text[])
       group by ci."sourceProductId"`;
    const totals = new Map(stock.map((row) => [row.sourceProductId, Number(row.total)])); // not money: a stock quantity
    const offered = await offeredAmong(ids);
    for (const product of products) {
      const reason = draftReason(rules, { offered: offered.has(product.sourceProductId), stock: totals.get(product.sourceProductId) ?? 0 });
      const { sourceProductId, shopifyProductId } = product;
      if (reason && !product.draftedBy) changes.push({ sourceProductId, shopifyProductId, status: "DRAFT", reason });
      else if (reason && product.draftedBy !== reason) {
        await db.catalogProduct.update({ where: { shop_sourceProductId: { shop, sourceProductId } }, data: { draftedBy: reason } });
      } else if (!reason && product.draftedBy) {
        changes.push({ sourceProductId, shopifyProductId, status: "ACTIVE", reason: product.draftedBy as DraftReason });
      }
    }
  }

  const settle = async (change: StatusChange, result: { ok: true } | { ok: false; message: string }) => {
    const { sourceProductId, shopifyProductId, reason } = change;
    if (!result.ok) {
      const key = change.status === "DRAFT" ? "runs.log.listing.notDrafted" : "runs.log.listing.notBackOnSale";
      await run.log(say(key, { product: shopifyProductId, reason: result.message }), "error");
      return;
    }
    await db.catalogProduct.update({
      where: { shop_sourceProductId: { shop, sourceProductId } },
      data: { draftedBy: change.status === "DRAFT" ? reason : null },
    });
    if (change.status === "DRAFT") {
      await run.log(say(`runs.log.listing.drafted.${reason}`, { product: shopifyProductId, source: sourceProductId }));
      outcome.drafted++;
    } else {
      await run.log(say(`runs.log.listing.backOnSale.${reason}`, { product: shopifyProductId, source: sourceProductId }));
      outcome["back on sale"]++;
    }
  };

  // Above the bulk threshold, the changes go through bulk operations (a flash sale can empty thousands of products).
  if (changes.length > rules.bulkThreshold) {
    await run.log(say("runs.log.listing.bulk", { count: changes.length, threshold: rules.bulkThreshold }));
    const writer = new BulkLineWriter<StatusChange, CreatedProduct>(client, BULK_PRODUCT_SET, parseProductSetLine, {
      ...deps.bulk,
      checkCancelled: () => run.checkCancelled(),
      onResult: (change, line) => settle(change, line.ok ? line.data : { ok: false, message: line.errors.join("; ") }),
    });
    try {
      for (const change of changes) await writer.add(change, productStatusVariables(change.shopifyProductId, change.status));
      await writer.finish();
    } finally {
      await writer.discard();
    }
  } else {
    for (const change of changes) await settle(change, await setProductStatus(client, change.shopifyProductId, change.status));
  }
  return outcome;
}
