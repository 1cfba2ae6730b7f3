// GIVEN the worker's V8 flags (scripts/lib/child-services.ts)
// WHEN a worker is started by `npm start`, the sandbox, `npm run dev` or `npm run worker`
// THEN each command carries them
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WORKER_V8_FLAGS, workerCommand } from "../../scripts/lib/child-services";

describe("a worker's V8 flags", () => {
  it("are on every way a worker starts", () => {
    expect(WORKER_V8_FLAGS).toContain("--heap-growing-percent=50");
    for (const built of [true, false]) expect(workerCommand({ built })[1]).toEqual(expect.arrayContaining(WORKER_V8_FLAGS));
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const flag of WORKER_V8_FLAGS) expect(scripts.worker).toContain(flag);
  });
});
