// GIVEN the launchers' supervisor (npm start, the sandbox) with real child processes and a real database for its records
// WHEN one service keeps dying while another runs
// THEN the dying one is started again with a growing pause and a log line each time, five restarts within a minute are
//      recorded as a crash loop and then it waits instead of spinning, the other service never notices, and a stop
//      ends both without another restart
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { listServiceRestarts, serviceRecorder } from "../../app/services/workers/supervised-services.server";
import { startService } from "../../scripts/lib/child-services";
import { Supervisor } from "../../scripts/lib/supervisor";
import { createTestDatabase } from "../support/test-database";
import { waitFor } from "../support/worker-processes";

let db: PrismaClient;
let url: string;

beforeAll(async () => {
  url = await createTestDatabase("supervisor");
  db = createPrismaClient(url);
});
afterAll(() => db?.$disconnect());

const node = (script: string) => [process.execPath, ["-e", script]] as [string, string[]];

describe("the supervisor", () => {
  it("restarts a dying service with growing pauses, reports a crash loop and stops spinning, and leaves the other service alone", async () => {
    const lines: string[] = [];
    let released = false;
    const supervisor = new Supervisor({ release: async () => void (released = true) }, (line) => lines.push(line), {
      restartDelayMs: 50,
      crashLoopRestarts: 5,
      crashLoopWindowMs: 60_000,
      crashLoopPauseMs: 60_000,
      recorder: serviceRecorder(createPrismaClient(url), "test-host"),
      ownProcess: false,
    });
    let starts = 0;
    const steady = supervisor.supervise("web", () => startService("web", ...node("setInterval(() => {}, 1000)"), process.env, () => {}));
    const steadyPid = steady.current().child.pid;
    supervisor.supervise("worker-1", () => {
      starts++;
      return startService("worker-1", ...node("setTimeout(() => process.exit(3), 100)"), process.env, () => {});
    });

    await waitFor(
      async () => lines.filter((line) => line.includes("crash loop")).length,
      (n) => n === 1,
      30_000,
      "a crash loop",
    );
    const restartLines = lines.filter((line) => line.startsWith("worker-1 exited unexpectedly"));
    console.log(lines.join("\n"));
    // Four restarts with a pause doubling each time, then the fifth exit is the crash loop.
    expect(restartLines.map((line) => /in ([\d.]+) s/.exec(line)![1])).toEqual(["0.1", "0.1", "0.2", "0.4"]);
    expect(lines.at(-1)).toMatch(/worker-1 is in a crash loop \(5 restarts within 60 s, last exit code 3\); next try in 60 s/);
    await waitFor(
      () => listServiceRestarts(db),
      (rows) => rows.some((row) => row.name === "worker-1" && row.crashLoopSince !== null && row.restarts === 5),
      10_000,
      "the crash loop recorded",
    );
    const startsAtLoop = starts;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(starts, "no new start during the crash-loop pause").toBe(startsAtLoop);

    const rows = await listServiceRestarts(db);
    expect(rows.find((row) => row.name === "web")).toMatchObject({ restarts: 0, crashLoopSince: null, hostname: "test-host" });
    expect(steady.current().child.pid).toBe(steadyPid);
    expect(steady.current().child.exitCode).toBeNull();

    await supervisor.stop("test over", 0);
    expect(steady.current().child.signalCode ?? steady.current().child.exitCode).not.toBeNull();
    expect(released).toBe(true);
    expect(starts).toBe(startsAtLoop);
    expect(lines.slice(-2)).toEqual(["stopping (test over)", "stopped"]);
  }, 60_000);
});
