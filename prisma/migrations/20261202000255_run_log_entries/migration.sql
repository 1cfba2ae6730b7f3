-- A run's log moves from one JSON column, rewritten whole on every line, to a row per line.

-- CreateTable
CREATE TABLE "JobRunLogEntry" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "JobRunLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRunLogEntry_runId_id_idx" ON "JobRunLogEntry"("runId", "id");

-- AddForeignKey
ALTER TABLE "JobRunLogEntry" ADD CONSTRAINT "JobRunLogEntry_runId_fkey" FOREIGN KEY ("runId") REFERENCES "JobRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The lines already written, in their order (a line without a level was info)
INSERT INTO "JobRunLogEntry" ("runId", "shop", "at", "level", "message")
SELECT r."id", r."shop",
       COALESCE(NULLIF(e.entry->>'at', '')::timestamptz, r."startedAt"),
       CASE WHEN e.entry->>'level' IN ('info', 'warning', 'error') THEN e.entry->>'level' ELSE 'info' END,
       COALESCE(e.entry->>'message', '')
  FROM "JobRun" r
  CROSS JOIN LATERAL jsonb_array_elements(r."log") WITH ORDINALITY AS e(entry, position)
 ORDER BY r."startedAt", r."id", e.position;

-- Its words, as column-values.ts lists them
ALTER TABLE "JobRunLogEntry" ADD CONSTRAINT "JobRunLogEntry_level_values" CHECK ("level" IN ('info', 'warning', 'error'));

-- AlterTable
ALTER TABLE "JobRun" DROP COLUMN "log";
