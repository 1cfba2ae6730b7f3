import type { Agenda } from "agenda";
import { ErpUnavailableError } from "../../app/services/erp/erp-connector";
import { watchForErpComeback } from "../../app/services/jobs/shop-jobs.server";
import { exportSnapshotToErp } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { adminClientForShop } from "../../app/services/shopify/shop-admin-client.server";
import { defineOrderDeliveryJob } from "./order-delivery-job";
import type { JobDependencies } from "./index";

export function defineExportOrderJob(agenda: Agenda, deps: JobDependencies): void {
  defineOrderDeliveryJob(agenda, deps, JobNames.exportOrder, {
    deliver: (shop, orderId) =>
      exportSnapshotToErp({ db: deps.db, box: deps.box, shopify: (shop) => adminClientForShop(deps.sessions, shop) }, shop, orderId),
    onFailure: async (shop, error) => {
      if (error instanceof ErpUnavailableError) await watchForErpComeback(agenda, shop);
    },
  });
}
