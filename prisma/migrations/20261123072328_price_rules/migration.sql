-- CreateTable
CREATE TABLE "PriceRule" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "scope" TEXT NOT NULL,
    "scopeValue" TEXT,
    "base" TEXT NOT NULL,
    "adjustment" TEXT NOT NULL,
    "amount" TEXT NOT NULL,
    "rounding" TEXT NOT NULL DEFAULT 'none',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PriceRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PriceRule_shop_position_idx" ON "PriceRule"("shop", "position");

