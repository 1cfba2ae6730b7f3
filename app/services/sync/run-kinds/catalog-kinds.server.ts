/**
 * The catalog's kinds, each reading the shop's catalog sources (Catalog page): the first product sync, and, once it
 * has completed, push stock, refresh products, full resync and recalculate prices.
 */
import { catalogSourcesForShop, type CatalogSources } from "../../catalog/catalog-sources.server";
import { firstProductSync } from "../../catalog/first-product-sync.server";
import { refreshProducts } from "../../catalog/product-refresh.server";
import { pushStockFromSources } from "../../catalog/stock-push.server";
import { recalculatePrices } from "../../pricing/price-recalculation.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import type { ActionDependencies, Prepared, PrepareRun } from "./run-kind";

/** The shop's catalog sources, or why there are none; with `synced`, also refused until the first product sync has completed. */
async function withSources(deps: ActionDependencies, shop: string, synced: boolean, then: (sources: CatalogSources) => Prepared): Promise<Prepared> {
  if (!deps.box) return { unavailable: "no encryption key is set, so no source can be read" };
  const sources = await catalogSourcesForShop(deps.db, deps.box, shop);
  if ("unavailable" in sources) return sources;
  if (synced) {
    const sync = await deps.db.catalogSync.findUnique({ where: { shop }, select: { firstSync: true } });
    if (sync?.firstSync !== "completed") return { unavailable: "the first product sync has not completed yet" };
  }
  return then(sources);
}

export const prepareProductSync: PrepareRun = (deps, shop) =>
  withSources(deps, shop, false, (sources) => ({
    work: async (run) =>
      firstProductSync({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop, run),
  }));

export const prepareStockPush: PrepareRun = (deps, shop, context) =>
  withSources(deps, shop, true, (sources) => ({
    work: async (run) =>
      pushStockFromSources({ db: deps.db, sources, client: await adminClientForShop(deps.sessions, shop) }, shop, run, context.salePointIds ?? []),
  }));

export const prepareProductRefresh: PrepareRun = (deps, shop, context) =>
  withSources(deps, shop, true, (sources) => ({
    work: async (run) =>
      refreshProducts({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop, run, {
        full: false,
        forceImages: context.forceImages ?? false,
      }),
  }));

export const prepareFullResync: PrepareRun = (deps, shop, context) =>
  withSources(deps, shop, true, (sources) => ({
    work: async (run) =>
      refreshProducts({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop, run, {
        full: true,
        forceImages: context.forceImages ?? false,
      }),
  }));

export const prepareRecalculatePrices: PrepareRun = (deps, shop) =>
  withSources(deps, shop, true, (sources) => ({
    work: async (run) =>
      recalculatePrices({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop, run),
  }));
