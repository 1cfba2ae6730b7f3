/**
 * Where Ponte's database is: the server named by DATABASE_URL, or, when it is
 * unset, the embedded PostgreSQL in Ponte's data folder (started here if no
 * other Ponte process has started it already).
 */
import type { Environment } from "../config/environment";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded-database.server";

export interface DatabaseLocation {
  url: string;
  kind: "external" | "embedded";
  /** Stops the embedded server if this process started it; else does nothing. */
  release(): Promise<void>;
}

export function defaultDataDir(env: Environment = process.env): string {
  return path.resolve(env.PONTE_DATA_DIR ?? ".ponte/data");
}

export async function locateDatabase(env: Environment = process.env, log: (line: string) => void = () => {}): Promise<DatabaseLocation> {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, kind: "external", release: async () => {} };
  }
  const embedded: EmbeddedDatabase = await startEmbeddedDatabase({
    dataDir: path.join(defaultDataDir(env), "postgres"),
    port: env.PONTE_DB_PORT ? Number(env.PONTE_DB_PORT) : undefined,
    log,
  });
  return { url: embedded.url, kind: "embedded", release: () => embedded.stop() };
}
