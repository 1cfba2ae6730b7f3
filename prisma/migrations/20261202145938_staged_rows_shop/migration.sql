-- Staged rows live for one run: any left are dropped rather than given a shop after the fact.
DELETE FROM "StagedStockLevel";
DELETE FROM "StagedSourceProduct";
DELETE FROM "StagedShopifyLine";
DELETE FROM "StagedOfferedProduct";

-- AlterTable
ALTER TABLE "StagedStockLevel" ADD COLUMN     "shop" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "StagedSourceProduct" ADD COLUMN     "shop" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "StagedShopifyLine" ADD COLUMN     "shop" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "StagedOfferedProduct" ADD COLUMN     "shop" TEXT NOT NULL;

