-- CreateTable
CREATE TABLE "ReturnRecord" (
    "shop" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "erpConnectionId" TEXT,
    "creditNoteId" TEXT,
    "creditNoteNumber" TEXT,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReturnRecord_pkey" PRIMARY KEY ("shop","returnId")
);

-- CreateIndex
CREATE INDEX "ReturnRecord_shop_orderId_idx" ON "ReturnRecord"("shop", "orderId");

