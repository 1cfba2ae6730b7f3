/**
 * Worker heartbeats: each worker process writes its row every few seconds;
 * the dashboard lists the workers heard from recently.
 */
import type { PrismaClient } from "@prisma/client";

export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A worker not heard from for this long is taken as gone. */
export const WORKER_STALE_AFTER_MS = 30_000;

export interface WorkerIdentity {
  workerId: string;
  hostname: string;
  pid: number;
  backend: string;
  startedAt: Date;
}

export async function recordHeartbeat(db: PrismaClient, worker: WorkerIdentity, now = new Date()): Promise<void> {
  await db.workerHeartbeat.upsert({
    where: { workerId: worker.workerId },
    create: { ...worker, lastSeenAt: now },
    update: { lastSeenAt: now, stoppedAt: null },
  });
}

export async function recordStopped(db: PrismaClient, workerId: string, now = new Date()): Promise<void> {
  await db.workerHeartbeat.updateMany({ where: { workerId }, data: { stoppedAt: now, lastSeenAt: now } });
}

export interface LiveWorker {
  workerId: string;
  hostname: string;
  pid: number;
  backend: string;
  startedAt: Date;
  lastSeenAt: Date;
}

export async function listLiveWorkers(db: PrismaClient, now = new Date()): Promise<LiveWorker[]> {
  return db.workerHeartbeat.findMany({
    where: { stoppedAt: null, lastSeenAt: { gte: new Date(now.getTime() - WORKER_STALE_AFTER_MS) } },
    orderBy: { startedAt: "asc" },
    select: { workerId: true, hostname: true, pid: true, backend: true, startedAt: true, lastSeenAt: true },
  });
}
