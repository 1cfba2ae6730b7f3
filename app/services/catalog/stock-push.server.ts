/**
 * The stock push: the quantity each linked variant should have at each
 * Shopify location (from the POS: one sale point's stock, or the sum over
 * the active ones; from the ERP: one warehouse's stock), compared with what Ponte last set, and only the
 * differences sent, with inventorySetQuantities in calls of 250. Each
 * quantity carries what Ponte expects Shopify to hold (changeFromQuantity):
 * when Shopify answers that it holds something else (a sale, an edit in the
 * admin), those quantities are read again and the call repeated, at most 3
 * times. A quantity Shopify refuses for another reason is logged and left
 * out; the rest still go. Every change is recorded for the stock history.
 */
import { say } from "../../i18n/merchant-message";
import type { PrismaClient } from "@prisma/client";
import { salePointsFeeding, type LocationStockSource } from "../pos/location-stock";
import type { ErpConnector } from "../erp/erp-connector";
import type { PosConnector } from "../pos/pos-connector";
import type { CatalogSources, StockSource } from "./catalog-sources.server";
import type { RunCounts, RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { availableQuantities } from "../shopify/catalog.adapter.server";
import { MAX_QUANTITIES_PER_CALL, quantitiesCallKey, setQuantitiesOnce } from "../shopify/inventory.adapter.server";
import { applyListingRules } from "./listing-rules.server";
import { readCatalogSettings } from "./catalog-settings.server";
import { pairKey, stockChanges, type QuantityChange } from "./stock-changes";
import { stageOfferedProducts, stagedOffered, stagedWanted, stageStockPages, withStaging } from "./staged-sources.server";
import { keysetPages } from "../database/keyset-pages";
import { erpRecordId, type SalePointId, salePointId, type ShopDomain } from "../ids";

export const MAX_ATTEMPTS = 3;

export interface StockTarget {
  /** The run whose staged levels (StagedStockLevel) hold the sources' stock. */
  runId: string;
  /** Per Shopify location pushed: its name and the places (sale points, warehouses) whose stock, summed, it shows. */
  locations: Map<string, { name: string; from: string[] }>;
  /** Whether the stock source said which offered products its pages covered (they were handed to onProductIds). */
  coveredProducts?: boolean;
  /** How many of the sources' stock levels were staged (told in the run's log). */
  levels?: number;
}

/** Hands the ids of the offered products the stock source read on the way on (to stage them for the listing rules). */
type OnProductIds = (ids: string[]) => Promise<void>;

/**
 * What each mapped Shopify location should show, from the POS's sale points: one sale point's stock, or the sum over
 * the active ones (a switched-off sale point contributes nothing). The stock is staged a page at a time. With
 * `onlySalePoints` (a schedule's filter), only the locations fed by one of them: one shown from such a sale point, or
 * one showing the sum (which every active sale point feeds); each still computed in full.
 */
export async function stockTargetFromPos(
  db: PrismaClient,
  pos: PosConnector,
  shop: ShopDomain,
  runId: string,
  onlySalePoints: SalePointId[] = [],
  onProductIds?: OnProductIds,
): Promise<StockTarget> {
  const mappings = (await db.posLocationStock.findMany({ where: { shop, source: { in: ["sum", "sale-point"] } } })).filter(
    (mapping) =>
      onlySalePoints.length === 0 ||
      mapping.source === "sum" ||
      (mapping.salePointId !== null && onlySalePoints.some((id) => id === mapping.salePointId)),
  );
  const salePoints = (await db.posSalePoint.findMany({ where: { shop } })).map((point) => ({
    ...point,
    salePointId: salePointId(point.salePointId),
  }));
  const locations = new Map(
    mappings.map((mapping) => {
      const source: LocationStockSource =
        mapping.source === "sale-point" && mapping.salePointId
          ? { source: "sale-point", salePointId: salePointId(mapping.salePointId) }
          : { source: "sum" };
      return [mapping.locationId, { name: mapping.locationName, from: salePointsFeeding(source, salePoints) as string[] }];
    }),
  );
  const needed = salePoints
    .map((point) => point.salePointId)
    .filter((point) => [...locations.values()].some((location) => location.from.includes(point)));
  const { coveredProducts, levels } = await stageStockPages(db, runId, pos.stockPages(needed), onProductIds);
  return { runId, locations, coveredProducts, levels };
}

/** What each Shopify location fed by an ERP warehouse should show: that warehouse's stock (never below 0), staged a page at a time. */
export async function stockTargetFromErp(
  db: PrismaClient,
  erp: ErpConnector,
  shop: ShopDomain,
  runId: string,
  onProductIds?: OnProductIds,
): Promise<StockTarget> {
  const mappings = (await db.posLocationStock.findMany({ where: { shop, source: "warehouse" } })).filter((mapping) => mapping.warehouseId);
  const locations = new Map(mappings.map((mapping) => [mapping.locationId, { name: mapping.locationName, from: [mapping.warehouseId!] }]));
  const warehouses = [...new Set(mappings.map((mapping) => erpRecordId("warehouse", mapping.warehouseId!)))];
  const { coveredProducts, levels } = await stageStockPages(db, runId, erp.stockPages(warehouses), onProductIds);
  return { runId, locations, coveredProducts, levels };
}

/** The sources' stock staged for the run; `onProducts` is given the offered products the stock source read on the way. */
export function stockTarget(
  db: PrismaClient,
  stock: StockSource,
  shop: ShopDomain,
  runId: string,
  onlySalePoints: SalePointId[] = [],
  onProductIds?: OnProductIds,
): Promise<StockTarget> {
  return stock.from === "pos"
    ? stockTargetFromPos(db, stock.pos, shop, runId, onlySalePoints, onProductIds)
    : stockTargetFromErp(db, stock.erp, shop, runId, onProductIds);
}

export interface PushOutcome {
  compared: number;
  changed: number;
  failed: number;
  requests: number;
}

/** Linked variants compared at a time: the catalog is read page by page, never held whole. */
export const STOCK_PAGE_SIZE = 5_000;

/**
 * Pushes what differs between the target and what Ponte last set; records every change. The linked variants and
 * what Ponte last set for them are read a page at a time (by SKU), and the differences go out in calls of 250 as they
 * are found, so the push's memory does not grow with the catalog (the target itself is the sources' stock).
 */
export async function pushStockTarget(
  deps: { db: PrismaClient; client: AdminClient },
  shop: ShopDomain,
  target: StockTarget,
  run: RunHandle,
  pageSize = STOCK_PAGE_SIZE,
): Promise<PushOutcome> {
  const { db } = deps;
  const skus = await db.catalogItem.count({ where: { shop } });
  const outcome: PushOutcome = { compared: skus * target.locations.size, changed: 0, failed: 0, requests: 0 };
  const locations = [...target.locations.keys()];
  let differing = 0;
  let batch = 0;
  let pending: QuantityChange[] = [];
  const send = async (changes: QuantityChange[]) => {
    await run.checkCancelled();
    const sent = await sendBatch(deps, run, changes, batch++, target, outcome);
    await record(db, shop, sent, target, run.id);
    outcome.changed += sent.length;
  };
  let read = 0;
  const catalogPages = keysetPages(
    (after, take) =>
      db.catalogItem.findMany({
        where: { shop, ...(after === null ? {} : { sku: { gt: after } }) },
        orderBy: { sku: "asc" },
        take,
        select: { sku: true, inventoryItemId: true },
      }),
    (item) => item.sku,
    pageSize,
  );
  for await (const items of catalogPages) {
    read += items.length;
    const heldRows = await db.stockLevel.findMany({
      where: { shop, inventoryItemId: { in: items.map((item) => item.inventoryItemId) }, locationId: { in: locations } },
      select: { inventoryItemId: true, locationId: true, quantity: true },
    });
    const held = new Map(heldRows.map((row) => [pairKey(row.inventoryItemId, row.locationId), row.quantity]));
    const wanted = await stagedWanted(
      db,
      target.runId,
      target.locations,
      items.map((item) => item.sku),
    );
    const changes = stockChanges(items, wanted, held);
    differing += changes.length;
    pending = pending.concat(changes);
    while (pending.length >= MAX_QUANTITIES_PER_CALL) {
      await send(pending.slice(0, MAX_QUANTITIES_PER_CALL));
      pending = pending.slice(MAX_QUANTITIES_PER_CALL);
    }
    await run.progress((read / Math.max(1, skus)) * 100, { compared: outcome.compared, changed: outcome.changed, failed: outcome.failed });
  }
  if (pending.length > 0) await send(pending);
  await run.log(say("runs.log.push.compared", { count: outcome.compared, skus: read, locations: target.locations.size, differing }));
  return outcome;
}

/** One call of up to 250, repeated with fresh quantities on a stale answer; returns what Shopify applied. */
async function sendBatch(
  deps: { client: AdminClient },
  run: RunHandle,
  batch: QuantityChange[],
  index: number,
  target: StockTarget,
  outcome: PushOutcome,
): Promise<QuantityChange[]> {
  let pending = batch;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS && pending.length > 0; attempt++) {
    const quantities = pending.map((change) => ({
      inventoryItemId: change.inventoryItemId,
      locationId: change.locationId,
      quantity: change.to,
      changeFromQuantity: change.from,
    }));
    const key = quantitiesCallKey(run.id, index, attempt, quantities);
    outcome.requests++;
    const answer = await setQuantitiesOnce(
      deps.client,
      { name: "available", reason: "correction", referenceDocumentUri: `ponte://stock-push/${run.id}`, quantities },
      key,
    );
    const { stale, refused } = answer;
    if (stale.size === 0 && refused.size === 0) return pending;
    // Shopify applied nothing of this call. Quantities it refuses outright are left out; stale ones are read again.
    for (const [position, message] of refused) {
      const change = pending[position]!;
      outcome.failed++;
      await run.log(
        say("runs.log.push.notSet", {
          sku: change.sku,
          location: target.locations.get(change.locationId)?.name ?? change.locationId,
          quantity: change.to,
          reason: message,
        }),
        "error",
      );
    }
    const fresh =
      stale.size > 0
        ? await availableQuantities(
            deps.client,
            [...stale].map((position) => pending[position]!),
          )
        : new Map<string, number | null>();
    pending = pending.flatMap((change, position) => {
      if (refused.has(position)) return [];
      if (!stale.has(position)) return [change];
      const now = fresh.get(pairKey(change.inventoryItemId, change.locationId));
      return [{ ...change, from: now ?? null }];
    });
    if (stale.size > 0) await run.log(say("runs.log.push.stale", { count: stale.size, attempt, attempts: MAX_ATTEMPTS }), "warning");
  }
  if (pending.length > 0) {
    outcome.failed += pending.length;
    await run.log(say("runs.log.push.gaveUp", { count: pending.length, attempts: MAX_ATTEMPTS }), "error");
  }
  return [];
}

/**
 * What Shopify applied, kept in one statement (one round trip, one commit): what Ponte last set at each location, and
 * the change in the stock history.
 */
async function record(db: PrismaClient, shop: ShopDomain, applied: QuantityChange[], target: StockTarget, runId: string): Promise<void> {
  if (applied.length === 0) return;
  const now = new Date();
  const items = applied.map((change) => change.inventoryItemId);
  const locations = applied.map((change) => change.locationId);
  const quantities = applied.map((change) => change.to);
  await db.$executeRaw`
    with levels as (
      insert into "StockLevel" (shop, "inventoryItemId", "locationId", quantity, "pushedAt")
      select ${shop}, item, location, quantity, ${now}
        from unnest(${items}::text[], ${locations}::text[], ${quantities}::int[]) as t(item, location, quantity)
      on conflict (shop, "inventoryItemId", "locationId") do update set quantity = excluded.quantity, "pushedAt" = excluded."pushedAt"
    )
    insert into "StockChange" (shop, sku, "locationId", "locationName", "fromQuantity", "toQuantity", "runId", at)
    select ${shop}, sku, location, name, "from", "to", ${runId}, ${now}
      from unnest(
        ${applied.map((change) => change.sku)}::text[],
        ${locations}::text[],
        ${applied.map((change) => target.locations.get(change.locationId)?.name ?? change.locationId)}::text[],
        ${applied.map((change) => change.from)}::int[],
        ${quantities}::int[]
      ) as t(sku, location, name, "from", "to")`;
}

/**
 * The whole push from the shop's sources, as one run's work; `onlySalePoints` narrows a push from the POS to the
 * locations they feed. The listing rules follow, on the products the product source offers. The sources' stock and
 * offer are staged in the database for the run and removed when it ends.
 */
export async function pushStockFromSources(
  deps: { db: PrismaClient; client: AdminClient; sources: CatalogSources },
  shop: ShopDomain,
  run: RunHandle,
  onlySalePoints: SalePointId[] = [],
): Promise<RunCounts> {
  const { db, sources } = deps;
  // The products the stock source reads on the way serve the listing rules when it is also the product source.
  const sameSystem = (sources.stock.from === "pos" ? sources.stock.pos : sources.stock.erp) === sources.products;
  const filter = sources.stock.from === "pos" ? onlySalePoints : [];
  if (sources.stock.from === "erp" && onlySalePoints.length > 0) await run.log(say("runs.log.push.filterIgnored"), "warning");
  return withStaging(db, run.id, async () => {
    // With both listing rules off, which products are offered changes nothing: it is not staged.
    const rules = await readCatalogSettings(db, shop);
    const needOffer = rules.draftWhenNotOffered || rules.draftWhenOutOfStock;
    const stageOffer = (ids: string[]) => stageOfferedProducts(db, run.id, ids);
    const target = await stockTarget(db, sources.stock, shop, run.id, filter, sameSystem && needOffer ? stageOffer : undefined);
    await run.log(say("runs.log.push.read", { count: target.levels ?? 0 }));
    if (filter.length > 0)
      await run.log(
        say("runs.log.push.only", {
          salePoints: onlySalePoints.join(", "),
          locations: [...target.locations.values()].map((l) => l.name).join(", ") || "—",
        }),
      );
    const outcome = await pushStockTarget(deps, shop, target, run);
    if (needOffer && !(sameSystem && target.coveredProducts))
      for await (const products of sources.products.productPages()) await stageOffer(products.map((product) => product.id));
    const listing = await applyListingRules(deps, shop, needOffer ? (ids) => stagedOffered(db, run.id, ids) : async () => new Set(), run);
    return { compared: outcome.compared, changed: outcome.changed, failed: outcome.failed, requests: outcome.requests, ...listing };
  });
}
