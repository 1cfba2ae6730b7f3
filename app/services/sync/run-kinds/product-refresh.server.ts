/** Refresh products: what changed at the source since the last run, rewritten in Shopify. */
import { refreshProducts } from "../../catalog/product-refresh.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import type { PrepareRun } from "./run-kind";
import { withSources } from "./with-sources.server";

export const prepareProductRefresh: PrepareRun = (deps, shop, context) =>
  withSources(deps, shop, "whileWaiting", (sources) => ({
    work: async (run) =>
      refreshProducts({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop, run, {
        full: false,
        forceImages: context.forceImages ?? false,
      }),
  }));
