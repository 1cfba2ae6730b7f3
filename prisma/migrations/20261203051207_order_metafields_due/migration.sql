-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "metafieldsDue" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PosOrderAllocation" ADD COLUMN     "metafieldsDue" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "OrderExport_metafieldsDue_idx" ON "OrderExport"("metafieldsDue");

-- CreateIndex
CREATE INDEX "PosOrderAllocation_metafieldsDue_idx" ON "PosOrderAllocation"("metafieldsDue");

