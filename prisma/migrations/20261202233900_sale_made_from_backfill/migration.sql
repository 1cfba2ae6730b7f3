-- Sales exported before refunds were followed: the version they were last made or changed from is the best known
-- version they were first made from (a refund made after it is then a credit note, never taken as already in the sale).
UPDATE "OrderExport" SET "saleMadeFromVersion" = "exportedVersion" WHERE "erpOrderId" IS NOT NULL AND "saleMadeFromVersion" IS NULL;
