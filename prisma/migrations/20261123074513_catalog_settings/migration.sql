-- The catalog's settings move from the POS connection to their own table (the ERP can be the source too).
-- CreateTable
CREATE TABLE "CatalogSettings" (
    "shop" TEXT NOT NULL,
    "productSource" TEXT NOT NULL DEFAULT 'pos',
    "stockSource" TEXT NOT NULL DEFAULT 'pos',
    "syncCategories" BOOLEAN NOT NULL DEFAULT true,
    "syncImages" BOOLEAN NOT NULL DEFAULT true,
    "draftWhenOutOfStock" BOOLEAN NOT NULL DEFAULT false,
    "draftWhenNotOffered" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogSettings_pkey" PRIMARY KEY ("shop")
);

-- What each shop chose so far, kept.
INSERT INTO "CatalogSettings" ("shop", "syncCategories", "syncImages", "draftWhenOutOfStock", "draftWhenNotOffered", "updatedAt")
SELECT "shop", "syncCategories", "syncImages", "draftWhenOutOfStock", "draftWhenNotOffered", CURRENT_TIMESTAMP FROM "PosConnection";

-- AlterTable
ALTER TABLE "PosConnection" DROP COLUMN "draftWhenNotOffered",
DROP COLUMN "draftWhenOutOfStock",
DROP COLUMN "syncCategories",
DROP COLUMN "syncImages";

-- AlterTable
ALTER TABLE "PosLocationStock" ADD COLUMN     "warehouseId" TEXT;
