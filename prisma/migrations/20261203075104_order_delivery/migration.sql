-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "erpDeliveredAt" TIMESTAMP(3),
ADD COLUMN     "storeDelivered" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "storeShippedAt" TIMESTAMP(3);


-- Orders Ponte fulfilled before: their delivery is watched from their last change.
UPDATE "OrderExport" SET "storeShippedAt" = "updatedAt" WHERE "storeShipped";
