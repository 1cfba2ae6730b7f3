import { exponential, when, type Agenda } from "agenda";
import { z } from "zod";
import { isRetryable } from "../../app/services/errors";
import { enqueueOrderExport, enqueuePosDispatch } from "../../app/services/jobs/shop-jobs.server";
import { processInboxEvent } from "../../app/services/webhooks/process-inbox-event.server";
import { JobNames } from "../../app/services/jobs/job-names";
import type { JobDependencies } from "./index";
import type { ShopDomain } from "../../app/services/ids";

const dataSchema = z.object({ eventId: z.string().uuid() });

export function defineProcessInboxEventJob(agenda: Agenda, deps: JobDependencies): void {
  const onOrderChanged = async (shop: ShopDomain, orderId: string) => {
    await enqueueOrderExport(agenda, shop, orderId);
    await enqueuePosDispatch(agenda, shop, orderId);
  };
  const inbox = { db: deps.db, onOrderChanged };
  agenda.define(JobNames.processInboxEvent, async (job) => void (await processInboxEvent(inbox, dataSchema.parse(job.attrs.data).eventId)), {
    // A flash sale's backlog: each scan (PONTE_WORKER_POLL) locks up to lockLimit events, run `concurrency` at a time.
    concurrency: 10,
    lockLimit: 100,
    // Done is done: the event's own row keeps that it was processed, so the job's row goes at once.
    removeOnComplete: true,
    backoff: when(({ error }) => isRetryable(error), exponential({ delay: 2000, factor: 2, maxDelay: 10 * 60_000, maxRetries: 10, jitter: 0.2 })),
  });
}
