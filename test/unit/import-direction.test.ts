// GIVEN the app's code (app/) and the worker's job definitions (jobs/)
// WHEN every import in app/ is resolved
// THEN none reaches into jobs/: job definitions call services, never the other way round
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../support/source-files";

const root = path.resolve(import.meta.dirname, "../..");

describe("import direction", () => {
  it("no module under app/ imports from jobs/", () => {
    const files = sourceFiles(path.join(root, "app"));
    expect(files.length).toBeGreaterThan(100);
    const jobsDir = path.join(root, "jobs") + path.sep;
    const offending = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["'](\.[^"']+)["']/g)]
        .map((match) => path.resolve(path.dirname(file), match[1]!))
        .filter((target) => target.startsWith(jobsDir))
        .map((target) => `${path.relative(root, file)} -> ${path.relative(root, target)}`),
    );
    expect(offending).toEqual([]);
  });

  it("can fail: an import into jobs/ is found", () => {
    const file = path.join(root, "app", "services", "example.ts");
    const target = path.resolve(path.dirname(file), "../../jobs/definitions");
    expect(target.startsWith(path.join(root, "jobs") + path.sep)).toBe(true);
  });
});
