/**
 * Reads a `.env` file in the working directory, when there is one, into the
 * environment (variables already set win). For launchers run by hand;
 * hosting platforms and `shopify app dev` set the environment themselves.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

export function loadDotEnv(file = path.resolve(".env")): void {
  if (!existsSync(file)) return;
  const values = parseEnv(readFileSync(file, "utf8")) as Record<string, string>;
  for (const [name, value] of Object.entries(values)) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
}
