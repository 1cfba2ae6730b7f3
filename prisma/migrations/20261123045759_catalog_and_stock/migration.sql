-- CreateTable
CREATE TABLE "CatalogItem" (
    "shop" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "sourceProductId" TEXT NOT NULL,
    "sourceVariantId" TEXT NOT NULL,
    "shopifyProductId" TEXT NOT NULL,
    "shopifyVariantId" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogItem_pkey" PRIMARY KEY ("shop","sku")
);

-- CreateTable
CREATE TABLE "CatalogSync" (
    "shop" TEXT NOT NULL,
    "firstSync" TEXT NOT NULL DEFAULT 'not-started',
    "checkpoint" TEXT,
    "total" INTEGER,
    "done" INTEGER NOT NULL DEFAULT 0,
    "linked" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogSync_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "StockLevel" (
    "shop" TEXT NOT NULL,
    "inventoryItemId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "pushedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StockLevel_pkey" PRIMARY KEY ("shop","inventoryItemId","locationId")
);

-- CreateTable
CREATE TABLE "StockChange" (
    "id" BIGSERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "locationName" TEXT NOT NULL,
    "fromQuantity" INTEGER,
    "toQuantity" INTEGER NOT NULL,
    "runId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StockChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CatalogItem_shop_sourceProductId_idx" ON "CatalogItem"("shop", "sourceProductId");

-- CreateIndex
CREATE INDEX "StockChange_shop_at_idx" ON "StockChange"("shop", "at");

-- CreateIndex
CREATE INDEX "StockChange_shop_sku_at_idx" ON "StockChange"("shop", "sku", "at");

