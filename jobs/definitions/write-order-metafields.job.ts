import type { Agenda } from "agenda";
import { JobNames } from "../../app/services/jobs/job-names";
import { adminClientForShop } from "../../app/services/shopify/shop-admin-client.server";
import { writeDueOrderMetafields } from "../../app/services/sync/orders/order-metafields-writer.server";
import type { JobDependencies } from "./index";

/** Every 30 seconds, for every shop: writes the app-owned metafields of the orders that exported or went to the POS since. */
export function defineWriteOrderMetafieldsJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(
    JobNames.writeOrderMetafields,
    async () => {
      const outcome = await writeDueOrderMetafields(deps.db, (shop) => adminClientForShop(deps.sessions, shop));
      if (outcome.written + outcome.refused > 0) console.info(JSON.stringify({ event: "order-metafields-written", ...outcome }));
    },
    { concurrency: 1, lockLifetime: 5 * 60_000 },
  );
}
