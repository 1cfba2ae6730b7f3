// The MongoDB job store runs only where a real MongoDB is given (MONGODB_URL):
// none can be had on Ponte's build machines, so elsewhere this is reported skipped.
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { newWorkerProbe } from "../../app/services/workers/worker-probe.server";
import { createTestDatabase } from "../support/test-database";
import { spawnWorker, waitFor, type WorkerProcess } from "../support/worker-processes";
import { shopDomain } from "../../app/services/ids";

const mongodbUrl = process.env.MONGODB_URL;

describe.skipIf(!mongodbUrl)("worker processes with jobs on MongoDB (MONGODB_URL)", () => {
  let databaseUrl: string;
  let db: PrismaClient;
  let queue: Agenda;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase("mongo_workers");
    db = createPrismaClient(databaseUrl);
    queue = createAgenda({ databaseUrl, mongodbUrl, name: "test-producer" });
    await queue.ready;
    await queue.cancel({ name: JobNames.workerProbe });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.terminate()));
    await queue?.stop(true).catch(() => {});
    await db?.$disconnect();
  });

  it("runs each of 30 queued jobs exactly once across two workers", async () => {
    const env = { DATABASE_URL: databaseUrl, MONGODB_URL: mongodbUrl };
    workers.push(spawnWorker("mongo-a", env), spawnWorker("mongo-b", env));
    await Promise.all(workers.map((worker) => worker.waitForOutput(/started \(jobs on mongodb\)/)));
    const probes = Array.from({ length: 30 }, () => newWorkerProbe(shopDomain("mongo.myshopify.com"), 100));
    await Promise.all(probes.map((probe) => queue.now(JobNames.workerProbe, probe)));
    await waitFor(
      () => db.workerProbeRun.count({ where: { shop: "mongo.myshopify.com" } }),
      (n) => n >= 30,
      90_000,
      "30 probe runs",
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const runs = await db.workerProbeRun.findMany({ where: { shop: "mongo.myshopify.com" } });
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((run) => run.probeId)).size).toBe(30);
  });
});
