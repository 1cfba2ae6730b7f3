/** Full resync: every product rewritten in Shopify from the source, changed or not. */
import { refreshProducts } from "../../catalog/product-refresh.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import type { PrepareRun } from "./run-kind";
import { withSources } from "./with-sources.server";

export const prepareFullResync: PrepareRun = (deps, shop, context) =>
  withSources(deps, shop, true, (sources) => ({
    work: async (run) =>
      refreshProducts({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop, run, {
        full: true,
        forceImages: context.forceImages ?? false,
      }),
  }));
