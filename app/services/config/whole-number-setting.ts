import type { Environment } from "./environment";

/**
 * A setting that is a whole count of something (days, hours): its value, the fallback when it is unset, or a clear
 * error naming the setting when it is not a whole number of at least 1.
 */
export function wholeNumberSetting(env: Environment, name: string, fallback: number, unit: string): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number.parseInt(value, 10); // not money: a count
  if (!/^\d+$/.test(value.trim()) || parsed < 1) throw new Error(`${name} must be a whole number of ${unit}, 1 or more (got "${value}")`);
  return parsed;
}
