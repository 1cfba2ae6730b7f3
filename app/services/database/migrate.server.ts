/**
 * Applies the committed migrations with `prisma migrate deploy`, offline,
 * through prisma.config.ts (JS engine + pg adapter).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { projectRoot as root } from "./project-root.server";

export function applyMigrations(databaseUrl: string, log: (line: string) => void = () => {}): Promise<void> {
  const projectRoot = root();
  const prismaBin = path.join(projectRoot, "node_modules", ".bin", "prisma");
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, ["migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) {
        const applied = output.match(/applied|No pending migrations[^\n]*/i);
        log(`migrations: ${applied ? applied[0] : "done"}`);
        resolve();
      } else {
        reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`));
      }
    });
  });
}
