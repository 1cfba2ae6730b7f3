import type { Agenda } from "agenda";
import { enqueueInboxEvent } from "../../app/services/jobs/shop-jobs.server";
import { unprocessedEventIds } from "../../app/services/webhooks/process-inbox-event.server";
import { JobNames } from "../../app/services/jobs/job-names";
import type { JobDependencies } from "./index";

export const SWEEP_AFTER_MS = 60_000;

export function defineSweepInboxJob(agenda: Agenda, deps: JobDependencies): void {
  agenda.define(JobNames.sweepInbox, async () => {
    for (const eventId of await unprocessedEventIds(deps.db, new Date(Date.now() - SWEEP_AFTER_MS))) await enqueueInboxEvent(agenda, eventId);
  });
}
