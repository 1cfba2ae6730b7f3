import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepareDatabase } from "../../app/services/database/prepare-database.server";
import { queryRows } from "../support/postgres-queries";
import { createTestDatabase } from "../support/test-database";

const migrationsRoot = path.resolve(import.meta.dirname, "../../prisma/migrations");
const migrationDirs = readdirSync(path.resolve(import.meta.dirname, "../../prisma/migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("database preparation", () => {
  it("applies every committed migration with prisma migrate deploy, offline", async () => {
    const url = await createTestDatabase("migrations", { blank: true });
    const lines: string[] = [];
    await prepareDatabase({ databaseUrl: url }, (line) => lines.push(line));
    expect(lines.join("\n")).toMatch(/migrations: applied/);
    const applied = await queryRows(url, "select migration_name from _prisma_migrations where finished_at is not null order by migration_name");
    expect(applied.map((row) => row.migration_name)).toEqual(migrationDirs);
    const tables = await queryRows(url, "select table_name from information_schema.tables where table_schema = 'public'");
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(["Session", "Shop", "WebhookEvent", "WorkerHeartbeat", "WorkerProbeRun", "agenda_jobs"]),
    );
  });

  it("lets several processes prepare one database at the same time", async () => {
    const url = await createTestDatabase("concurrent_prepare", { blank: true });
    const store = { databaseUrl: url };
    await expect(Promise.all([prepareDatabase(store), prepareDatabase(store), prepareDatabase(store)])).resolves.toBeDefined();
    const applied = await queryRows(url, "select count(*)::int as n from _prisma_migrations");
    expect(applied[0].n).toBe(migrationDirs.length);
  });

  it("does not run prisma again when every migration is applied", async () => {
    const url = await createTestDatabase("up_to_date");
    const lines: string[] = [];
    await prepareDatabase({ databaseUrl: url }, (line) => lines.push(line));
    expect(lines).toEqual(["migrations: up to date"]);
  });

  it("makes a shop's one ERP its main ERP when several ERPs arrive, keeping its exported orders, links and customer watermark", async () => {
    const url = await createTestDatabase("several_erps_migration", { blank: true });
    const sqlOf = (dir: string) => readFileSync(path.join(migrationsRoot, dir, "migration.sql"), "utf8");
    const several = migrationDirs.findIndex((dir) => dir.endsWith("_several_erps_per_shop"));
    expect(several).toBeGreaterThan(0);
    for (const dir of migrationDirs.slice(0, several)) await queryRows(url, sqlOf(dir));
    await queryRows(
      url,
      `insert into "ErpConnection" (shop, kind, url, "secretSealed", "updatedAt") values ('a.myshopify.com', 'http', 'http://erp', 'sealed', now());
       insert into "OrderExport" (shop, "orderId", "orderName", status, "erpOrderId", "updatedAt") values
         ('a.myshopify.com', 'o1', '#1', 'exported', 'SO1', now()), ('a.myshopify.com', 'o2', '#2', 'waiting', null, now());
       insert into "ExternalLink" (id, shop, system, entity, "shopifyId", "externalId") values
         ('l1', 'a.myshopify.com', 'erp', 'customer', 'c1', 'P1'), ('l2', 'a.myshopify.com', 'pos', 'order', 'o1', 'X1');
       insert into "SyncWatermark" (shop, stream, watermark, "updatedAt") values ('a.myshopify.com', 'customers-to-erp', now(), now()), ('a.myshopify.com', 'orders', now(), now());`,
    );
    await queryRows(url, sqlOf(migrationDirs[several]!));

    const [erp] = await queryRows(url, `select id, name, position, countries from "ErpConnection"`);
    expect(erp).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "ERP", position: 0 });
    const exports = await queryRows(url, `select "orderId", "erpConnectionId" from "OrderExport" order by "orderId"`);
    expect(exports).toEqual([
      { orderId: "o1", erpConnectionId: erp.id },
      { orderId: "o2", erpConnectionId: null },
    ]);
    const links = await queryRows(url, `select id, system from "ExternalLink" order by id`);
    expect(links).toEqual([
      { id: "l1", system: `erp:${erp.id}` },
      { id: "l2", system: "pos" },
    ]);
    const streams = await queryRows(url, `select stream from "SyncWatermark" order by stream`);
    expect(streams.map((row) => row.stream)).toEqual([`customers-to-erp:${erp.id}`, "orders"]);
  });

  it("keeps the bare order name as the ERP reference of sales exported before references named the store", async () => {
    const url = await createTestDatabase("order_money_migration", { blank: true });
    const sqlOf = (dir: string) => readFileSync(path.join(migrationsRoot, dir, "migration.sql"), "utf8");
    const money = migrationDirs.findIndex((dir) => dir.endsWith("_order_money_and_references"));
    expect(money).toBeGreaterThan(0);
    for (const dir of migrationDirs.slice(0, money)) await queryRows(url, sqlOf(dir));
    await queryRows(
      url,
      `insert into "OrderExport" (shop, "orderId", "orderName", status, "erpOrderId", "updatedAt") values
         ('a.myshopify.com', 'o1', '#1001', 'exported', 'SO1', now()), ('a.myshopify.com', 'o2', '#1002', 'waiting', null, now());`,
    );
    await queryRows(url, sqlOf(migrationDirs[money]!));
    const rows = await queryRows(url, `select "orderId", "erpReference", "totalsDiffer" from "OrderExport" order by "orderId"`);
    expect(rows).toEqual([
      { orderId: "o1", erpReference: "#1001", totalsDiffer: false },
      { orderId: "o2", erpReference: null, totalsDiffer: false },
    ]);
  });

  it("moves each run's log lines out of the JSON column into a row each, in their order, with their time and level", async () => {
    const url = await createTestDatabase("run_log_migration", { blank: true });
    const sqlOf = (dir: string) => readFileSync(path.join(migrationsRoot, dir, "migration.sql"), "utf8");
    const entries = migrationDirs.findIndex((dir) => dir.endsWith("_run_log_entries"));
    expect(entries).toBeGreaterThan(0);
    for (const dir of migrationDirs.slice(0, entries)) await queryRows(url, sqlOf(dir));
    await queryRows(
      url,
      `insert into "JobRun" (id, shop, kind, trigger, status, log) values
         ('r1', 'a.myshopify.com', 'stock-push', 'manual', 'completed',
          '[{"at":"2026-11-30T10:00:00.000Z","level":"info","message":"Queued."},{"at":"2026-11-30T10:00:01.000Z","level":"error","message":"MOKA-3 not set"},{"at":"2026-11-30T10:00:02.000Z","level":"info","message":"Completed."}]'),
         ('r2', 'b.myshopify.com', 'erp-statuses', 'built-in', 'skipped', '[]');`,
    );
    await queryRows(url, sqlOf(migrationDirs[entries]!));
    const lines = await queryRows(url, `select "runId", shop, level, message, at from "JobRunLogEntry" order by id`);
    expect(lines.map((line) => [line.runId, line.shop, line.level, line.message])).toEqual([
      ["r1", "a.myshopify.com", "info", "Queued."],
      ["r1", "a.myshopify.com", "error", "MOKA-3 not set"],
      ["r1", "a.myshopify.com", "info", "Completed."],
    ]);
    expect(new Date(lines[1]!.at as string).toISOString()).toBe("2026-11-30T10:00:01.000Z");
    const columns = await queryRows(url, `select column_name from information_schema.columns where table_name = 'JobRun' and column_name = 'log'`);
    expect(columns).toEqual([]);
  });
});
