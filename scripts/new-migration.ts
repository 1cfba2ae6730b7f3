/**
 * Writes a new migration offline: `npm run db:new-migration -- NAME`.
 * Diffs the schema as committed at HEAD against prisma/schema.prisma with
 * `prisma migrate diff` (the way STACK.md records as working with the JS
 * engine), against a throwaway embedded PostgreSQL the diff needs for its
 * shadow database.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedDatabase } from "../app/services/database/embedded-database.server";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- name_in_snake_case");
  process.exit(2);
}

const scratch = mkdtempSync(path.join(tmpdir(), "ponte-migration-"));
chmodSync(scratch, 0o755);
const database = await startEmbeddedDatabase({ dataDir: path.join(scratch, "pg") });
try {
  let from = ["--from-empty"];
  try {
    const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const oldSchema = path.join(scratch, "old.prisma");
    writeFileSync(oldSchema, committed);
    from = ["--from-schema-datamodel", oldSchema];
  } catch {
    // no committed schema yet: the first migration starts from empty
  }
  const result = spawnSync("node_modules/.bin/prisma", ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(result.stderr);
  if (!result.stdout.trim() || result.stdout.includes("This is an empty migration")) {
    console.log("schema unchanged: no migration written");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), result.stdout);
    console.log(`wrote ${dir}/migration.sql`);
  }
} finally {
  await database.stop();
  rmSync(scratch, { recursive: true, force: true });
}
