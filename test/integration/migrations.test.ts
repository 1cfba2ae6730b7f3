import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepareDatabase } from "../../app/services/database/prepare-database.server";
import { queryRows } from "../support/postgres-queries";
import { createTestDatabase } from "../support/test-database";

const migrationDirs = readdirSync(path.resolve(import.meta.dirname, "../../prisma/migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();


describe("database preparation", () => {
  it("applies every committed migration with prisma migrate deploy, offline", async () => {
    const url = await createTestDatabase("migrations", { blank: true });
    const lines: string[] = [];
    await prepareDatabase({ databaseUrl: url }, (line) => lines.push(line));
    expect(lines.join("\n")).toMatch(/migrations: applied/);
    const applied = await queryRows(url, "select migration_name from _prisma_migrations where finished_at is not null order by migration_name");
    expect(applied.map((row) => row.migration_name)).toEqual(migrationDirs);
    const tables = await queryRows(url, "select table_name from information_schema.tables where table_schema = 'public'");
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["Session", "Shop", "WebhookEvent", "WorkerHeartbeat", "WorkerProbeRun", "agenda_jobs"]),
    );
  });

  it("lets several processes prepare one database at the same time", async () => {
    const url = await createTestDatabase("concurrent_prepare", { blank: true });
    const store = { databaseUrl: url };
    await expect(Promise.all([prepareDatabase(store), prepareDatabase(store), prepareDatabase(store)])).resolves.toBeDefined();
    const applied = await queryRows(url, "select count(*)::int as n from _prisma_migrations");
    expect(applied[0].n).toBe(migrationDirs.length);
  });

  it("does not run prisma again when every migration is applied", async () => {
    const url = await createTestDatabase("up_to_date");
    const lines: string[] = [];
    await prepareDatabase({ databaseUrl: url }, (line) => lines.push(line));
    expect(lines).toEqual(["migrations: up to date"]);
  });
});
