// GIVEN a real database and Agenda's job store, a shop with its built-in jobs and an ERP connected
// WHEN the merchant lists the jobs, pauses one, changes its interval, presses play while a run of its kind goes,
//      or a schedule starts an action whose kind is already running
// THEN only jobs with work to do are listed, with their interval, next run and state; a paused job stays paused
//      through an interval change; play is refused with a clear message while the kind runs, else makes a queued run;
//      a scheduled start while the kind runs is recorded as a skipped run with its reason
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveCatalogSettings } from "../../app/services/catalog/catalog-settings.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { listBuiltInJobs, saveJobSettings, startRunNow } from "../../app/services/jobs/built-in-jobs.server";
import { ensureShopJobs, setBuiltInJobPaused } from "../../app/services/jobs/shop-jobs.server";
import { listRuns, RunAlreadyRunning, runTracked } from "../../app/services/runs/job-runs.server";
import { alreadyRunningMessage } from "../../app/services/forms/merchant-errors";
import { startScheduleNow } from "../../app/services/schedules/run-schedule-now.server";
import { saveSchedule } from "../../app/services/schedules/schedules.server";
import { runAction, type ActionDependencies } from "../../app/services/sync/tracked-actions.server";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { testActionDependencies } from "../support/action-dependencies";
import { createTestDatabase } from "../support/test-database";
import { type ShopDomain, shopDomain } from "../../app/services/ids";

const key = Buffer.alloc(32, 9).toString("base64");
let db: PrismaClient;
let queue: Agenda;
let actions: ActionDependencies;

beforeAll(async () => {
  const url = await createTestDatabase("built-in-jobs");
  db = createPrismaClient(url);
  queue = createAgenda({ databaseUrl: url, name: "built-in-jobs-test" });
  await queue.ready;
  actions = testActionDependencies(db, key);
});
afterAll(async () => {
  await queue.stop(true).catch(() => {});
  await db.$disconnect();
});

/** Holds a run of the kind for the shop until released, as a worker in the middle of one does. */
function holdRun(shop: ShopDomain, kind: string) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const done = runTracked(db, { shop, kind, trigger: "built-in" }, async () => {
    started();
    await held;
    return {};
  });
  return { running, release: async () => (release(), await done) };
}

describe("the Jobs page's work", () => {
  it("lists only the jobs with work to do, and keeps a paused job paused through an interval change", async () => {
    const shop = shopDomain("jobs.myshopify.com");
    await ensureShopJobs(queue, shop);
    expect((await listBuiltInJobs(db, queue, shop)).map((job) => job.kind)).toEqual(["import-orders"]);

    await saveErpConnection(db, new SecretBox(key), shop, { kind: "http", url: "http://127.0.0.1:9", secret: "k" });
    const jobs = await listBuiltInJobs(db, queue, shop);
    expect(jobs.map((job) => [job.kind, job.everyMinutes, job.paused])).toEqual([
      ["import-orders", 5, false],
      ["erp-statuses", 10, false],
      ["customers-sync", 60, false],
    ]);
    expect(jobs.every((job) => job.nextRunAt !== null && job.lastRun === null && job.runningRunId === null)).toBe(true);

    expect(await setBuiltInJobPaused(queue, shop, "erp-statuses", true)).toBe(1);
    await saveJobSettings(db, queue, shop, { statusSyncMinutes: "30", customerSyncMinutes: "120", alertEmail: "" });
    const after = await listBuiltInJobs(db, queue, shop);
    expect(after.find((job) => job.kind === "erp-statuses")).toMatchObject({ everyMinutes: 30, paused: true, nextRunAt: null });
    expect(after.find((job) => job.kind === "customers-sync")).toMatchObject({ everyMinutes: 120, paused: false });
    // Still one job per kind: the change moved the shop's job, it did not add one.
    expect((await queue.queryJobs({ name: JobNames.syncErpStatuses, data: { shop } })).jobs).toHaveLength(1);

    await setBuiltInJobPaused(queue, shop, "erp-statuses", false);
    expect((await listBuiltInJobs(db, queue, shop)).find((job) => job.kind === "erp-statuses")).toMatchObject({
      everyMinutes: 30,
      paused: false,
      nextRunAt: expect.any(String),
    });
    // With no POS, the catalog's jobs have work once products and stock come from the ERP.
    await saveCatalogSettings(db, shop, { productSource: "erp", stockSource: "erp" });
    expect((await listBuiltInJobs(db, queue, shop)).map((job) => job.kind)).toEqual([
      "import-orders",
      "erp-statuses",
      "customers-sync",
      "stock-push",
      "product-refresh",
    ]);
    await expect(saveJobSettings(db, queue, shop, { statusSyncMinutes: "7", customerSyncMinutes: "60", alertEmail: "not an email" })).rejects.toThrow(
      /how often ERP statuses|email/,
    );
  });

  it("refuses play with a clear message while a run of the kind goes, and queues a run when it is free", async () => {
    const shop = shopDomain("play.myshopify.com");
    const held = holdRun(shop, "customers-sync");
    await held.running;
    const refused = await startRunNow(db, queue, shop, "customers-sync").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RunAlreadyRunning);
    expect(alreadyRunningMessage(refused as RunAlreadyRunning)).toBe(
      "Sync customers is already running for this shop; it was not started twice. Try again once it has finished.",
    );
    expect(await listRuns(db, shop)).toHaveLength(1);
    await held.release();

    const runId = await startRunNow(db, queue, shop, "customers-sync");
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "queued",
      trigger: "manual",
      kind: "customers-sync",
    });
    expect((await queue.queryJobs({ name: JobNames.runNow, data: { shop, runId } })).jobs).toHaveLength(1);
  });

  it("refuses a schedule's Run now while one of its actions' kinds runs", async () => {
    const shop = shopDomain("schedule-play.myshopify.com");
    const schedule = await saveSchedule(db, shop, {
      name: "Morning",
      actions: ["import-orders", "sync-statuses"],
      when: { frequency: "daily", times: ["07:00"], timeZone: "Europe/Rome" },
    });
    const held = holdRun(shop, "erp-statuses");
    await held.running;
    await expect(startScheduleNow(db, queue, shop, schedule.id)).rejects.toBeInstanceOf(RunAlreadyRunning);
    await held.release();
    const runs = await startScheduleNow(db, queue, shop, schedule.id);
    expect(runs.map((run) => [run.kind, run.label])).toEqual([
      ["import-orders", "Import orders"],
      ["erp-statuses", "Sync statuses"],
    ]);
  });

  it("records a scheduled start as skipped while the kind runs, and a queued run of a system not connected as skipped", async () => {
    const shop = shopDomain("skip.myshopify.com");
    const held = holdRun(shop, "import-orders");
    await held.running;
    await runAction(actions, shop, "import-orders", { trigger: "schedule" });
    await held.release();
    const [skipped] = await listRuns(db, shop, { status: "skipped" });
    expect(skipped).toMatchObject({ kind: "import-orders", trigger: "schedule", error: "Import orders was already running for this shop" });

    const runId = await startRunNow(db, queue, shop, "pos-dispatch");
    await runAction(actions, shop, "pos-dispatch", { trigger: "manual", queuedRunId: runId });
    expect(await db.jobRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "skipped", error: "no POS is connected" });
    // Started by a job, the same does nothing and records nothing.
    await runAction(actions, shop, "pos-dispatch", { trigger: "built-in" });
    expect(await listRuns(db, shop, { kind: "pos-dispatch" })).toHaveLength(1);
  });
});
