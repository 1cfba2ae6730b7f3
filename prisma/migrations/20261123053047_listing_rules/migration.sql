-- AlterTable
ALTER TABLE "PosConnection" ADD COLUMN     "draftWhenNotOffered" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "draftWhenOutOfStock" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CatalogProduct" ADD COLUMN     "draftedBy" TEXT;

