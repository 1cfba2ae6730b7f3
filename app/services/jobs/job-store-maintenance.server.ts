/**
 * Keeps the PostgreSQL job store fast whatever its history:
 *
 * - Agenda checks a unique job (one export job per order, one reconcile job
 *   per shop…) with `name = $1 AND data->>'orderId' = $2…`; without an index
 *   that scans the whole table on every order. Each key Ponte uniques on gets an
 *   expression index here.
 * - One-off jobs that have finished are deleted after a retention (failed ones
 *   kept longer, for reading); repeating jobs are never touched.
 */
import type { PrismaClient } from "@prisma/client";
import type pg from "pg";
import { wholeNumberSetting } from "../config/whole-number-setting";
import { JOBS_TABLE } from "./agenda.server";

/** The data keys Ponte's unique jobs are found by (shop-jobs.server.ts). */
export const UNIQUE_JOB_KEYS = ["orderId", "shop", "scheduleId"] as const;

export async function ensureJobLookupIndexes(client: pg.ClientBase | pg.Pool): Promise<void> {
  // The inbox's unique key of earlier versions: its jobs are gone (RETIRED_JOB_NAMES), so is their index.
  await client.query(`DROP INDEX IF EXISTS "${JOBS_TABLE}_data_eventId_idx"`);
  for (const key of UNIQUE_JOB_KEYS) {
    await client.query(`CREATE INDEX IF NOT EXISTS "${JOBS_TABLE}_data_${key}_idx" ON "${JOBS_TABLE}" (name, (data->>'${key}'))`);
  }
}

export interface JobRetention {
  /** A one-off job that completed is deleted this long after it finished. */
  finishedHours: number;
  /** A one-off job that failed for good, this long after. */
  failedDays: number;
}

/** PONTE_JOBS_RETENTION_HOURS (default 24) and PONTE_FAILED_JOBS_RETENTION_DAYS (default 30). */
export function jobRetention(env: Record<string, string | undefined> = process.env): JobRetention {
  return {
    finishedHours: wholeNumberSetting(env, "PONTE_JOBS_RETENTION_HOURS", 24, "hours"),
    failedDays: wholeNumberSetting(env, "PONTE_FAILED_JOBS_RETENTION_DAYS", 30, "days"),
  };
}

/** Deletes one-off jobs finished before the retention; the number deleted. */
export async function pruneFinishedJobs(db: PrismaClient, retention: JobRetention, now = new Date()): Promise<number> {
  const finishedBefore = new Date(now.getTime() - retention.finishedHours * 3_600_000);
  const failedBefore = new Date(now.getTime() - retention.failedDays * 86_400_000);
  return db.$executeRawUnsafe(
    `DELETE FROM "${JOBS_TABLE}"
      WHERE next_run_at IS NULL AND repeat_interval IS NULL AND repeat_at IS NULL AND locked_at IS NULL
        AND last_finished_at IS NOT NULL
        AND ((failed_at IS NULL AND last_finished_at < $1) OR last_finished_at < $2)`,
    finishedBefore,
    failedBefore,
  );
}
