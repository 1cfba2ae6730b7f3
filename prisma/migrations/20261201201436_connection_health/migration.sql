-- CreateTable
CREATE TABLE "ConnectionHealth" (
    "shop" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "failingSince" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastSuccessAt" TIMESTAMP(3),

    CONSTRAINT "ConnectionHealth_pkey" PRIMARY KEY ("shop","system")
);


-- Events nothing processes (customers/update, bulk_operations/finish) were stored and never marked processed, so the
-- dashboard counted them as waiting forever. They are now marked on arrival, and the old ones here.
UPDATE "WebhookEvent" SET "processedAt" = "receivedAt" WHERE "processedAt" IS NULL AND "error" IS NULL AND topic IN ('CUSTOMERS_UPDATE', 'BULK_OPERATIONS_FINISH');
