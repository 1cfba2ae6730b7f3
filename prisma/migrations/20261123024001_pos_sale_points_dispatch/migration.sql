-- CreateTable
CREATE TABLE "PosConnection" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'cassa-in-cloud',
    "apiKeySealed" TEXT NOT NULL,
    "blockingSetting" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosConnection_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "PosSalePoint" (
    "shop" TEXT NOT NULL,
    "salePointId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "PosSalePoint_pkey" PRIMARY KEY ("shop","salePointId")
);

-- CreateTable
CREATE TABLE "PosOrderAllocation" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "plan" JSONB,
    "reason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosOrderAllocation_pkey" PRIMARY KEY ("shop","orderId")
);

-- CreateTable
CREATE TABLE "PosDispatch" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "salePointId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "posOrderId" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PosDispatch_pkey" PRIMARY KEY ("shop","orderId","salePointId")
);

-- CreateIndex
CREATE INDEX "PosSalePoint_shop_priority_idx" ON "PosSalePoint"("shop", "priority");

-- CreateIndex
CREATE INDEX "PosOrderAllocation_shop_status_idx" ON "PosOrderAllocation"("shop", "status");

