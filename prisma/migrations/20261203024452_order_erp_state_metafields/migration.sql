-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "storeErpState" TEXT;

