/**
 * Ponte's embedded PostgreSQL: a real PostgreSQL 17 whose binaries ship in
 * npm packages. It lives in a data folder of its own, is initialised once,
 * reused on every later start, and stopped cleanly (fast shutdown) by the
 * process that started it. It runs in a process group of its own, so a
 * Ctrl-C or SIGTERM reaches Ponte first, which drains its work and only then
 * stops the database.
 *
 * Layout of the data folder:
 *   cluster/                  PostgreSQL's own data directory
 *   postgres.log              the server's log
 *   embedded-database.json    port, user, database and password (mode 0600)
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, openSync, closeSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { urlFromPoolConfig, type PoolConfig } from "./connection-settings";
import { findPostgresBinaries } from "./postgres-binaries.server";

const settingsSchema = z.object({
  port: z.number().int().positive(),
  user: z.string().min(1),
  password: z.string().min(16),
  database: z.string().min(1),
});
type EmbeddedSettings = z.infer<typeof settingsSchema>;

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  /** True when this process started the server and so must stop it. */
  startedHere: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  /** Port for a new cluster; an existing cluster keeps the port it was given. */
  port?: number;
  log?: (line: string) => void;
}

const SETTINGS_FILE = "embedded-database.json";
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  await mkdir(dataDir, { recursive: true });
  const owner = runAs();
  // As root, PostgreSQL runs as the "postgres" user, which must reach the folder.
  if (owner) await chmod(dataDir, 0o755);
  const settings = await loadOrCreateSettings(dataDir, options.port);
  const config: PoolConfig = { host: "127.0.0.1", ...settings };
  const clusterDir = path.join(dataDir, "cluster");
  const socketDir = unixSocketFolder(clusterDir, settings.port);
  // Ponte's own processes reach it through its Unix socket when it has one (cheaper than TCP on loopback), else by TCP.
  const urlNow = async () => {
    const socket = socketDir && existsSync(path.join(socketDir, `.s.PGSQL.${settings.port}`)) ? { ...config, host: socketDir } : null;
    return urlFromPoolConfig(socket && (await answers(socket)) ? socket : config);
  };

  if (await answers(config)) {
    log(`embedded PostgreSQL already running on port ${settings.port}; using it`);
    return { url: await urlNow(), dataDir, startedHere: false, stop: async () => {} };
  }

  const binaries = await findPostgresBinaries();
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await initialise(binaries.initdb, clusterDir, settings, owner);
  }

  const logFile = path.join(dataDir, "postgres.log");
  const logFd = openSync(logFile, "a");
  if (owner) await chown(logFile, owner.uid, owner.gid);
  const server = spawn(
    binaries.postgres,
    ["-D", clusterDir, "-p", String(settings.port), "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${socketDir ?? ""}`],
    { detached: true, stdio: ["ignore", logFd, logFd], ...(owner ?? {}) },
  );
  closeSync(logFd);
  let exited = false;
  server.once("exit", () => (exited = true));
  const stopOnExit = () => {
    if (!exited) server.kill("SIGINT");
  };
  process.once("exit", stopOnExit);

  await waitUntil(
    () => answers(config),
    () => exited,
    START_TIMEOUT_MS,
    async () => {
      const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-15).join("\n");
      return `embedded PostgreSQL did not start (log ${logFile}):\n${tail}`;
    },
  );
  await ensureDatabaseExists(config);
  const url = await urlNow();
  log(`embedded PostgreSQL started on port ${settings.port}${url.includes("?host=") ? " and its Unix socket" : ""} (data in ${clusterDir})`);

  let stopping: Promise<void> | undefined;
  return {
    url,
    dataDir,
    startedHere: true,
    stop() {
      stopping ??= (async () => {
        process.removeListener("exit", stopOnExit);
        if (!exited) {
          // SIGINT is PostgreSQL's "fast" shutdown: sessions end, data is checkpointed.
          server.kill("SIGINT");
          await waitUntil(
            async () => exited,
            () => false,
            STOP_TIMEOUT_MS,
            async () => "embedded PostgreSQL did not stop",
          ).catch(() => server.kill("SIGKILL"));
        }
        log("embedded PostgreSQL stopped");
      })();
      return stopping;
    },
  };
}

/** The user PostgreSQL must run as when we are root (it refuses root). */
function runAs(): { uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres -M -s /usr/sbin/nologin postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

async function initialise(initdb: string, clusterDir: string, settings: EmbeddedSettings, owner: { uid: number; gid: number } | null) {
  await mkdir(clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(tmpdir(), `ponte-pg-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${settings.password}\n`, { mode: 0o600 });
  if (owner) {
    await chown(clusterDir, owner.uid, owner.gid);
    await chown(passwordFile, owner.uid, owner.gid);
  }
  try {
    execFileSync(
      initdb,
      [`--pgdata=${clusterDir}`, "--auth=scram-sha-256", `--username=${settings.user}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--no-locale"],
      { stdio: ["ignore", "ignore", "pipe"], ...(owner ?? {}) },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    await rm(clusterDir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${stderr}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function loadOrCreateSettings(dataDir: string, port?: number): Promise<EmbeddedSettings> {
  const file = path.join(dataDir, SETTINGS_FILE);
  if (existsSync(file)) {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is damaged: ${parsed.error.message}`);
    return parsed.data;
  }
  const settings: EmbeddedSettings = {
    port: port ?? (await freePort()),
    user: "ponte",
    password: randomBytes(24).toString("base64url"),
    database: "ponte",
  };
  await writeFile(file, JSON.stringify(settings, null, 2), { mode: 0o600 });
  return settings;
}

/**
 * Where PostgreSQL puts its Unix socket: the cluster's own folder, which only the database's user (and root) can enter.
 * None when the socket's path would pass the system's limit (about 100 bytes), or the folder's name would not survive
 * PostgreSQL's list of folders (a comma, a space, a quote): then it answers by TCP alone.
 */
export function unixSocketFolder(clusterDir: string, port: number): string | null {
  if (process.platform === "win32") return null;
  if (!/^[\w/.-]+$/.test(clusterDir)) return null;
  return `${clusterDir}/.s.PGSQL.${port}`.length <= 100 ? clusterDir : null;
}

async function answers(config: PoolConfig): Promise<boolean> {
  const client = new pg.Client({ ...config, database: "postgres", connectionTimeoutMillis: 1500 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitUntil(ready: () => Promise<boolean>, failed: () => boolean, timeoutMs: number, explain: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready()) return;
    if (failed()) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(await explain());
}

async function ensureDatabaseExists(config: PoolConfig): Promise<void> {
  const client = new pg.Client({ ...config, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [config.database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(config.database)}`);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
