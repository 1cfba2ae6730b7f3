-- AlterTable
ALTER TABLE "WebhookEvent" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "OrderSnapshot" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shopifyUpdatedAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "financialStatus" TEXT,
    "customerId" TEXT,
    "order" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderSnapshot_pkey" PRIMARY KEY ("shop","orderId")
);

-- CreateTable
CREATE TABLE "ProductSnapshot" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "shopifyUpdatedAt" TIMESTAMP(3) NOT NULL,
    "product" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProductSnapshot_pkey" PRIMARY KEY ("shop","productId")
);

-- CreateTable
CREATE TABLE "SyncWatermark" (
    "shop" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "watermark" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SyncWatermark_pkey" PRIMARY KEY ("shop","stream")
);

-- CreateTable
CREATE TABLE "CustomerDataReport" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "report" JSONB NOT NULL,

    CONSTRAINT "CustomerDataReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrderSnapshot_shop_shopifyUpdatedAt_idx" ON "OrderSnapshot"("shop", "shopifyUpdatedAt");

-- CreateIndex
CREATE INDEX "OrderSnapshot_shop_customerId_idx" ON "OrderSnapshot"("shop", "customerId");

-- CreateIndex
CREATE INDEX "CustomerDataReport_shop_customerId_idx" ON "CustomerDataReport"("shop", "customerId");

