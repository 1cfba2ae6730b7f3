/**
 * Child processes of a launcher (app server, worker): output prefixed with
 * the service's name, readiness by HTTP, and an orderly stop.
 */
import type { Environment } from "../../app/services/config/environment";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

export interface Service {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

export function startService(name: string, command: string, args: string[], env: Environment, log: (line: string) => void): Service {
  // A process group of its own: a Ctrl-C reaches the launcher only, which
  // then stops its services in order. Should the launcher die, they go too.
  const child = spawn(command, args, { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const killOnExit = () => child.kill("SIGTERM");
  process.once("exit", killOnExit);
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim() && !line.startsWith("npm warn")) log(`[${name}] ${line}`);
  };
  child.stdout?.on("data", relay);
  child.stderr?.on("data", relay);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      process.removeListener("exit", killOnExit);
      resolve(code);
    }),
  );
  return {
    name,
    child,
    exited,
    async stop(timeoutMs = 90_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitForHttp(url: string, service: Service, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited (code ${service.child.exitCode}) before it answered`);
    try {
      const response = await fetch(url, { headers: { "User-Agent": "Mozilla/5.0 Chrome/130 ponte-launcher" } });
      await response.body?.cancel();
      if (response.status < 500) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} did not answer at ${url} within ${timeoutMs / 1000} s (${lastError})`);
}

const root = new URL("../..", import.meta.url).pathname;

/** The app server (scripts/lib/app-server.ts: the webhook door, then Remix) on a built server entry. */
export function appServerCommand(serverEntry: string): [string, string[]] {
  return [process.execPath, ["--enable-source-maps", "--import", "tsx", `${root}scripts/lib/app-server.ts`, serverEntry]];
}

/** The worker `npm run build` compiles (scripts/build-worker.ts). */
export const BUILT_WORKER = `${root}build/production/worker/worker.mjs`;

/**
 * V8's flags for a worker. Its heap grows by half its live size before the next full collection, not by V8's default
 * of up to four times: a run that streams a large catalog makes garbage fast, and by default the garbage, not the
 * catalog, set the worker's peak memory (bench/product-refresh.ts at 100,000 products: 302 MB peak RSS by default,
 * 264 MB with this, in the same time; see docs/benchmarks-history.md). `npm run worker` (package.json) passes the same.
 */
export const WORKER_V8_FLAGS = ["--heap-growing-percent=50"];

/** One worker process: compiled by `npm run build` (production), else from source like `npm run worker`. */
export function workerCommand({ built = false }: { built?: boolean } = {}): [string, string[]] {
  if (built && existsSync(BUILT_WORKER)) return [process.execPath, [...WORKER_V8_FLAGS, "--enable-source-maps", BUILT_WORKER]];
  return [process.execPath, [...WORKER_V8_FLAGS, "--import", "tsx", `${root}jobs/worker.ts`]];
}
