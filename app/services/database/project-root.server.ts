/**
 * The project's folder (the one holding prisma/schema.prisma), found upward from
 * this module: the same answer whether the code runs from source or from the
 * worker's bundle (build/production/worker).
 */
import { existsSync } from "node:fs";
import path from "node:path";

let found: string | null = null;

export function projectRoot(): string {
  if (found) return found;
  for (let dir = import.meta.dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "prisma", "schema.prisma"))) return (found = dir);
    if (path.dirname(dir) === dir) throw new Error(`no prisma/schema.prisma above ${import.meta.dirname}`);
  }
}
