// GIVEN a real database and Agenda's job store
// WHEN merchant schedules are saved, switched off and on, and deleted
// THEN each schedule is its own Agenda job set for its next run (two with the same actions never collapse),
//      a disabled or deleted schedule has no job, and a bad form is refused with the reason
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { syncScheduleJob } from "../../app/services/jobs/shop-jobs.server";
import { nextRuns } from "../../app/services/schedules/recurrence";
import { deleteSchedule, listSchedules, saveSchedule, setScheduleEnabled } from "../../app/services/schedules/schedules.server";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain("schedules.myshopify.com");
let db: PrismaClient;
let queue: Agenda;

beforeAll(async () => {
  const url = await createTestDatabase("schedules");
  db = createPrismaClient(url);
  queue = createAgenda({ databaseUrl: url, name: "schedules-test" });
  await queue.ready;
});
afterAll(async () => {
  await queue.stop(true).catch(() => {});
  await db.$disconnect();
});

const jobsOf = async () => (await queue.queryJobs({ name: JobNames.runSchedule })).jobs.filter((job) => (job.data as { shop: string }).shop === shop);
const form = (name: string, times: string[]) => ({
  name,
  actions: ["import-orders", "sync-statuses"],
  when: { frequency: "weekly", weekdays: ["MO", "FR"], times, timeZone: "Europe/Rome" },
});

describe("merchant schedules", () => {
  it("gives each schedule its own job at its next run, even two with the same actions", async () => {
    const morning = await saveSchedule(db, shop, form("Morning", ["07:00"]));
    const evening = await saveSchedule(db, shop, form("Evening", ["18:30"]));
    for (const schedule of [morning, evening]) await syncScheduleJob(queue, shop, schedule);
    const jobs = await jobsOf();
    expect(jobs).toHaveLength(2);
    for (const schedule of [morning, evening]) {
      const job = jobs.find((j) => (j.data as { scheduleId: string }).scheduleId === schedule.id)!;
      expect(job.nextRunAt?.toISOString()).toBe(schedule.nextRun);
      expect(schedule.nextRun).toBe(nextRuns(schedule.when, new Date(), 1)[0]!.toISOString());
    }
    // Saving again moves the same job, it does not add one.
    const edited = await saveSchedule(db, shop, form("Morning", ["06:00"]), morning.id);
    await syncScheduleJob(queue, shop, edited);
    expect(await jobsOf()).toHaveLength(2);
    expect((await jobsOf()).find((j) => (j.data as { scheduleId: string }).scheduleId === morning.id)?.nextRunAt?.toISOString()).toBe(edited.nextRun);
  });

  it("keeps a sale point filter for a schedule that pushes stock, and drops it from one that does not", async () => {
    const when = { frequency: "daily", times: ["12:00"], timeZone: "Europe/Rome" };
    const stock = await saveSchedule(db, shopDomain("filters.myshopify.com"), {
      name: "Noon stock",
      actions: ["push-stock"],
      when,
      salePointIds: ["101", "103"],
    });
    expect(stock.salePointIds).toEqual(["101", "103"]);
    const orders = await saveSchedule(db, shopDomain("filters.myshopify.com"), {
      name: "Noon orders",
      actions: ["import-orders"],
      when,
      salePointIds: ["101"],
    });
    expect(orders.salePointIds).toEqual([]);
  });

  it("removes the job of a disabled or deleted schedule, and sets it again when enabled", async () => {
    const [morning, evening] = await listSchedules(db, shop);
    await syncScheduleJob(queue, shop, await setScheduleEnabled(db, shop, morning!.id, false));
    expect((await jobsOf()).map((j) => (j.data as { scheduleId: string }).scheduleId)).toEqual([evening!.id]);
    await syncScheduleJob(queue, shop, await setScheduleEnabled(db, shop, morning!.id, true));
    expect(await jobsOf()).toHaveLength(2);
    await deleteSchedule(db, shop, evening!.id);
    await syncScheduleJob(queue, shop, { id: evening!.id, deleted: true });
    expect((await jobsOf()).map((j) => (j.data as { scheduleId: string }).scheduleId)).toEqual([morning!.id]);
    expect(await listSchedules(db, shop)).toHaveLength(1);
  });

  it("refuses a schedule without a name, an action or a day, saying which", async () => {
    const error = await saveSchedule(db, shop, {
      name: "",
      actions: [],
      when: { frequency: "weekly", times: ["09:00"], timeZone: "Europe/Rome" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(["errors.schedules.name", "errors.schedules.noAction", "errors.schedules.noWeekday"]),
    );
  });
});
