-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "erpImportCategory" TEXT NOT NULL DEFAULT 'product-type';

-- CreateTable
CREATE TABLE "ErpArticleLink" (
    "shop" TEXT NOT NULL,
    "erpConnectionId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "shopifyProductId" TEXT NOT NULL,
    "shopifyVariantId" TEXT NOT NULL,
    "erpArticleId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErpArticleLink_pkey" PRIMARY KEY ("shop","erpConnectionId","sku")
);

-- CreateIndex
CREATE INDEX "ErpArticleLink_shop_erpConnectionId_shopifyProductId_idx" ON "ErpArticleLink"("shop", "erpConnectionId", "shopifyProductId");

