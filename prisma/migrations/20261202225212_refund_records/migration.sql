-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "saleMadeFromVersion" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ErpConnection" ADD COLUMN     "refundsMode" TEXT NOT NULL DEFAULT 'record';

-- CreateTable
CREATE TABLE "RefundRecord" (
    "shop" TEXT NOT NULL,
    "refundId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "refundedAt" TIMESTAMP(3) NOT NULL,
    "refund" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "erpConnectionId" TEXT,
    "creditNoteId" TEXT,
    "creditNoteNumber" TEXT,
    "erpTotal" TEXT,
    "erpTax" TEXT,
    "shopifyTotal" TEXT,
    "expectedTotal" TEXT,
    "totalsDiffer" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RefundRecord_pkey" PRIMARY KEY ("shop","refundId")
);

-- CreateIndex
CREATE INDEX "RefundRecord_shop_orderId_idx" ON "RefundRecord"("shop", "orderId");

-- CreateIndex
CREATE INDEX "RefundRecord_shop_status_idx" ON "RefundRecord"("shop", "status");

