-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "erpState" TEXT,
ADD COLUMN     "exportedVersion" TIMESTAMP(3),
ADD COLUMN     "exportedDigest" TEXT,
ADD COLUMN     "flag" TEXT,
ADD COLUMN     "storeCancelled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "storeInvoiced" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "storeShipped" BOOLEAN NOT NULL DEFAULT false;

