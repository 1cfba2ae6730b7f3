/**
 * Brings a database up to date before any Ponte process uses it: committed
 * migrations, then the job store's schema and the indexes its unique
 * checks need. Processes that start together
 * take turns through a PostgreSQL advisory lock.
 */
import pg from "pg";
import { jobStoreKind, prepareJobStore, type JobStoreSettings } from "../jobs/agenda.server";
import { ensureJobLookupIndexes } from "../jobs/job-store-maintenance.server";
import { poolConfigFromUrl } from "./connection-settings";
import { applyMigrations } from "./migrate.server";
import { migrationsUpToDate } from "./migration-status.server";

const PREPARE_LOCK_KEY = 7_240_001;

export async function prepareDatabase(settings: JobStoreSettings, log: (line: string) => void = () => {}): Promise<void> {
  const client = new pg.Client(poolConfigFromUrl(settings.databaseUrl));
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [PREPARE_LOCK_KEY]);
    if (await migrationsUpToDate(client)) log("migrations: up to date");
    else await applyMigrations(settings.databaseUrl, log);
    await prepareJobStore(settings);
    if (jobStoreKind(settings) === "postgres") await ensureJobLookupIndexes(client);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [PREPARE_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
