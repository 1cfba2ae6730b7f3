-- AlterTable
ALTER TABLE "ReturnRecord" ADD COLUMN     "exchangeErpTotal" TEXT,
ADD COLUMN     "exchangeExpectedTotal" TEXT,
ADD COLUMN     "exchangeSaleId" TEXT,
ADD COLUMN     "exchangeSaleNumber" TEXT;

