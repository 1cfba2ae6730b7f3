/**
 * One real PostgreSQL (Ponte's embedded one, in a scratch folder) for the
 * integration tests, or the server named by TEST_DATABASE_URL. Each test file
 * makes its own database on it with createTestDatabase().
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { poolConfigFromUrl, urlFromPoolConfig } from "../../app/services/database/connection-settings";
import { startEmbeddedDatabase } from "../../app/services/database/embedded-database.server";
import { prepareDatabase } from "../../app/services/database/prepare-database.server";
import { TEMPLATE_DATABASE } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

async function createTemplate(serverUrl: string): Promise<void> {
  const config = poolConfigFromUrl(serverUrl);
  const client = new pg.Client({ ...config, database: "postgres" });
  await client.connect();
  try {
    await client.query(`drop database if exists ${TEMPLATE_DATABASE}`);
    await client.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await client.end();
  }
  await prepareDatabase({ databaseUrl: urlFromPoolConfig({ ...config, database: TEMPLATE_DATABASE }) });
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("postgresUrl", process.env.TEST_DATABASE_URL);
    await createTemplate(process.env.TEST_DATABASE_URL);
    return;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), "ponte-test-pg-"));
  chmodSync(scratch, 0o755);
  const database = await startEmbeddedDatabase({ dataDir: scratch });
  project.provide("postgresUrl", database.url);
  await createTemplate(database.url);
  return async () => {
    await database.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
}
