-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "locale" TEXT;

