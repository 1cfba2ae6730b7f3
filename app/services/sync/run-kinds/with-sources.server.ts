/** What the catalog's kinds share: the shop's catalog sources, or why a run of the kind cannot start. */
import { catalogSourcesForShop, type CatalogSources } from "../../catalog/catalog-sources.server";
import type { ActionDependencies, Prepared } from "./run-kind";
import type { ShopDomain } from "../../ids";

/**
 * The shop's catalog sources, or why there are none. With `synced`, also refused until the first product sync has
 * completed; `whileWaiting` lets the kind run while the sync waits at Shopify's daily limit on new variants (for
 * days, at 1,000 a day), on what it has linked so far.
 */
export async function withSources(
  deps: ActionDependencies,
  shop: ShopDomain,
  synced: boolean | "whileWaiting",
  then: (sources: CatalogSources) => Prepared,
): Promise<Prepared> {
  if (!deps.box) return { unavailable: "no encryption key is set, so no source can be read" };
  const sources = await catalogSourcesForShop(deps.db, deps.box, shop);
  if ("unavailable" in sources) return sources;
  if (synced) {
    const sync = await deps.db.catalogSync.findUnique({ where: { shop }, select: { firstSync: true } });
    const ready = sync?.firstSync === "completed" || (synced === "whileWaiting" && sync?.firstSync === "waiting");
    if (!ready) return { unavailable: "the first product sync has not completed yet" };
  }
  return then(sources);
}
