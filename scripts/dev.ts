/**
 * `npm run dev`: what `shopify app dev` runs (shopify.web.toml). The Vite dev
 * server with hot reload on PORT, one worker, and the database: DATABASE_URL
 * or the embedded PostgreSQL under PONTE_DATA_DIR.
 */
import { loadDotEnv } from "../app/services/config/dot-env.server";
import path from "node:path";
import { locateDatabase } from "../app/services/database/database-location.server";
import { prepareDatabase } from "../app/services/database/prepare-database.server";
import { startService, waitForHttp, workerCommand } from "./lib/child-services";
import { Supervisor } from "./lib/supervisor";

loadDotEnv();

const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => console.log(`[dev] ${line}`);
const database = await locateDatabase(process.env, log);
const supervisor = new Supervisor(database, log);
try {
  await prepareDatabase({ databaseUrl: database.url, mongodbUrl: process.env.MONGODB_URL || undefined }, log);
  const env = { ...process.env, DATABASE_URL: database.url, PONTE_DATABASE_KIND: database.kind };
  const port = process.env.PORT ?? "3000";
  const remix = path.join(root, "node_modules", ".bin", "remix");
  const app = supervisor.supervise("app", () => startService("app", remix, ["vite:dev", "--port", port, "--strictPort"], env, console.log));
  supervisor.supervise("worker", () => startService("worker", ...workerCommand(), env, console.log));
  await waitForHttp(`http://localhost:${port}/`, app.current(), 120_000);
  log(`dev server on port ${port}`);
} catch (error) {
  console.error(`[dev] ${(error as Error).message}`);
  await supervisor.stop("start-up failed", 1);
}
