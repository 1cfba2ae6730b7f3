/**
 * Which committed migrations a database still lacks, read the way Prisma
 * records them (_prisma_migrations: name, sha256 checksum of migration.sql).
 * Lets a process skip spawning `prisma migrate deploy` when nothing is due.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { projectRoot } from "./project-root.server";

const migrationsDir = () => path.join(projectRoot(), "prisma", "migrations");

export interface CommittedMigration {
  name: string;
  checksum: string;
}

export function committedMigrations(): CommittedMigration[] {
  return readdirSync(migrationsDir(), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256")
        .update(readFileSync(path.join(migrationsDir(), name, "migration.sql")))
        .digest("hex"),
    }));
}

/** True when every committed migration is applied, unchanged, and none failed. */
export async function migrationsUpToDate(client: pg.Client): Promise<boolean> {
  const table = await client.query("select to_regclass('public._prisma_migrations') as t");
  if (!table.rows[0]?.t) return false;
  const applied = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    "select migration_name, checksum, finished_at, rolled_back_at from _prisma_migrations",
  );
  if (applied.rows.some((row) => row.finished_at === null && row.rolled_back_at === null)) return false;
  const done = new Map(applied.rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => [row.migration_name, row.checksum]));
  return committedMigrations().every((migration) => done.get(migration.name) === migration.checksum);
}
