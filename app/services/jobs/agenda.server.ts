/**
 * The one factory for Agenda: on PostgreSQL (Ponte's database) by default,
 * on MongoDB when MONGODB_URL is set, as Agenda's mongo backend does.
 */
import { MongoBackend } from "@agendajs/mongo-backend";
import { PostgresBackend } from "@agendajs/postgres-backend";
import { Agenda, type AgendaBackend } from "agenda";
import { poolConfigFromUrl } from "../database/connection-settings";

export interface JobStoreSettings {
  /** Ponte's PostgreSQL database; holds the jobs unless mongodbUrl is given. */
  databaseUrl: string;
  mongodbUrl?: string;
}

export interface AgendaSettings extends JobStoreSettings {
  /** Names this instance in the jobs it locks (lastModifiedBy). */
  name: string;
  processEvery?: string | number;
  maxConcurrency?: number;
}

export const JOBS_TABLE = "agenda_jobs";

export function jobStoreKind(settings: JobStoreSettings): "postgres" | "mongodb" {
  return settings.mongodbUrl ? "mongodb" : "postgres";
}

function createBackend(settings: JobStoreSettings, ensureSchema: boolean): AgendaBackend {
  if (settings.mongodbUrl) {
    return new MongoBackend({ address: settings.mongodbUrl, collection: "agendaJobs", ensureIndex: ensureSchema });
  }
  return new PostgresBackend({
    poolConfig: { ...poolConfigFromUrl(settings.databaseUrl), max: 5 },
    tableName: JOBS_TABLE,
    // Created once by prepareJobStore(): two processes creating it at the same
    // instant can fail with "tuple concurrently updated" (STACK.md).
    ensureSchema,
  });
}

export function createAgenda(settings: AgendaSettings): Agenda {
  return new Agenda({
    backend: createBackend(settings, false),
    name: settings.name,
    processEvery: settings.processEvery ?? "5 seconds",
    maxConcurrency: settings.maxConcurrency ?? 25,
    defaultLockLifetime: 10 * 60 * 1000,
    // A worker locks no more jobs than it can run at once, so work queued in a
    // burst spreads over every worker instead of piling up on the first.
    defaultConcurrency: 5,
    defaultLockLimit: 5,
  });
}

/** Creates the job store's tables and indexes; run once, before workers start. */
export async function prepareJobStore(settings: JobStoreSettings): Promise<void> {
  const backend = createBackend(settings, true);
  await backend.connect();
  await backend.disconnect();
}
