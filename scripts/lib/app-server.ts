/**
 * The production app server (`npm start`, the sandbox, the benches):
 * `node --import tsx scripts/lib/app-server.ts <server build>`, on PORT (and
 * HOST when set). Remix's request handler on Express as remix-serve ran it
 * (compression, the built assets cached, an access log), with the webhook
 * door in front: the shop event topics are checked and stored on a pool of
 * their own and answered before Remix and Prisma see them, which is what
 * keeps a flash sale's webhooks quick. The access log prints each request's
 * path without its query string: Shopify puts secrets there (the session
 * token, id_token, on every embedded load; hmac and session on the first).
 */
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { createServer } from "node:http";
import morgan from "morgan";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { readAppConfig } from "../../app/services/config/app-config.server";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";
import { poolSql } from "../../app/services/database/sql-runner.server";
import { webhookDoor } from "../../app/services/webhooks/webhook-door.server";

process.env.NODE_ENV ??= "production";
const buildArgument = process.argv[2];
if (!buildArgument) {
  console.error("usage: node --import tsx scripts/lib/app-server.ts <server build, e.g. build/production/server/index.js>");
  process.exit(1);
}
const config = readAppConfig();
const build = (await import(pathToFileURL(path.resolve(buildArgument)).href)) as ServerBuild;
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("[app] DATABASE_URL is not set: start Ponte with `npm start` or the sandbox");
  process.exit(1);
}
// The door's own connections; a lost one is replaced by the pool, never the end of the process.
const pool = new pg.Pool({ ...poolConfigFromUrl(databaseUrl), max: Number(process.env.PONTE_WEBHOOK_POOL ?? 10) });
pool.on("error", (error) => console.warn(JSON.stringify({ event: "webhook-door-connection-lost", reason: error.message })));

morgan.token("url", (request: express.Request) => String(request.originalUrl || request.url || "").split("?")[0]);

const app = express();
app.disable("x-powered-by");
app.use(morgan("tiny"));
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number(process.env.PORT ?? 3000);
const onListen = () => console.log(`[app] serving on http://${process.env.HOST ?? "localhost"}:${port}`);
// The door before Express and its access log: at a flash sale's rates a line per delivery costs more than the delivery
// (p99 at 500/s: 27 ms without, 77 ms with), and Express's own request set-up is not needed. Its refusals and failures
// are logged; every stored delivery is in the inbox. Everything else goes on to Express.
const door = webhookDoor({ sql: poolSql(pool), secret: config.SHOPIFY_API_SECRET });
const server = createServer((request, response) => door(request, response, () => app(request, response)));
if (process.env.HOST) server.listen(port, process.env.HOST, onListen);
else server.listen(port, onListen);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => server.close(() => void pool.end().then(() => process.exit(0))));
}
