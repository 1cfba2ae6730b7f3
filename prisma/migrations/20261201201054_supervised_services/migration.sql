-- CreateTable
CREATE TABLE "SupervisedService" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "launchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "restarts" INTEGER NOT NULL DEFAULT 0,
    "lastExit" TEXT,
    "lastExitAt" TIMESTAMP(3),
    "crashLoopSince" TIMESTAMP(3),

    CONSTRAINT "SupervisedService_pkey" PRIMARY KEY ("id")
);

