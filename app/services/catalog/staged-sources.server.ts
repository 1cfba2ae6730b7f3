/**
 * The sources' stock and offer, staged in PostgreSQL for one run a page at a time (StagedStockLevel,
 * StagedOfferedProduct, each row with its run's shop; the catalog walks' tables are staged-catalog.server's and removed here too), so that the stock push and the listing rules compare them with the catalog page by page in
 * the database: Ponte's memory holds a page, never the whole catalog. A run removes its rows when it ends; rows a
 * crashed run left are removed by the next push.
 */
import type { PrismaClient } from "@prisma/client";
import type { PlacedStockLevel, StockPage } from "../sources/product-source.types";

/** Stages a page of the sources' stock; a SKU met again at the same place keeps its last quantity. */
export async function stageStockLevels(db: PrismaClient, runId: string, levels: readonly PlacedStockLevel[]): Promise<void> {
  if (levels.length === 0) return;
  const last = new Map<string, PlacedStockLevel>();
  for (const level of levels) last.set(`${level.at}\u0000${level.sku}`, level);
  const rows = [...last.values()];
  await db.$executeRaw`
    insert into "StagedStockLevel" (shop, "runId", at, sku, quantity)
    select (select shop from "JobRun" where id = ${runId}), ${runId}, at, sku, quantity
      from unnest(${rows.map((r) => r.at)}::text[], ${rows.map((r) => r.sku)}::text[], ${rows.map((r) => r.quantity)}::float8[]) as t(at, sku, quantity)
    on conflict ("runId", at, sku) do update set quantity = excluded.quantity`;
}

/** Levels written to the staging table at a time. */
const STAGE_BATCH = 5_000;

/**
 * Stages a source's stock pages (and, through `onProductIds`, the ids of the offered products they cover), written in
 * batches while the next pages are read. Answers whether any page said which products it covers.
 */
export async function stageStockPages(
  db: PrismaClient,
  runId: string,
  pages: AsyncIterable<StockPage>,
  onProductIds?: (ids: string[]) => Promise<void>,
): Promise<{ coveredProducts: boolean; levels: number }> {
  let levels: PlacedStockLevel[] = [];
  let staged = 0;
  let productIds: string[] = [];
  let coveredProducts = false;
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const [batch, ids] = [levels, productIds];
    [levels, productIds] = [[], []];
    await writing;
    writing = Promise.all([stageStockLevels(db, runId, batch), ids.length > 0 && onProductIds ? onProductIds(ids) : null]);
    // Awaited at the next flush or at the end; a failure is seen there, not reported as unhandled meanwhile.
    writing.catch(() => undefined);
  };
  for await (const page of pages) {
    for (const level of page.levels) levels.push(level);
    staged += page.levels.length;
    if (page.products) {
      coveredProducts = true;
      for (const product of page.products) productIds.push(product.id);
    }
    if (levels.length >= STAGE_BATCH || productIds.length >= STAGE_BATCH) await flush();
  }
  await flush();
  await writing;
  return { coveredProducts, levels: staged };
}

/** Stages a page of the products the source offers to e-commerce. */
export async function stageOfferedProducts(db: PrismaClient, runId: string, sourceProductIds: readonly string[]): Promise<void> {
  if (sourceProductIds.length === 0) return;
  await db.$executeRaw`
    insert into "StagedOfferedProduct" (shop, "runId", "sourceProductId")
    select (select shop from "JobRun" where id = ${runId}), ${runId}, id from unnest(${[...new Set(sourceProductIds)]}::text[]) as t(id)
    on conflict do nothing`;
}

/**
 * For these SKUs, what each location should show: the sum over the places it is fed from of their stock, each place
 * counted at 0 when below 0. A location fed from nowhere, or a SKU no place stocks, shows 0 (absent here).
 */
export async function stagedWanted(
  db: PrismaClient,
  runId: string,
  locations: ReadonlyMap<string, { from: readonly string[] }>,
  skus: readonly string[],
): Promise<Map<string, Record<string, number>>> {
  const wanted = new Map<string, Record<string, number>>([...locations.keys()].map((locationId) => [locationId, {}]));
  const pairs = [...locations].flatMap(([locationId, { from }]) => from.map((at) => ({ locationId, at })));
  if (pairs.length === 0 || skus.length === 0) return wanted;
  const rows = await db.$queryRaw<Array<{ locationId: string; sku: string; quantity: number }>>`
    select l.location as "locationId", s.sku, sum(greatest(0, s.quantity))::float8 as quantity
      from unnest(${pairs.map((p) => p.locationId)}::text[], ${pairs.map((p) => p.at)}::text[]) as l(location, at)
      join "StagedStockLevel" s on s."runId" = ${runId} and s.at = l.at and s.sku = any(${[...skus]}::text[])
     group by l.location, s.sku`;
  for (const row of rows) wanted.get(row.locationId)![row.sku] = row.quantity;
  return wanted;
}

/** Which of these source products the run's source offers. */
export async function stagedOffered(db: PrismaClient, runId: string, sourceProductIds: readonly string[]): Promise<Set<string>> {
  if (sourceProductIds.length === 0) return new Set();
  const rows = await db.$queryRaw<Array<{ sourceProductId: string }>>`
    select "sourceProductId" from "StagedOfferedProduct" where "runId" = ${runId} and "sourceProductId" = any(${[...sourceProductIds]}::text[])`;
  return new Set(rows.map((row) => row.sourceProductId));
}

/**
 * A run's work with staging: what crashed runs left is removed first, and what this run stages is removed when it
 * ends, however it ends.
 */
export async function withStaging<T>(db: PrismaClient, runId: string, work: () => Promise<T>): Promise<T> {
  await dropAbandonedStaged(db);
  try {
    return await work();
  } finally {
    await dropStaged(db, runId);
  }
}

/** Removes what a run staged. */
export async function dropStaged(db: PrismaClient, runId: string): Promise<void> {
  await db.$executeRaw`delete from "StagedStockLevel" where "runId" = ${runId}`;
  await db.$executeRaw`delete from "StagedOfferedProduct" where "runId" = ${runId}`;
  await db.$executeRaw`delete from "StagedSourceProduct" where "runId" = ${runId}`;
  await db.$executeRaw`delete from "StagedShopifyLine" where "runId" = ${runId}`;
}

/** Removes what runs no longer running left staged (a crash, a killed worker). */
export async function dropAbandonedStaged(db: PrismaClient): Promise<void> {
  await db.$executeRaw`
    delete from "StagedStockLevel" s where not exists (select 1 from "JobRun" r where r.id = s."runId" and r.status = 'running')`;
  await db.$executeRaw`
    delete from "StagedOfferedProduct" s where not exists (select 1 from "JobRun" r where r.id = s."runId" and r.status = 'running')`;
  await db.$executeRaw`
    delete from "StagedSourceProduct" s where not exists (select 1 from "JobRun" r where r.id = s."runId" and r.status = 'running')`;
  await db.$executeRaw`
    delete from "StagedShopifyLine" s where not exists (select 1 from "JobRun" r where r.id = s."runId" and r.status = 'running')`;
}
