-- Staging tables live for one run: unlogged. The sort key compares byte by byte (COLLATE "C"), as checkpoint-order.ts builds it.
-- CreateTable
CREATE UNLOGGED TABLE "StagedSourceProduct" (
    "runId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "sortKey" TEXT COLLATE "C" NOT NULL,
    "product" JSONB NOT NULL,

    CONSTRAINT "StagedSourceProduct_pkey" PRIMARY KEY ("runId","productId")
);

-- CreateTable
CREATE UNLOGGED TABLE "StagedShopifyLine" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "shopifyProductId" TEXT NOT NULL,
    "line" JSONB NOT NULL,

    CONSTRAINT "StagedShopifyLine_pkey" PRIMARY KEY ("runId","seq")
);

-- CreateIndex
CREATE INDEX "StagedSourceProduct_runId_sortKey_idx" ON "StagedSourceProduct"("runId", "sortKey");

-- CreateIndex
CREATE INDEX "StagedShopifyLine_runId_shopifyProductId_idx" ON "StagedShopifyLine"("runId", "shopifyProductId");

