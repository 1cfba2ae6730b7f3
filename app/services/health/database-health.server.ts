/** Is the database answering, how fast, and is its schema up to date? */
import type { PrismaClient } from "@prisma/client";

export interface DatabaseHealth {
  ok: boolean;
  kind: "embedded" | "external";
  serverVersion: string | null;
  latencyMs: number | null;
  migrationsApplied: number;
  error?: string;
}

export async function checkDatabaseHealth(db: PrismaClient, kind: DatabaseHealth["kind"]): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const [version] = await db.$queryRaw<Array<{ server_version: string }>>`select current_setting('server_version') as server_version`;
    const latencyMs = Math.round(performance.now() - started);
    const [migrations] = await db.$queryRaw<
      Array<{ applied: bigint }>
    >`select count(*) as applied from _prisma_migrations where finished_at is not null`;
    return { ok: true, kind, serverVersion: version?.server_version ?? null, latencyMs, migrationsApplied: Number(migrations?.applied ?? 0) };
  } catch (error) {
    return { ok: false, kind, serverVersion: null, latencyMs: null, migrationsApplied: 0, error: (error as Error).message };
  }
}
