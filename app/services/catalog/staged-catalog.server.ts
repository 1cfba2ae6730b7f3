/**
 * The catalog walks' staging (StagedSourceProduct, StagedShopifyLine): the source's products and Shopify's copies of
 * the shop's products are written to PostgreSQL for one run as they are read, then walked back a page at a time in
 * checkpoint order, each page with its links and its Shopify copies. Ponte's memory holds a page, never the catalog.
 * The run's rows are removed with the others it staged (staged-sources.server).
 */
import type { PrismaClient } from "@prisma/client";
import type { SourceProduct } from "../sources/product-source.types";
import { productStatesOf, refreshLineProduct, type RefreshLine, type ShopifyProductState } from "../shopify/catalog.adapter.server";
import { checkpointKey } from "./checkpoint-order";
import { keysetPages } from "../database/keyset-pages";
import type { SourceVariantRef } from "./catalog-links.server";

/** Rows written to a staging table at a time. */
const STAGE_BATCH = 2_000;

/** Stages a page of the source's products (a product met again keeps its last version). */
export async function stageSourceProducts(db: PrismaClient, runId: string, products: readonly SourceProduct[]): Promise<void> {
  const last = new Map(products.map((product) => [product.id, product]));
  const rows = [...last.values()];
  for (let start = 0; start < rows.length; start += STAGE_BATCH) {
    const batch = rows.slice(start, start + STAGE_BATCH);
    await db.$executeRaw`
      insert into "StagedSourceProduct" (shop, "runId", "productId", "sortKey", product)
      select (select shop from "JobRun" where id = ${runId}), ${runId}, id, key, product::jsonb
        from unnest(${batch.map((p) => p.id)}::text[], ${batch.map((p) => checkpointKey(p.id))}::text[], ${batch.map((p) => JSON.stringify(p))}::text[])
          as t(id, key, product)
      on conflict ("runId", "productId") do update set product = excluded.product`;
  }
}

/** The staged source products after the checkpoint (all with null), in checkpoint order, a page at a time. */
export async function* stagedSourcePages(db: PrismaClient, runId: string, after: string | null, pageSize: number): AsyncGenerator<SourceProduct[]> {
  const pages = keysetPages(
    (afterKey, take) => db.$queryRaw<Array<{ sortKey: string; product: SourceProduct }>>`
      select "sortKey", product from "StagedSourceProduct"
       where "runId" = ${runId} and "sortKey" > ${afterKey ?? ""}
       order by "sortKey" limit ${take}`,
    (row) => row.sortKey,
    pageSize,
    after === null ? null : checkpointKey(after),
  );
  for await (const rows of pages) yield rows.map((row) => row.product);
}

/** How many staged source products come after the checkpoint (all with null). */
export async function stagedSourceCount(db: PrismaClient, runId: string, after: string | null): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ count: bigint }>>`
    select count(*) as count from "StagedSourceProduct" where "runId" = ${runId} and "sortKey" > ${after === null ? "" : checkpointKey(after)}`;
  return Number(row?.count ?? 0); // a count of rows, not money
}

/** Stages Shopify's lines as they are read, in batches; answers how many were staged. */
export async function stageRefreshLines(db: PrismaClient, runId: string, lines: AsyncIterable<RefreshLine>): Promise<number> {
  let batch: RefreshLine[] = [];
  let seq = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const first = seq - batch.length;
    await db.$executeRaw`
      insert into "StagedShopifyLine" (shop, "runId", seq, "shopifyProductId", line)
      select (select shop from "JobRun" where id = ${runId}), ${runId}, ${first}::int + ord::int - 1, product, line::jsonb
        from unnest(${batch.map(refreshLineProduct)}::text[], ${batch.map((line) => JSON.stringify(line))}::text[]) with ordinality as t(product, line, ord)`;
    batch = [];
  };
  for await (const line of lines) {
    batch.push(line);
    seq++;
    if (batch.length >= STAGE_BATCH) await flush();
  }
  await flush();
  return seq;
}

/** These products as Shopify has them, put together from their staged lines; a product Shopify does not have is absent. */
export async function stagedShopifyStates(
  db: PrismaClient,
  runId: string,
  shopifyProductIds: readonly string[],
): Promise<Map<string, ShopifyProductState>> {
  if (shopifyProductIds.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ line: RefreshLine }>>`
    select line from "StagedShopifyLine" where "runId" = ${runId} and "shopifyProductId" = any(${[...shopifyProductIds]}::text[]) order by seq`;
  return productStatesOf(rows.map((row) => row.line));
}

/** The staged source variants with these SKUs (trimmed, as the links keep them); a SKU on two variants keeps one. */
export async function stagedVariantsBySku(db: PrismaClient, runId: string, skus: readonly string[]): Promise<Map<string, SourceVariantRef>> {
  if (skus.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ sku: string; sourceProductId: string; sourceVariantId: string }>>`
    select btrim(v->>'sku') as sku, p."productId" as "sourceProductId", v->>'id' as "sourceVariantId"
      from "StagedSourceProduct" p, jsonb_array_elements(p.product->'variants') v
     where p."runId" = ${runId} and btrim(v->>'sku') = any(${[...new Set(skus)]}::text[])
     order by p."sortKey"`;
  return new Map(rows.map((row) => [row.sku, row]));
}

/**
 * Every product staged from Shopify for the run, put together from its lines, a page of products at a time in
 * product id order, after `after` (the id of the last product done, to resume; null: from the start).
 */
export async function* stagedShopifyProductPages(
  db: PrismaClient,
  runId: string,
  pageSize: number,
  after: string | null = null,
): AsyncGenerator<ShopifyProductState[]> {
  const pages = keysetPages(
    (afterId, take) => db.$queryRaw<Array<{ id: string }>>`
      select distinct "shopifyProductId" as id from "StagedShopifyLine"
       where "runId" = ${runId} and "shopifyProductId" > ${afterId ?? ""}
       order by 1 limit ${take}`,
    (row) => row.id,
    pageSize,
    after,
  );
  for await (const page of pages) {
    const states = await stagedShopifyStates(
      db,
      runId,
      page.map((row) => row.id),
    );
    yield page.flatMap((row) => {
      const state = states.get(row.id);
      return state ? [state] : [];
    });
  }
}
