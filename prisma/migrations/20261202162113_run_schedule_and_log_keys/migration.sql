-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "scheduleId" TEXT,
ADD COLUMN     "scheduleName" TEXT;

-- AlterTable
ALTER TABLE "JobRunLogEntry" ADD COLUMN     "key" TEXT,
ADD COLUMN     "params" JSONB;

-- CreateIndex
CREATE INDEX "JobRun_shop_scheduleId_startedAt_idx" ON "JobRun"("shop", "scheduleId", "startedAt");

