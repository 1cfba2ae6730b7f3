// GIVEN a worker at a lower CPU priority, on the embedded PostgreSQL (this machine's processes)
// WHEN its connections are named as the worker's and the backend priority watch runs
// THEN each PostgreSQL backend serving a worker connection runs at the worker's niceness, one opened later too, and
//      a backend serving anyone else (the app server answering webhooks) keeps its priority
import os from "node:os";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";
import { lowerWorkerBackends, WORKER_APPLICATION_NAME } from "../../app/services/workers/worker-backend-priority.server";
import { createTestDatabase } from "../support/test-database";

let url: string;
const pools: pg.Pool[] = [];
const poolAs = (applicationName: string) => {
  const pool = new pg.Pool({ ...poolConfigFromUrl(url), application_name: applicationName, max: 3 });
  pools.push(pool);
  return pool;
};
const backendOf = async (client: pg.PoolClient) => (await client.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;

beforeAll(async () => {
  url = await createTestDatabase("worker-backend-priority");
});
afterAll(async () => {
  for (const pool of pools) await pool.end();
});

describe("the worker's database backends", () => {
  it("run at the worker's niceness; anyone else's keep theirs", async () => {
    const worker = poolAs(WORKER_APPLICATION_NAME);
    const door = poolAs("ponte-app");
    const first = await worker.connect();
    const other = await door.connect();
    const [firstPid, otherPid] = [await backendOf(first), await backendOf(other)];
    const otherBefore = os.getPriority(otherPid);
    const lines: string[] = [];
    const watch = lowerWorkerBackends(worker, 7, 50, (line) => lines.push(line));
    try {
      await expect.poll(() => os.getPriority(firstPid), { timeout: 10_000 }).toBe(Math.max(7, otherBefore));
      // A connection the worker opens later is found by the next look.
      const later = await worker.connect();
      const laterPid = await backendOf(later);
      await expect.poll(() => os.getPriority(laterPid), { timeout: 10_000 }).toBe(Math.max(7, otherBefore));
      expect(os.getPriority(otherPid)).toBe(otherBefore);
      expect(lines).toEqual(["database backends serving workers run at niceness 7"]);
      later.release();
    } finally {
      watch.stop();
      first.release();
      other.release();
    }
  });
});
