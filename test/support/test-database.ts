/**
 * Fresh databases on the test PostgreSQL, one per test file: copies of a
 * template the global setup migrated once, or blank ones for the tests of
 * migrations themselves.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { poolConfigFromUrl, urlFromPoolConfig } from "../../app/services/database/connection-settings";

export const TEMPLATE_DATABASE = "ponte_test_template";

/**
 * `blank`: without the migrations. `collation`: a blank one sorting text by that libc locale (as a managed PostgreSQL's
 * "en_US.UTF-8" does), where the test cluster's own databases sort by byte ("C").
 */
export async function createTestDatabase(label: string, options: { blank?: boolean; collation?: string } = {}): Promise<string> {
  const config = poolConfigFromUrl(inject("postgresUrl"));
  const name = `ponte_test_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ ...config, database: "postgres" });
  await client.connect();
  try {
    const template = options.collation
      ? ` template template0 lc_collate ${client.escapeLiteral(options.collation)} lc_ctype ${client.escapeLiteral(options.collation)}`
      : options.blank
        ? ""
        : ` template ${client.escapeIdentifier(TEMPLATE_DATABASE)}`;
    await client.query(`create database ${client.escapeIdentifier(name)}${template}`);
  } finally {
    await client.end();
  }
  return urlFromPoolConfig({ ...config, database: name });
}
