-- A run, and the first product sync, may wait at an outside system's limit (Shopify's new variants a day) and start again by itself
ALTER TABLE "JobRun" DROP CONSTRAINT "JobRun_status_values";
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_status_values" CHECK ("status" IN ('queued', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'skipped'));
ALTER TABLE "CatalogSync" DROP CONSTRAINT "CatalogSync_firstSync_values";
ALTER TABLE "CatalogSync" ADD CONSTRAINT "CatalogSync_firstSync_values" CHECK ("firstSync" IN ('not-started', 'running', 'waiting', 'completed', 'failed', 'cancelled'));
ALTER TABLE "CatalogSync" ADD COLUMN "resumeAt" TIMESTAMP(3);
ALTER TABLE "JobRun" ADD COLUMN "resumeAt" TIMESTAMP(3);
