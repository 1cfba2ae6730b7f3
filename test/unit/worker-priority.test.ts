// GIVEN PONTE_WORKER_NICE, unset or set
// WHEN a worker process starts
// THEN it runs that much nicer than it was started (10 by default, 0 leaves it), and a value that is no niceness is refused by name
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { workerNice } from "../../app/services/workers/worker-priority.server";

const root = path.resolve(import.meta.dirname, "../..");

function nicenessAfterLowering(env: Record<string, string>): number {
  const script = `import { lowerWorkerPriority } from "./app/services/workers/worker-priority.server.ts"; console.log(lowerWorkerPriority());`;
  const output = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return Number(output.trim());
}

describe("a worker's CPU priority", () => {
  it("is lowered by 10 unless PONTE_WORKER_NICE says otherwise", () => {
    expect(workerNice({})).toBe(10);
    expect(workerNice({ PONTE_WORKER_NICE: "0" })).toBe(0);
    expect(workerNice({ PONTE_WORKER_NICE: " 19 " })).toBe(19);
  });

  it("refuses a value that is no niceness, naming the setting", () => {
    for (const value of ["-5", "20", "high", "1.5"])
      expect(() => workerNice({ PONTE_WORKER_NICE: value })).toThrow(/^PONTE_WORKER_NICE must be a whole number from 0/);
  });

  it("really changes the process's niceness", () => {
    // A child starts at this process's niceness (0 unless the test run itself was started nicer).
    const started = os.getPriority();
    expect(nicenessAfterLowering({ PONTE_WORKER_NICE: "7" })).toBe(Math.min(19, started + 7));
    expect(nicenessAfterLowering({ PONTE_WORKER_NICE: "0" })).toBe(started);
  });
});
