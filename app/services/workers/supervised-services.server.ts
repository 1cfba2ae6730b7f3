/**
 * What a launcher's supervisor (npm start, the sandbox) did to the services it
 * keeps running: how often each was restarted, its last exit, and whether it
 * is in a crash loop. One row per (host, service); the dashboard's Workers
 * card reads them.
 */
import { hostname } from "node:os";
import type { PrismaClient } from "@prisma/client";

export interface ServiceRecorder {
  started(name: string): Promise<void>;
  /** pid: the process that exited; a worker's heartbeat row of that process is marked stopped at once. */
  restarted(name: string, restart: { exit: string; restarts: number; crashLoop: boolean; pid?: number }): Promise<void>;
  close(): Promise<void>;
}

/** A crash loop is shown while its last exit is this recent. */
export const CRASH_LOOP_SHOWN_FOR_MS = 10 * 60_000;

export function serviceRecorder(db: PrismaClient, host = hostname()): ServiceRecorder {
  const id = (name: string) => `${host}/${name}`;
  return {
    async started(name) {
      // A new launcher starts its count again.
      await db.supervisedService.upsert({
        where: { id: id(name) },
        create: { id: id(name), hostname: host, name },
        update: { restarts: 0, lastExit: null, lastExitAt: null, crashLoopSince: null, launchedAt: new Date() },
      });
    },
    async restarted(name, { exit, restarts, crashLoop, pid }) {
      const now = new Date();
      // A dead worker cannot say it stopped: the dashboard would list it for half a minute more.
      if (pid !== undefined) await db.workerHeartbeat.updateMany({ where: { hostname: host, pid, stoppedAt: null }, data: { stoppedAt: now } });
      const row = await db.supervisedService.findUnique({ where: { id: id(name) }, select: { crashLoopSince: true } });
      await db.supervisedService.upsert({
        where: { id: id(name) },
        create: { id: id(name), hostname: host, name, restarts, lastExit: exit, lastExitAt: now, crashLoopSince: crashLoop ? now : null },
        // A crash loop keeps the moment it began; a restart outside one leaves that as it was.
        update: { restarts, lastExit: exit, lastExitAt: now, ...(crashLoop && !row?.crashLoopSince ? { crashLoopSince: now } : {}) },
      });
    },
    close: () => db.$disconnect(),
  };
}

export interface ServiceRestarts {
  name: string;
  hostname: string;
  restarts: number;
  lastExit: string | null;
  lastExitAt: string | null;
  /** Set while the service keeps dying (five restarts within a minute, the last one recent). */
  crashLoopSince: string | null;
}

export async function listServiceRestarts(db: PrismaClient, now = new Date()): Promise<ServiceRestarts[]> {
  const rows = await db.supervisedService.findMany({ orderBy: [{ hostname: "asc" }, { name: "asc" }] });
  return rows.map((row) => ({
    name: row.name,
    hostname: row.hostname,
    restarts: row.restarts,
    lastExit: row.lastExit,
    lastExitAt: row.lastExitAt?.toISOString() ?? null,
    crashLoopSince:
      row.crashLoopSince && row.lastExitAt && now.getTime() - row.lastExitAt.getTime() < CRASH_LOOP_SHOWN_FOR_MS
        ? row.crashLoopSince.toISOString()
        : null,
  }));
}
