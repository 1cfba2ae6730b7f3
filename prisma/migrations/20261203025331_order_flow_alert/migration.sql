-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "flowAlertedAt" TIMESTAMP(3);

