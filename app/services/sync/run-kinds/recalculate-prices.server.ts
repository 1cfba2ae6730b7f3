/** Recalculate prices: the price list's rules applied to the source's list prices, in Shopify. */
import { recalculatePrices } from "../../pricing/price-recalculation.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import type { PrepareRun } from "./run-kind";
import { withSources } from "./with-sources.server";

export const prepareRecalculatePrices: PrepareRun = (deps, shop) =>
  withSources(deps, shop, true, (sources) => ({
    work: async (run) =>
      recalculatePrices({ db: deps.db, source: sources.products, client: await adminClientForShop(deps.sessions, shop) }, shop, run),
  }));
