-- CreateTable
CREATE TABLE "ExternalLink" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "shopifyId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExternalLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderExport" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "erpOrderId" TEXT,
    "erpNumber" TEXT,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderExport_pkey" PRIMARY KEY ("shop","orderId")
);

-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
    "ordersToErp" TEXT NOT NULL DEFAULT 'paid',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExternalLink_shop_system_entity_shopifyId_key" ON "ExternalLink"("shop", "system", "entity", "shopifyId");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalLink_shop_system_entity_externalId_key" ON "ExternalLink"("shop", "system", "entity", "externalId");

-- CreateIndex
CREATE INDEX "OrderExport_shop_status_idx" ON "OrderExport"("shop", "status");

