-- CreateTable
CREATE TABLE "ErpConnection" (
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "database" TEXT,
    "login" TEXT,
    "secretSealed" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ErpConnection_pkey" PRIMARY KEY ("shop")
);

