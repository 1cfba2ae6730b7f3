// GIVEN a real database
// WHEN runs of a job start, overlap, are cancelled, fail, or lose their worker
// THEN each run is recorded with outcome, counts and log; the same kind never runs twice at once for a shop;
//      Cancel ends a long run as cancelled; a run whose worker died is given up once its lease expires
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import {
  listRuns,
  pruneRuns,
  queueRun,
  recordSkippedRun,
  recoverStaleRuns,
  requestCancel,
  RunAlreadyRunning,
  runTracked,
  WORKER_STOPPED,
  runLog,
  type FinishedRun,
} from "../../app/services/runs/job-runs.server";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

let db: PrismaClient;
beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("job-runs"));
});
afterAll(() => db.$disconnect());

const until = async (probe: () => Promise<boolean>) => {
  for (let tries = 0; tries < 200 && !(await probe()); tries++) await new Promise((resolve) => setTimeout(resolve, 50));
};

describe("job runs", () => {
  it("records a completed run with its counts, progress and log", async () => {
    const outcome = await runTracked(db, { shop: shopDomain("a.myshopify.com"), kind: "customers-sync", trigger: "manual" }, async (run) => {
      await run.log("Reading customers");
      await run.progress(50, { read: 10 });
      return { read: 20, updated: 3 };
    });
    expect(outcome).toMatchObject({ status: "completed", counts: { read: 20, updated: 3 } });
    const [run] = await listRuns(db, shopDomain("a.myshopify.com"), { kind: "customers-sync" });
    expect(run).toMatchObject({ status: "completed", trigger: "manual", progress: 100, counts: { read: 20, updated: 3 }, error: null });
    expect(run!.finishedAt).not.toBeNull();
    expect((await runLog(db, run!.id)).map((entry) => entry.message)).toEqual([
      "Started (manual).",
      "Reading customers",
      "Completed: 20 read, 3 updated",
    ]);
  });

  it("refuses a second run of the same kind for the same shop while one runs; another shop or kind may run", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runTracked(db, { shop: shopDomain("b.myshopify.com"), kind: "erp-statuses", trigger: "built-in" }, async () => {
      await held;
      return {};
    });
    await until(async () => (await listRuns(db, shopDomain("b.myshopify.com"), { status: "running" })).length === 1);
    await expect(
      runTracked(db, { shop: shopDomain("b.myshopify.com"), kind: "erp-statuses", trigger: "manual" }, async () => ({})),
    ).rejects.toBeInstanceOf(RunAlreadyRunning);
    await expect(
      runTracked(db, { shop: shopDomain("c.myshopify.com"), kind: "erp-statuses", trigger: "manual" }, async () => ({})),
    ).resolves.toMatchObject({
      status: "completed",
    });
    await expect(
      runTracked(db, { shop: shopDomain("b.myshopify.com"), kind: "customers-sync", trigger: "manual" }, async () => ({})),
    ).resolves.toMatchObject({
      status: "completed",
    });
    release();
    await expect(first).resolves.toMatchObject({ status: "completed" });
    // Once it ended, the kind may run again.
    await expect(
      runTracked(db, { shop: shopDomain("b.myshopify.com"), kind: "erp-statuses", trigger: "manual" }, async () => ({})),
    ).resolves.toMatchObject({
      status: "completed",
    });
  });

  it("ends a long run as cancelled at its next check once Cancel is pressed", async () => {
    const shop = shopDomain("d.myshopify.com");
    let units = 0;
    const running = runTracked(db, { shop, kind: "full-resync", trigger: "manual" }, async (run) => {
      for (;;) {
        await run.checkCancelled();
        units++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await until(async () => units > 3);
    const [run] = await listRuns(db, shop, { status: "running" });
    expect(await requestCancel(db, shop, run!.id)).toBe(true);
    await expect(running).resolves.toMatchObject({ status: "cancelled" });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: run!.id } })).toMatchObject({ status: "cancelled", error: null });
    expect(await requestCancel(db, shop, run!.id)).toBe(false);
  });

  it("records a failure with its reason", async () => {
    await expect(
      runTracked(db, { shop: shopDomain("e.myshopify.com"), kind: "customers-sync", trigger: "schedule" }, async () =>
        Promise.reject(new Error("ERP down")),
      ),
    ).rejects.toThrow("ERP down");
    expect((await listRuns(db, shopDomain("e.myshopify.com")))[0]).toMatchObject({ status: "failed", error: "ERP down" });
  });

  it("gives up a run whose worker died once its lease expires, and lets the kind run again", async () => {
    const shop = shopDomain("f.myshopify.com");
    // A worker took the lease and died: nothing renews it.
    await db.jobLease.create({
      data: { shop, kind: "erp-statuses", runId: "00000000-0000-4000-8000-000000000001", expiresAt: new Date(Date.now() - 1000) },
    });
    await db.jobRun.create({
      data: { id: "00000000-0000-4000-8000-000000000001", shop, kind: "erp-statuses", trigger: "built-in", status: "running" },
    });
    expect(await recoverStaleRuns(db)).toEqual([
      { id: "00000000-0000-4000-8000-000000000001", shop, kind: "erp-statuses", trigger: "built-in", status: "failed", error: WORKER_STOPPED },
    ]);
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: "00000000-0000-4000-8000-000000000001" } })).toMatchObject({
      status: "failed",
      error: WORKER_STOPPED,
    });
    await expect(runTracked(db, { shop, kind: "erp-statuses", trigger: "built-in" }, async () => ({ checked: 1 }))).resolves.toMatchObject({
      status: "completed",
    });
  });

  it("keeps a long run's lease alive while it works, so it is never taken over", async () => {
    const shop = shopDomain("g.myshopify.com");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = runTracked(db, { shop, kind: "product-refresh", trigger: "built-in", leaseMs: 1500 }, async () => {
      await held;
      return {};
    });
    await until(async () => (await listRuns(db, shop, { status: "running" })).length === 1);
    // Well past the lease's first lifetime, it is still held: renewed by the run.
    const lease = await db.jobLease.findUniqueOrThrow({ where: { shop_kind: { shop, kind: "product-refresh" } } });
    await until(
      async () =>
        (await db.jobLease.findUniqueOrThrow({ where: { shop_kind: { shop, kind: "product-refresh" } } })).expiresAt >
        new Date(lease.expiresAt.getTime() + 1000),
    );
    expect(await recoverStaleRuns(db)).toEqual([]);
    await expect(runTracked(db, { shop, kind: "product-refresh", trigger: "manual" }, async () => ({}))).rejects.toBeInstanceOf(RunAlreadyRunning);
    release();
    await expect(first).resolves.toMatchObject({ status: "completed" });
  });

  it("takes over the queued run the merchant's play button made, and keeps the queue's lock alive while it works", async () => {
    const shop = shopDomain("h.myshopify.com");
    const queued = await queueRun(db, { shop, kind: "customers-sync", trigger: "manual" });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: queued } })).toMatchObject({ status: "queued", finishedAt: null });
    let touches = 0;
    const finished: FinishedRun[] = [];
    const outcome = await runTracked(
      db,
      {
        shop,
        kind: "customers-sync",
        trigger: "manual",
        queuedRunId: queued,
        leaseMs: 1500,
        keepAlive: async () => void touches++,
        onFinished: async (run) => void finished.push(run),
      },
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 1800));
        return { read: 1 };
      },
    );
    expect(outcome).toMatchObject({ id: queued, status: "completed" });
    expect(touches).toBeGreaterThan(0);
    expect(finished).toEqual([
      { id: queued, shop, kind: "customers-sync", status: "completed", error: null, trigger: "manual", counts: { read: 1 }, mailWhenFinished: false },
    ]);
    const runs = await listRuns(db, shop);
    expect(runs).toHaveLength(1);
    expect((await runLog(db, runs[0]!.id)).map((entry) => entry.message)).toEqual(["Queued.", "Started (manual).", "Completed: 1 read"]);
  });

  it("records a run that could not happen as skipped, with its reason, in the queued row when there is one", async () => {
    const shop = shopDomain("i.myshopify.com");
    const fresh = await recordSkippedRun(db, { shop, kind: "import-orders", trigger: "schedule" }, "Import orders was already running for this shop");
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: fresh } })).toMatchObject({
      status: "skipped",
      trigger: "schedule",
      error: "Import orders was already running for this shop",
    });
    const queued = await queueRun(db, { shop, kind: "erp-statuses", trigger: "manual" });
    expect(await recordSkippedRun(db, { shop, kind: "erp-statuses", trigger: "manual", queuedRunId: queued }, "no ERP is connected")).toBe(queued);
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: queued } })).toMatchObject({ status: "skipped", error: "no ERP is connected" });
    expect(await listRuns(db, shop)).toHaveLength(2);
  });

  it("prunes runs that went well after 90 days and failures after a year", async () => {
    const shop = shopDomain("j.myshopify.com");
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
    const make = (status: string, days: number) =>
      db.jobRun.create({ data: { shop, kind: "import-orders", trigger: "built-in", status, startedAt: daysAgo(days) } });
    await make("completed", 91);
    await make("skipped", 100);
    await make("completed", 89);
    await make("failed", 200);
    await make("failed", 366);
    expect(await pruneRuns(db)).toBeGreaterThanOrEqual(3);
    const left = await listRuns(db, shop);
    expect(left.map((run) => `${run.status}`).sort()).toEqual(["completed", "failed"]);
  });
});
