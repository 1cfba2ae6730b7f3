/**
 * The sandbox's build of the app (build/sandbox, with sandbox mode compiled
 * in), rebuilt only when the sources changed since it was made.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const buildDir = path.join(root, "build", "sandbox");
const stampFile = path.join(buildDir, ".source-hash");

function sourceHash(): string {
  const hash = createHash("sha256");
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) visit(full);
      else hash.update(full).update(readFileSync(full));
    }
  };
  visit(path.join(root, "app"));
  visit(path.join(root, "jobs"));
  for (const file of ["package-lock.json", "vite.config.ts"]) hash.update(readFileSync(path.join(root, file)));
  return hash.digest("hex");
}

export function ensureSandboxBuild(log: (line: string) => void): string {
  const wanted = sourceHash();
  const serverEntry = path.join(buildDir, "server", "index.js");
  if (existsSync(serverEntry) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === wanted) {
    log("sandbox build is up to date");
    return serverEntry;
  }
  log("building the app for the sandbox (remix vite:build)…");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "remix"), ["vite:build"], {
    cwd: root,
    env: { ...process.env, PONTE_BUILD: "sandbox" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`sandbox build failed:\n${result.stdout}\n${result.stderr}`);
  writeFileSync(stampFile, wanted);
  return serverEntry;
}
