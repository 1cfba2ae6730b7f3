/** Push stock: the sources' stock to Shopify's locations, once the first product sync has completed. */
import { pushStockFromSources } from "../../catalog/stock-push.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import type { PrepareRun } from "./run-kind";
import { withSources } from "./with-sources.server";

export const prepareStockPush: PrepareRun = (deps, shop, context) =>
  withSources(deps, shop, "whileWaiting", (sources) => ({
    work: async (run) =>
      pushStockFromSources({ db: deps.db, sources, client: await adminClientForShop(deps.sessions, shop) }, shop, run, context.salePointIds ?? []),
  }));
