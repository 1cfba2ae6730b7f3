-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "salePointIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

