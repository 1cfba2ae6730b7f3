-- AlterTable
ALTER TABLE "IcecatSettings" ADD COLUMN     "translations" TEXT[] DEFAULT ARRAY[]::TEXT[];

