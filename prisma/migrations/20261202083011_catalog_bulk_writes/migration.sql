-- AlterTable
ALTER TABLE "CatalogSync" ADD COLUMN     "bulkOperationId" TEXT;

-- AlterTable
ALTER TABLE "CatalogSettings" ADD COLUMN     "bulkThreshold" INTEGER NOT NULL DEFAULT 100;

