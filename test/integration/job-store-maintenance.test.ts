// GIVEN the PostgreSQL job store prepared as every Ponte process prepares it, holding a long history of finished jobs
// WHEN a webhook's job is checked for uniqueness the way Agenda checks it, and the daily pruning runs
// THEN the check is an index lookup, not a scan of the history; finished one-off jobs go after their retention,
//      failed ones after theirs, and nothing repeating, pending or running is touched
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { JOBS_TABLE } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { jobRetention, pruneFinishedJobs, UNIQUE_JOB_KEYS } from "../../app/services/jobs/job-store-maintenance.server";
import { createTestDatabase } from "../support/test-database";

let url: string;
let client: pg.Client;
beforeAll(async () => {
  url = await createTestDatabase("job_store");
  client = new pg.Client(poolConfigFromUrl(url));
  await client.connect();
});
afterAll(() => client.end());

const planOf = async (sql: string, params: unknown[]): Promise<string> => {
  const { rows } = await client.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  return JSON.stringify(rows[0]!["QUERY PLAN"]);
};

describe("the job store", () => {
  it("has an index for each key Ponte's unique jobs are checked by", async () => {
    const { rows } = await client.query<{ indexname: string }>("select indexname from pg_indexes where tablename = $1", [JOBS_TABLE]);
    for (const key of UNIQUE_JOB_KEYS) expect(rows.map((row) => row.indexname)).toContain(`${JOBS_TABLE}_data_${key}_idx`);
  });

  it("finds an order's export job among 50,000 finished ones through the index, as Agenda's unique check asks for it", async () => {
    await client.query(
      `insert into "${JOBS_TABLE}" (name, data, last_finished_at)
       select $1, jsonb_build_object('shop', 'a.myshopify.com', 'orderId', 'gid://shopify/Order/' || n), now() - interval '3 days'
         from generate_series(1, 50000) n`,
      [JobNames.exportOrder],
    );
    await client.query(`analyze "${JOBS_TABLE}"`);
    // Agenda's own query (PostgresJobRepository): the JSON keys are bound parameters.
    const plan = await planOf(`select * from "${JOBS_TABLE}" where name = $1 and data->>$2 = $3 and data->>$4 = $5 limit 1`, [
      JobNames.exportOrder,
      "shop",
      "a.myshopify.com",
      "orderId",
      "gid://shopify/Order/31337",
    ]);
    expect(plan).toContain(`${JOBS_TABLE}_data_orderId_idx`);
    expect(plan).not.toContain("Seq Scan");
  });

  it("prunes finished one-off jobs after a day and failed ones after 30 days, and leaves every other job alone", async () => {
    await client.query(`delete from "${JOBS_TABLE}"`);
    const now = new Date("2026-12-01T12:00:00Z");
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    const jobs: Array<[label: string, columns: Record<string, unknown>]> = [
      ["completed 2 days ago", { last_finished_at: hoursAgo(48) }],
      ["completed 1 hour ago", { last_finished_at: hoursAgo(1) }],
      ["failed 2 days ago", { last_finished_at: hoursAgo(48), failed_at: hoursAgo(48) }],
      ["failed 40 days ago", { last_finished_at: hoursAgo(40 * 24), failed_at: hoursAgo(40 * 24) }],
      ["repeating, last run 2 days ago", { last_finished_at: hoursAgo(48), repeat_interval: "5 minutes", next_run_at: hoursAgo(-1) }],
      ["retrying after a failure", { last_finished_at: hoursAgo(48), failed_at: hoursAgo(48), next_run_at: hoursAgo(-1) }],
      ["running", { last_finished_at: hoursAgo(48), locked_at: hoursAgo(0) }],
      ["never run", {}],
    ];
    for (const [label, columns] of jobs) {
      const names = ["name", "data", ...Object.keys(columns)];
      const values = [JobNames.exportOrder, JSON.stringify({ label }), ...Object.values(columns)];
      await client.query(`insert into "${JOBS_TABLE}" (${names.join(", ")}) values (${names.map((_, i) => `$${i + 1}`).join(", ")})`, values);
    }
    const db = createPrismaClient(url);
    try {
      expect(await pruneFinishedJobs(db, { finishedHours: 24, failedDays: 30 }, now)).toBe(2);
    } finally {
      await db.$disconnect();
    }
    const { rows } = await client.query<{ label: string }>(`select data->>'label' as label from "${JOBS_TABLE}" order by 1`);
    expect(rows.map((row) => row.label)).toEqual(
      ["completed 1 hour ago", "failed 2 days ago", "never run", "repeating, last run 2 days ago", "retrying after a failure", "running"].sort(),
    );
  });

  it("reads its retention from the environment, refusing what is not a whole number of hours or days", () => {
    expect(jobRetention({})).toEqual({ finishedHours: 24, failedDays: 30 });
    expect(jobRetention({ PONTE_JOBS_RETENTION_HOURS: "6", PONTE_FAILED_JOBS_RETENTION_DAYS: "7" })).toEqual({ finishedHours: 6, failedDays: 7 });
    expect(() => jobRetention({ PONTE_JOBS_RETENTION_HOURS: "1.5" })).toThrow(/PONTE_JOBS_RETENTION_HOURS must be a whole number of hours/);
  });
});
