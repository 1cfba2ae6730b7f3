/** What the catalog's kinds share: the shop's catalog sources, or why a run of the kind cannot start. */
import { catalogSourcesForShop, type CatalogSources } from "../../catalog/catalog-sources.server";
import type { ActionDependencies, Prepared } from "./run-kind";
import type { ShopDomain } from "../../ids";

/** The shop's catalog sources, or why there are none; with `synced`, also refused until the first product sync has completed. */
export async function withSources(
  deps: ActionDependencies,
  shop: ShopDomain,
  synced: boolean,
  then: (sources: CatalogSources) => Prepared,
): Promise<Prepared> {
  if (!deps.box) return { unavailable: "no encryption key is set, so no source can be read" };
  const sources = await catalogSourcesForShop(deps.db, deps.box, shop);
  if ("unavailable" in sources) return sources;
  if (synced) {
    const sync = await deps.db.catalogSync.findUnique({ where: { shop }, select: { firstSync: true } });
    if (sync?.firstSync !== "completed") return { unavailable: "the first product sync has not completed yet" };
  }
  return then(sources);
}
