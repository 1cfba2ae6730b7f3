import type { Agenda } from "agenda";
import { enqueueOrderExport, enqueuePosDispatch, scheduleRunResume } from "../../app/services/jobs/shop-jobs.server";
import { alertRecipient } from "../../app/services/runs/alert-recipient.server";
import { noteRunOutcome } from "../../app/services/runs/run-alerts.server";
import type { ActionDependencies } from "../../app/services/sync/tracked-actions.server";
import type { JobDependencies } from "./index";
import type { ShopDomain } from "../../app/services/ids";

/** What the tracked actions need from a worker: its database, secrets, sessions, ways to queue work, and the alerts. */
export function actionDependencies(agenda: Agenda, deps: JobDependencies): ActionDependencies {
  const alerts = {
    db: deps.db,
    mailer: deps.mailer,
    appUrl: deps.appUrl,
    recipientOf: (shop: ShopDomain) => alertRecipient(deps.db, deps.sessions, shop),
  };
  return {
    ...deps,
    enqueueExport: (shop, orderId) => enqueueOrderExport(agenda, shop, orderId),
    enqueuePosDispatch: (shop, orderId) => enqueuePosDispatch(agenda, shop, orderId),
    resumeLater: (shop, kind, at) => scheduleRunResume(agenda, shop, kind, at),
    onRunFinished: (run) => noteRunOutcome(alerts, run),
  };
}
