-- CreateTable
CREATE TABLE "IcecatSettings" (
    "shop" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "tokenSealed" TEXT,
    "language" TEXT NOT NULL,
    "writeDescription" BOOLEAN NOT NULL DEFAULT true,
    "writeSpecs" BOOLEAN NOT NULL DEFAULT true,
    "writeImages" BOOLEAN NOT NULL DEFAULT false,
    "checkpoint" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IcecatSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "IcecatSheetState" (
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "icecatId" TEXT,
    "digest" TEXT,
    "outcome" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IcecatSheetState_pkey" PRIMARY KEY ("shop","productId")
);

