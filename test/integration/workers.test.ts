// GIVEN two worker processes over one database
// WHEN 50 jobs are queued
// THEN each job runs exactly once, and a SIGTERM drains a running job before the worker stops
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { newWorkerProbe } from "../../app/services/workers/worker-probe.server";
import { createTestDatabase } from "../support/test-database";
import { spawnWorker, waitFor, type WorkerProcess } from "../support/worker-processes";
import { shopDomain } from "../../app/services/ids";

describe("worker processes on PostgreSQL", () => {
  let databaseUrl: string;
  let db: PrismaClient;
  let queue: Agenda;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase("workers");
    db = createPrismaClient(databaseUrl);
    queue = createAgenda({ databaseUrl, name: "test-producer" });
    await queue.ready;
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await queue.stop(true).catch(() => {});
    await db.$disconnect();
  });

  it("runs each of 50 queued jobs exactly once across two workers", async () => {
    const env = { DATABASE_URL: databaseUrl, MONGODB_URL: "" };
    workers.push(spawnWorker("worker-a", env), spawnWorker("worker-b", env));
    await Promise.all(workers.map((worker) => worker.waitForOutput(/started \(jobs on postgres\)/)));

    const probes = Array.from({ length: 50 }, () => newWorkerProbe(shopDomain("two-workers.myshopify.com"), 150));
    await Promise.all(probes.map((probe) => queue.now(JobNames.workerProbe, probe)));

    await waitFor(
      () => db.workerProbeRun.count({ where: { shop: "two-workers.myshopify.com" } }),
      (n) => n >= 50,
      90_000,
      "50 probe runs",
    );
    // Give a duplicate execution, if there were one, time to show up.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const runs = await db.workerProbeRun.findMany({ where: { shop: "two-workers.myshopify.com" } });
    expect(runs).toHaveLength(50);
    const perProbe = new Map<string, number>();
    for (const run of runs) perProbe.set(run.probeId, (perProbe.get(run.probeId) ?? 0) + 1);
    expect([...perProbe.keys()].sort()).toEqual(probes.map((probe) => probe.probeId).sort());
    expect([...perProbe.values()].every((count) => count === 1)).toBe(true);
    // Both processes took part.
    expect(new Set(runs.map((run) => run.workerId))).toEqual(new Set(["worker-a", "worker-b"]));

    const live = await db.workerHeartbeat.findMany({ where: { stoppedAt: null } });
    expect(live.map((worker) => worker.workerId).sort()).toEqual(["worker-a", "worker-b"]);
  });

  it("drains a running job on SIGTERM: the job finishes, then the worker exits cleanly", async () => {
    const worker = workers[0]!;
    const probe = newWorkerProbe(shopDomain("drain.myshopify.com"), 4000);
    await queue.now(JobNames.workerProbe, probe);

    // Wait until a worker has started running the job (Agenda stamps last_run_at when it starts;
    // a job only locked, not yet started, is handed back at shutdown, which is right too).
    const jobs = new pg.Pool({ ...poolConfigFromUrl(databaseUrl), max: 1 });
    await waitFor(
      async () =>
        (
          await jobs.query(
            "select last_modified_by from agenda_jobs where data->>'probeId' = $1 and locked_at is not null and last_run_at is not null",
            [probe.probeId],
          )
        ).rows[0]?.last_modified_by as string | undefined,
      (owner) => owner !== undefined,
      30_000,
      "the job to start",
    );
    await jobs.end();
    // Stop both workers: whichever holds the job must finish it first.
    const codes = await Promise.all(workers.map((w) => w.terminate()));
    expect(codes).toEqual([0, 0]);
    const run = await db.workerProbeRun.findFirst({ where: { probeId: probe.probeId } });
    expect(run, `output:\n${worker.output()}`).not.toBeNull();
    expect(workers.map((w) => w.output()).join("\n")).toMatch(/stopped/);
    const stopped = await db.workerHeartbeat.findMany({ where: { workerId: { in: ["worker-a", "worker-b"] } } });
    expect(stopped.every((row) => row.stoppedAt !== null)).toBe(true);
  });
});
