/**
 * `npm start`: Ponte in production, after `npm run build`. Uses DATABASE_URL,
 * or starts the embedded PostgreSQL under PONTE_DATA_DIR when it is unset;
 * applies migrations; serves the app on PORT; runs PONTE_WORKERS worker
 * processes beside it (default 1; add more anywhere with `npm run worker`).
 * A service that dies is started again (see scripts/lib/supervisor.ts).
 */
import { loadDotEnv } from "../app/services/config/dot-env.server";
import { existsSync } from "node:fs";
import path from "node:path";
import { readAppConfig } from "../app/services/config/app-config.server";
import { locateDatabase } from "../app/services/database/database-location.server";
import { prepareDatabase } from "../app/services/database/prepare-database.server";
import { appServerCommand, startService, waitForHttp, workerCommand } from "./lib/child-services";
import { createPrismaClient } from "../app/services/database/prisma-client.server";
import { serviceRecorder } from "../app/services/workers/supervised-services.server";
import { Supervisor } from "./lib/supervisor";

loadDotEnv();

const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => console.log(`[ponte] ${line}`);

const serverEntry = path.join(root, "build", "production", "server", "index.js");
if (!existsSync(serverEntry)) {
  console.error("[ponte] no production build: run `npm run build` first");
  process.exit(1);
}
try {
  readAppConfig();
} catch (error) {
  console.error(`[ponte] ${(error as Error).message}`);
  process.exit(1);
}

const database = await locateDatabase(process.env, log);
const supervisor = new Supervisor(database, log);
try {
  await prepareDatabase({ databaseUrl: database.url, mongodbUrl: process.env.MONGODB_URL || undefined }, log);
  supervisor.useRecorder(serviceRecorder(createPrismaClient(database.url)));
  const env = { ...process.env, DATABASE_URL: database.url, PONTE_DATABASE_KIND: database.kind, NODE_ENV: "production" };
  const port = process.env.PORT ?? "3000";
  const app = supervisor.supervise("app", () => startService("app", ...appServerCommand(serverEntry), { ...env, PORT: port }, console.log));
  const workers = Number(process.env.PONTE_WORKERS ?? 1);
  for (let n = 1; n <= workers; n++)
    supervisor.supervise(`worker-${n}`, () => startService(`worker-${n}`, ...workerCommand({ built: true }), env, console.log));
  await waitForHttp(`http://127.0.0.1:${port}/`, app.current());
  log(`Ponte is serving on port ${port} with ${workers} worker(s)`);
} catch (error) {
  console.error(`[ponte] ${(error as Error).message}`);
  await supervisor.stop("start-up failed", 1);
}
