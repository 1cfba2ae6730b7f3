/** The first product sync: every product of the source made or linked in Shopify. */
import { firstProductSync } from "../../catalog/first-product-sync.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import type { PrepareRun } from "./run-kind";
import { withSources } from "./with-sources.server";

export const prepareProductSync: PrepareRun = (deps, shop) =>
  withSources(deps, shop, false, (sources) => ({
    work: async (run) =>
      firstProductSync({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop, run),
  }));
