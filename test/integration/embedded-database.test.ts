// GIVEN no DATABASE_URL
// WHEN Ponte starts, stops and starts again on the same data folder
// THEN it initialises PostgreSQL once, keeps the data, and stops the server cleanly
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locateDatabase } from "../../app/services/database/database-location.server";
import { poolConfigFromUrl, urlFromPoolConfig } from "../../app/services/database/connection-settings";
import { startEmbeddedDatabase, unixSocketFolder } from "../../app/services/database/embedded-database.server";
import { queryRows } from "../support/postgres-queries";
import { portAnswers } from "../support/ports";

const scratch = mkdtempSync(path.join(tmpdir(), "ponte-embedded-"));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("embedded PostgreSQL", () => {
  it("keeps its data across a stop and a start, initialising only once", async () => {
    const lines: string[] = [];
    const first = await startEmbeddedDatabase({ dataDir: scratch, log: (line) => lines.push(line) });
    expect(first.startedHere).toBe(true);
    expect(lines.some((line) => line.startsWith("initialising"))).toBe(true);
    await queryRows(first.url, "create table kept (note text); insert into kept values ('still here')");
    // Ponte's processes talk to it through its Unix socket in the cluster's folder; TCP on loopback answers too.
    expect(poolConfigFromUrl(first.url).host).toBe(path.join(scratch, "cluster"));
    expect(await queryRows(first.url, "select inet_server_addr() is null as socket")).toEqual([{ socket: true }]);
    const tcp = urlFromPoolConfig({ ...poolConfigFromUrl(first.url), host: "127.0.0.1" });
    expect(await queryRows(tcp, "select inet_server_addr()::text as address")).toEqual([{ address: "127.0.0.1/32" }]);
    const port = poolConfigFromUrl(first.url).port;
    await first.stop();
    expect(await portAnswers(port)).toBe(false);
    expect(existsSync(path.join(scratch, "cluster", "postmaster.pid"))).toBe(false);

    lines.length = 0;
    const second = await startEmbeddedDatabase({ dataDir: scratch, log: (line) => lines.push(line) });
    try {
      expect(second.url).toBe(first.url);
      expect(lines.some((line) => line.startsWith("initialising"))).toBe(false);
      expect(await queryRows(second.url, "select note from kept")).toEqual([{ note: "still here" }]);

      // A second process finds the running server and uses it without owning it.
      const shared = await startEmbeddedDatabase({ dataDir: scratch });
      expect(shared.startedHere).toBe(false);
      await shared.stop();
      expect(await queryRows(second.url, "select count(*)::int as n from kept")).toEqual([{ n: 1 }]);
    } finally {
      await second.stop();
    }
  });

  it("answers by TCP alone where a socket's path would be too long or its folder's name would not pass", () => {
    expect(unixSocketFolder("/tmp/ponte/cluster", 5432)).toBe("/tmp/ponte/cluster");
    expect(unixSocketFolder(`/tmp/${"x".repeat(90)}/cluster`, 5432)).toBeNull();
    expect(unixSocketFolder("/tmp/my data, old/cluster", 5432)).toBeNull();
  });

  it("is not used when DATABASE_URL is set", async () => {
    const location = await locateDatabase({ DATABASE_URL: "postgresql://u:p@db.example:5432/ponte", PONTE_DATA_DIR: path.join(scratch, "unused") });
    expect(location).toMatchObject({ kind: "external", url: "postgresql://u:p@db.example:5432/ponte" });
    expect(existsSync(path.join(scratch, "unused"))).toBe(false);
  });

  it("starts under PONTE_DATA_DIR when DATABASE_URL is unset", async () => {
    const location = await locateDatabase({ PONTE_DATA_DIR: path.join(scratch, "located") });
    try {
      expect(location.kind).toBe("embedded");
      expect(existsSync(path.join(scratch, "located", "postgres", "cluster", "PG_VERSION"))).toBe(true);
      expect(await queryRows(location.url, "select 1 as ok")).toEqual([{ ok: 1 }]);
    } finally {
      await location.release();
    }
  });
});
