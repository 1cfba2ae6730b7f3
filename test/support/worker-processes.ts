/** Real `npm run worker` processes (tsx jobs/worker.ts) for the tests. */
import type { PrismaClient } from "@prisma/client";
import type { Environment } from "../../app/services/config/environment";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends SIGTERM and resolves with the exit code. */
  terminate(): Promise<number | null>;
}

export function spawnWorker(id: string, env: Environment): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "jobs", "worker.ts")], {
    cwd: root,
    env: { ...process.env, ...env, PONTE_WORKER_ID: id, PONTE_WORKER_POLL: "500" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    id,
    child,
    output: () => output,
    async waitForOutput(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output)) {
        if (child.exitCode !== null) throw new Error(`worker ${id} exited early:\n${output}`);
        if (Date.now() > deadline) throw new Error(`worker ${id} never printed ${pattern}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async terminate() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await probe();
  }
  return last;
}

/**
 * Waits for a new worker's catch-up import (the shop's orders read from Shopify at start) to complete: a test that then
 * places its own orders sees them arrive by webhook, not snapshotted by that import.
 */
export function waitForCatchUpImport(db: PrismaClient, shop: string) {
  return waitFor(
    () => db.jobRun.findMany({ where: { shop, kind: "import-orders", trigger: "built-in" } }),
    (runs) => runs.some((run) => run.status === "completed"),
    60_000,
    "the worker's catch-up import",
  );
}

/** A worker in sandbox mode on a test database, talking to the Shopify emulator; resolves once it takes jobs. */
export async function startSandboxWorker(
  id: string,
  settings: { databaseUrl: string; encryptionKey: string; shopifyUrl: string; env?: Environment },
): Promise<WorkerProcess> {
  const worker = spawnWorker(id, {
    DATABASE_URL: settings.databaseUrl,
    MONGODB_URL: "",
    PONTE_ENCRYPTION_KEY: settings.encryptionKey,
    PONTE_SANDBOX: "1",
    PONTE_SANDBOX_SHOPIFY_URL: settings.shopifyUrl,
    ...settings.env,
  });
  try {
    await worker.waitForOutput(/started \(jobs on postgres\)/);
  } catch (error) {
    // A worker that never started is not left running behind the failed test.
    await worker.terminate();
    throw error;
  }
  return worker;
}
