-- AlterTable
ALTER TABLE "OrderSnapshot" ADD COLUMN     "contentDigest" TEXT,
ADD COLUMN     "progress" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "erpReference" TEXT,
ADD COLUMN     "erpTax" TEXT,
ADD COLUMN     "erpTotal" TEXT,
ADD COLUMN     "shopifyTax" TEXT,
ADD COLUMN     "shopifyTotal" TEXT,
ADD COLUMN     "totalsDiffer" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "totalsReportedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN     "totalsTolerance" TEXT NOT NULL DEFAULT '0.00';

-- AlterTable
ALTER TABLE "ErpConnection" ADD COLUMN     "anonymousCustomerId" TEXT,
ADD COLUMN     "customLineSku" TEXT NOT NULL DEFAULT 'PONTE-CUSTOM',
ADD COLUMN     "giftCardSku" TEXT NOT NULL DEFAULT 'PONTE-GIFT-CARD',
ADD COLUMN     "tipSku" TEXT NOT NULL DEFAULT 'PONTE-TIP';


-- Sales exported before references named the store were made with the bare order name: keep it, so edits and cancellations still reach them.
UPDATE "OrderExport" SET "erpReference" = "orderName" WHERE "erpOrderId" IS NOT NULL AND "erpReference" IS NULL;
