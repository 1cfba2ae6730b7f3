/**
 * The store's products into the ERP (Eccosys' "Instalador multiplataforma" and "Importar produtos novos"): the
 * store's active locations become the ERP warehouses of their names (where the ERP has none of that name), and every
 * Shopify variant with a SKU becomes an ERP article, linked by SKU. An article the ERP already has for the SKU is
 * linked, never made again; one it lacks is made, filed under the product's type or first collection (the
 * merchant's choice). Each SKU is linked once per ERP (ErpArticleLink), so a second run, the recurring "import new
 * products" or a run resumed after a crash only looks at variants not linked yet; and an article made just before a
 * crash, before its link was written, is found by its SKU on the next run. Images stay in Shopify.
 *
 * Shopify's products are read with one bulk query and staged in PostgreSQL for the run, then walked a page of
 * products at a time: Ponte's memory holds a page, never the catalog.
 */
import type { PrismaClient } from "@prisma/client";
import { say } from "../../i18n/merchant-message";
import type { ErpConnector } from "../erp/erp-connector";
import { isRetryable } from "../errors";
import type { ERP_IMPORT_CATEGORIES } from "../database/column-values";
import type { ErpConnectionId, ShopDomain } from "../ids";
import type { RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { refreshLines, type ShopifyProductState } from "../shopify/catalog.adapter.server";
import { readShopOverview } from "../shopify/shop.adapter.server";
import { stageRefreshLines, stagedShopifyProductPages } from "./staged-catalog.server";
import { withStaging } from "./staged-sources.server";

/** What becomes an article's category: the product's type, its first collection, or nothing. */
export type ImportCategoryFrom = (typeof ERP_IMPORT_CATEGORIES)[number];

export interface ErpProductImportDependencies {
  db: PrismaClient;
  erp: ErpConnector;
  erpId: ErpConnectionId;
  client: AdminClient;
}

/** What the work needs of its run: its id (the staging), its log, progress and Cancel. */
export type ImportRun = Pick<RunHandle, "id" | "log" | "progress" | "checkCancelled">;

export interface ErpProductImportOutcome {
  /** Variants read from Shopify. */
  read: number;
  /** Linked to an article the ERP already had. */
  linked: number;
  created: number;
  /** Linked by an earlier run. */
  unchanged: number;
  /** Without a SKU: nothing to link them by. */
  skipped: number;
  failed: number;
}

/** Products walked at a time. */
const PAGE = 100;

export async function importStoreProducts(
  deps: ErpProductImportDependencies,
  shop: ShopDomain,
  run: ImportRun,
  categoryFrom: ImportCategoryFrom,
): Promise<ErpProductImportOutcome> {
  // The store's locations first: each becomes the ERP warehouse of its name, where the ERP has none.
  for (const location of (await readShopOverview(deps.client)).locations.filter((one) => one.isActive)) {
    const { made } = await deps.erp.ensureWarehouse(location.name);
    await run.log(say(made ? "runs.log.erpImport.warehouseMade" : "runs.log.erpImport.warehouseFound", { name: location.name }));
  }
  return withStaging(deps.db, run.id, async () => {
    await stageRefreshLines(deps.db, run.id, refreshLines(deps.client));
    const [staged] = await deps.db.$queryRaw<Array<{ variants: bigint }>>`
      select count(*) as variants from "StagedShopifyLine" where "runId" = ${run.id} and line->>'kind' = 'variant'`;
    const total = Number(staged?.variants ?? 0); // a count of rows, not money
    const outcome: ErpProductImportOutcome = { read: 0, linked: 0, created: 0, unchanged: 0, skipped: 0, failed: 0 };
    for await (const products of stagedShopifyProductPages(deps.db, run.id, PAGE)) {
      const linked = await linkedSkus(deps.db, shop, deps.erpId, products);
      for (const product of products) {
        await importProduct(deps, shop, run, product, categoryFrom, linked, outcome);
        await run.checkCancelled();
      }
      await run.progress(total === 0 ? 100 : Math.min(99, Math.floor((outcome.read * 100) / total)), { ...outcome });
    }
    return outcome;
  });
}

async function linkedSkus(db: PrismaClient, shop: ShopDomain, erpId: ErpConnectionId, products: ShopifyProductState[]): Promise<Set<string>> {
  const skus = products.flatMap((product) => product.variants.map((variant) => variant.sku.trim()).filter(Boolean));
  if (skus.length === 0) return new Set();
  const rows = await db.erpArticleLink.findMany({ where: { shop, erpConnectionId: erpId, sku: { in: skus } }, select: { sku: true } });
  return new Set(rows.map((row) => row.sku));
}

async function importProduct(
  deps: ErpProductImportDependencies,
  shop: ShopDomain,
  run: ImportRun,
  product: ShopifyProductState,
  categoryFrom: ImportCategoryFrom,
  linked: Set<string>,
  outcome: ErpProductImportOutcome,
): Promise<void> {
  const withoutSku = product.variants.filter((variant) => !variant.sku.trim()).length;
  if (withoutSku > 0) await run.log(say("runs.log.erpImport.noSku", { product: product.title, count: withoutSku }), "warning");
  for (const variant of product.variants) {
    outcome.read++;
    const sku = variant.sku.trim();
    if (!sku) {
      outcome.skipped++;
      continue;
    }
    if (linked.has(sku)) {
      outcome.unchanged++;
      continue;
    }
    try {
      const found = await deps.erp.findArticleBySku(sku);
      const article =
        found ??
        (await deps.erp.createArticle({
          sku,
          name: articleName(product, variant),
          listPrice: variant.price,
          category: categoryOf(product, categoryFrom),
        }));
      // Two variants with one SKU share the article: the first links it.
      const written = await deps.db.erpArticleLink.createMany({
        data: [
          {
            shop,
            erpConnectionId: deps.erpId,
            sku,
            shopifyProductId: product.id,
            shopifyVariantId: variant.id,
            erpArticleId: article.id,
            origin: found ? "linked" : "created",
          },
        ],
        skipDuplicates: true,
      });
      linked.add(sku);
      if (written.count === 0) outcome.unchanged++;
      else if (found) outcome.linked++;
      else outcome.created++;
    } catch (error) {
      // The ERP gone: the run fails, and the next one goes on from the links written.
      if (isRetryable(error)) throw error;
      outcome.failed++;
      await run.log(say("runs.log.erpImport.refused", { sku, product: product.title, reason: (error as Error).message }), "error");
    }
  }
}

/** "Tee - Red / M": the product's title and the variant's option values (a product with one default variant: the title). */
export function articleName(product: Pick<ShopifyProductState, "title">, variant: ShopifyProductState["variants"][number]): string {
  const values = variant.options.filter((option) => !(option.name === "Title" && option.value === "Default Title")).map((option) => option.value);
  return values.length ? `${product.title} - ${values.join(" / ")}` : product.title;
}

/** The category an article is filed under: the product's type, or its first collection (by title), or none. */
export function categoryOf(product: Pick<ShopifyProductState, "productType" | "collections">, from: ImportCategoryFrom): string | null {
  if (from === "product-type") return product.productType.trim() || null;
  if (from === "collection") return [...product.collections].sort((a, b) => a.localeCompare(b))[0]?.trim() || null;
  return null;
}
