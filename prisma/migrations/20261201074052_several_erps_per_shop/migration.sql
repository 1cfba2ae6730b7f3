-- Several ERPs per shop: each connection gets its own id, a name, a position (0: the main ERP) and the shipping
-- countries it serves. What was the shop's one ERP becomes its main ERP, keeping everything linked to it.

-- AlterTable
ALTER TABLE "ErpConnection" DROP CONSTRAINT "ErpConnection_pkey",
ADD COLUMN     "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
ADD COLUMN     "name" TEXT NOT NULL DEFAULT 'ERP',
ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "countries" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD CONSTRAINT "ErpConnection_pkey" PRIMARY KEY ("id");
ALTER TABLE "ErpConnection" ALTER COLUMN "id" DROP DEFAULT;

-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "erpConnectionId" TEXT;

-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "erpConnectionIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "ErpConnection_shop_position_idx" ON "ErpConnection"("shop", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ErpConnection_shop_name_key" ON "ErpConnection"("shop", "name");

-- Data: what the one ERP had is the main ERP's: its exported orders, its links, its customer watermark.
UPDATE "OrderExport" e SET "erpConnectionId" = c.id FROM "ErpConnection" c WHERE c.shop = e.shop AND e."erpOrderId" IS NOT NULL;
UPDATE "ExternalLink" l SET system = 'erp:' || c.id FROM "ErpConnection" c WHERE c.shop = l.shop AND l.system = 'erp';
UPDATE "SyncWatermark" w SET stream = 'customers-to-erp:' || c.id FROM "ErpConnection" c WHERE c.shop = w.shop AND w.stream = 'customers-to-erp';
