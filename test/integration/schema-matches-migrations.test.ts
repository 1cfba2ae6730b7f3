// GIVEN prisma/schema.prisma and prisma/migrations
// WHEN one database is made by applying every migration (as `npm start` does) and another straight from the schema
// THEN both have the same tables, columns (type, null, default), indexes and keys: no migration is missing, none
//      differs from the schema. (The CHECK constraints on status columns live in the migrations only; Prisma's
//      schema cannot state them, and test/integration/column-values.test.ts holds them; Agenda's tables are its own.)
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/test-database";

const root = path.resolve(import.meta.dirname, "../..");

async function structureOf(url: string): Promise<{ columns: string[]; indexes: string[]; keys: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(`
      select table_name || '.' || column_name || ' ' || data_type || coalesce('(' || udt_name || ')', '') || ' ' || is_nullable || ' default ' || coalesce(column_default, '-') as line
      from information_schema.columns where table_schema = 'public' and table_name not like 'agenda\\_%' and table_name <> '_prisma_migrations' order by 1`);
    const indexes = await client.query<{ line: string }>(`
      select indexdef as line from pg_indexes where schemaname = 'public' and tablename not like 'agenda\\_%' and tablename <> '_prisma_migrations' order by 1`);
    const keys = await client.query<{ line: string }>(`
      select conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line from pg_constraint
      where connamespace = 'public'::regnamespace and contype in ('p', 'u', 'f') and conrelid::regclass::text not like 'agenda\\_%' and conrelid::regclass::text <> '_prisma_migrations' order by 1`);
    return { columns: columns.rows.map((row) => row.line), indexes: indexes.rows.map((row) => row.line), keys: keys.rows.map((row) => row.line) };
  } finally {
    await client.end();
  }
}

describe("the schema and the migrations", () => {
  it("make the same database", async () => {
    const migrated = await createTestDatabase("migrated");
    const fromSchema = await createTestDatabase("from-schema", { blank: true });
    const diff = spawnSync(
      path.join(root, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: fromSchema },
      },
    );
    expect(diff.status, diff.stderr).toBe(0);
    const client = new pg.Client({ connectionString: fromSchema });
    await client.connect();
    await client.query(diff.stdout);
    await client.end();

    const [a, b] = await Promise.all([structureOf(migrated), structureOf(fromSchema)]);
    expect(a.columns.length).toBeGreaterThan(100);
    expect(a.columns).toEqual(b.columns);
    expect(a.indexes).toEqual(b.indexes);
    expect(a.keys).toEqual(b.keys);
    console.log(`schema and migrations agree: ${a.columns.length} columns, ${a.indexes.length} indexes, ${a.keys.length} keys`);
  });
});
