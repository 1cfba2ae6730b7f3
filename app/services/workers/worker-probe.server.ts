/**
 * The worker probe: a small job queued from the dashboard that a worker
 * answers by writing a row, so the merchant sees that queued work is picked
 * up, by which worker and how fast. Every execution writes its own row.
 */
import { shopDomainSchema } from "../ids";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { ShopDomain } from "../ids";

export const workerProbeDataSchema = z.object({
  shop: shopDomainSchema,
  probeId: z.string().uuid(),
  queuedAt: z.iso.datetime(),
  /** Keeps the job busy this long before answering (at most 30 s). */
  holdMs: z.number().int().min(0).max(30_000).default(0),
});
export type WorkerProbeData = z.infer<typeof workerProbeDataSchema>;

/** What queues a job: Agenda's `now`, or anything shaped like it. */
export interface JobQueue {
  now(name: string, data: unknown): Promise<unknown>;
}

export function newWorkerProbe(shop: ShopDomain, holdMs = 0, now = new Date()): WorkerProbeData {
  return { shop, probeId: randomUUID(), queuedAt: now.toISOString(), holdMs };
}

export async function runWorkerProbe(db: PrismaClient, workerId: string, raw: unknown): Promise<void> {
  const probe = workerProbeDataSchema.parse(raw);
  if (probe.holdMs > 0) await new Promise((resolve) => setTimeout(resolve, probe.holdMs));
  await db.workerProbeRun.create({
    data: { shop: probe.shop, probeId: probe.probeId, workerId, queuedAt: new Date(probe.queuedAt) },
  });
}

export interface ProbeOutcome {
  probeId: string;
  queuedAt: Date;
  answeredBy: string | null;
  latencyMs: number | null;
}

export async function findProbeOutcome(db: PrismaClient, shop: ShopDomain, probeId: string, queuedAt: Date): Promise<ProbeOutcome> {
  const run = await db.workerProbeRun.findFirst({ where: { shop, probeId }, orderBy: { ranAt: "asc" } });
  return {
    probeId,
    queuedAt,
    answeredBy: run?.workerId ?? null,
    latencyMs: run ? run.ranAt.getTime() - queuedAt.getTime() : null,
  };
}
