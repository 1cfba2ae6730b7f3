/**
 * CPU time spent by processes on this machine (Linux's /proc), for the benches
 * to say where a step's work went: a server's own process, and the
 * PostgreSQL backends serving everyone. Elsewhere (no /proc) it reads nothing
 * and the benches print no CPU figures.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks a second in /proc's figures: 100 on every Linux this project runs on (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** User plus system CPU of one process so far, in milliseconds; null once it is gone or without /proc. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const stat = statText(pid);
  return stat === null ? null : cpuMsOf(stat);
}

/** Each running process named `name` (its command, as `ps -o comm` shows it) and its CPU so far, in milliseconds. */
export function cpuOfProcessesNamed(name: string): Map<number, number> {
  const found = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = statText(pid);
    if (stat?.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) === name) found.set(pid, cpuMsOf(stat));
  }
  return found;
}

/**
 * The CPU the processes named `name` spent between two readings: each one's growth, and all of a process started
 * meanwhile. A process that ended meanwhile is not counted (its last figures are gone with it).
 */
export function cpuSpentBetween(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, cpu] of after) spent += cpu - (before.get(pid) ?? 0);
  return spent;
}

function statText(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
}

/** User plus system CPU in a /proc/PID/stat line, in milliseconds. */
function cpuMsOf(stat: string): number {
  // The fields after the command's closing parenthesis (the command may hold spaces): state is [0], utime [11], stime [12].
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
