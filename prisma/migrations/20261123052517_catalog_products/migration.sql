-- AlterTable
ALTER TABLE "CatalogSync" ADD COLUMN     "resyncCheckpoint" TEXT;

-- CreateTable
CREATE TABLE "CatalogProduct" (
    "shop" TEXT NOT NULL,
    "sourceProductId" TEXT NOT NULL,
    "shopifyProductId" TEXT NOT NULL,
    "imageHash" TEXT,
    "refreshedAt" TIMESTAMP(3),

    CONSTRAINT "CatalogProduct_pkey" PRIMARY KEY ("shop","sourceProductId")
);

