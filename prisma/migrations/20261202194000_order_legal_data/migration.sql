-- AlterTable
ALTER TABLE "OrderExport" ADD COLUMN     "erpInvoiceDate" TEXT,
ADD COLUMN     "erpInvoiceDocument" TEXT,
ADD COLUMN     "erpInvoiceNumber" TEXT,
ADD COLUMN     "erpInvoiceUrl" TEXT,
ADD COLUMN     "storeInvoiceNumber" TEXT;

-- AlterTable
ALTER TABLE "ErpConnection" ADD COLUMN     "legalPecKey" TEXT,
ADD COLUMN     "legalReadCheckoutFields" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "legalReadCompanies" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "legalSdiCodeKey" TEXT,
ADD COLUMN     "legalSendInvalid" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "legalTaxIdKey" TEXT;

-- CreateTable
CREATE TABLE "OrderLegalData" (
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "sources" JSONB NOT NULL,
    "identity" JSONB NOT NULL,
    "hasProblems" BOOLEAN NOT NULL DEFAULT false,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderLegalData_pkey" PRIMARY KEY ("shop","orderId")
);

