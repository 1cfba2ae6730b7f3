import type { Agenda } from "agenda";
import { enqueueOrderExport } from "../../app/services/jobs/shop-jobs.server";
import type { ActionDependencies } from "../../app/services/sync/tracked-actions.server";
import type { JobDependencies } from "./index";

/** What the tracked actions need from a worker: its database, secrets, sessions, and a way to queue order exports. */
export function actionDependencies(agenda: Agenda, deps: JobDependencies): ActionDependencies {
  return { ...deps, enqueueExport: (shop, orderId) => enqueueOrderExport(agenda, shop, orderId) };
}
