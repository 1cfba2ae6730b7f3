/**
 * A worker's CPU priority reaches its database work too. A worker runs at a lower priority than the app server
 * (worker-priority.server.ts), but most of an order's export is PostgreSQL's work, done by the backend process that
 * serves each of the worker's connections, at the database's own priority: in a flash sale those backends took the
 * cores from the backends answering Shopify's webhooks. With the embedded PostgreSQL (the same machine, the same
 * user or root), the worker names its connections (application_name, through PGAPPNAME, which every pg client of the
 * process reads) and gives the backends serving them the worker's own niceness, looking for new ones every few
 * seconds. A database elsewhere is left alone: its processes are not this machine's to change.
 */
import os from "node:os";
import type pg from "pg";

export const WORKER_APPLICATION_NAME = "ponte-worker";

/** Names every later connection of this process as the worker's (call before any connection is made). */
export function nameWorkerConnections(env: NodeJS.ProcessEnv = process.env): void {
  env.PGAPPNAME = WORKER_APPLICATION_NAME;
}

export interface BackendPriority {
  /** Backends given the worker's niceness so far. */
  lowered(): number;
  stop(): void;
}

/** Every `everyMs`, gives each backend serving a worker connection (any worker's) the niceness `nice`. */
export function lowerWorkerBackends(pool: pg.Pool, nice: number, everyMs = 5_000, log: (line: string) => void = () => {}): BackendPriority {
  const done = new Set<number>();
  let warned = false;
  let told = false;
  const pass = async () => {
    const { rows } = await pool.query<{ pid: number }>(
      "select pid from pg_stat_activity where application_name = $1 and backend_type = 'client backend'",
      [WORKER_APPLICATION_NAME],
    );
    const alive = new Set(rows.map((row) => row.pid));
    for (const pid of done) if (!alive.has(pid)) done.delete(pid);
    for (const pid of alive) {
      if (done.has(pid)) continue;
      try {
        if (os.getPriority(pid) < nice) os.setPriority(pid, nice);
        done.add(pid);
        if (!told) log(`database backends serving workers run at niceness ${nice}`);
        told = true;
      } catch (error) {
        // Not ours to change (another user without root) or already gone: left as it is, said once.
        if (!warned && (error as NodeJS.ErrnoException).code !== "ESRCH") log(`database backends keep their priority: ${(error as Error).message}`);
        warned = true;
        done.add(pid);
      }
    }
  };
  let running = pass().catch(() => {});
  const timer = setInterval(() => {
    running = running.then(pass).catch(() => {});
  }, everyMs);
  timer.unref();
  return { lowered: () => done.size, stop: () => clearInterval(timer) };
}
