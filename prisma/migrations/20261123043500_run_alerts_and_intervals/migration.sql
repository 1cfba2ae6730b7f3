-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "alertEmail" TEXT,
ADD COLUMN     "customerSyncMinutes" INTEGER NOT NULL DEFAULT 60,
ADD COLUMN     "statusSyncMinutes" INTEGER NOT NULL DEFAULT 10;

-- CreateTable
CREATE TABLE "RunAlert" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 1,
    "firstFailedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastFailedRunId" TEXT NOT NULL,
    "lastError" TEXT NOT NULL,
    "emailedAt" TIMESTAMP(3),
    "emailError" TEXT,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "RunAlert_pkey" PRIMARY KEY ("shop","kind")
);

