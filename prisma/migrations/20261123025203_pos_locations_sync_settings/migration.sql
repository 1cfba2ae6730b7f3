-- AlterTable
ALTER TABLE "PosConnection" ADD COLUMN     "syncCategories" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "syncImages" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "PosLocationStock" (
    "shop" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "locationName" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "salePointId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PosLocationStock_pkey" PRIMARY KEY ("shop","locationId")
);

