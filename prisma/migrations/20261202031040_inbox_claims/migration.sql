-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "availableAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "WebhookEvent_processedAt_availableAt_idx" ON "WebhookEvent"("processedAt", "availableAt");


-- Every event already held becomes available at once (its Agenda job is retired): one not yet processed, or held back
-- by a failure, is tried once more by the worker's inbox drain.

UPDATE "WebhookEvent" SET "availableAt" = CASE WHEN "processedAt" IS NULL THEN (now() AT TIME ZONE 'UTC') ELSE NULL END;
