-- Staging tables live for one run: unlogged, so not written to the WAL, and emptied after a crash, when no run can still need them.
-- CreateTable
CREATE UNLOGGED TABLE "StagedStockLevel" (
    "runId" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "StagedStockLevel_pkey" PRIMARY KEY ("runId","at","sku")
);

-- CreateTable
CREATE UNLOGGED TABLE "StagedOfferedProduct" (
    "runId" TEXT NOT NULL,
    "sourceProductId" TEXT NOT NULL,

    CONSTRAINT "StagedOfferedProduct_pkey" PRIMARY KEY ("runId","sourceProductId")
);

