/** The TypeScript source files under a directory, for the tests that read the code itself; `skip` leaves folders out. */
import { readdirSync } from "node:fs";
import path from "node:path";

export function sourceFiles(dir: string, skip: readonly string[] = []): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skip.includes(full) ? [] : sourceFiles(full, skip);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}
