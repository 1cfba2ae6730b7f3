-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "exportedLines" JSONB;

