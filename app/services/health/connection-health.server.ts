/**
 * The health of a shop's ERPs and POS as measured by the calls Ponte makes to
 * them, not as configured: each call that fails because the system is
 * unavailable (no answer, 429, 5xx) marks it failing since that moment; the
 * next call it answers marks it well again. The dashboard reads these rows.
 *
 * Every connector the jobs and pages use is wrapped (erp-connections,
 * pos-connections), so nothing has to remember to report. A process keeps
 * what it last wrote for half a minute, so a busy worker does not write on
 * every call.
 */
import type { LinkedSystem } from "../bindings/binder.server";
import type { PrismaClient } from "@prisma/client";
import { ErpUnavailableError } from "../erp/erp-connector";
import { PosUnavailableError } from "../pos/pos-connector";
import type { ShopDomain } from "../ids";

/** "pos", or an ERP as erpLinkSystem names it ("erp:" and the ErpConnection's id): the same names the links use. */
export type HealthSystem = LinkedSystem;

const REMEMBER_MS = 30_000;
const known = new Map<string, { state: "up" | "down"; at: number }>();

export async function recordAnswered(db: PrismaClient, shop: ShopDomain, system: HealthSystem, now = new Date()): Promise<void> {
  const key = `${shop}|${system}`;
  const last = known.get(key);
  if (last?.state === "up" && now.getTime() - last.at < REMEMBER_MS) return;
  known.set(key, { state: "up", at: now.getTime() });
  await db.connectionHealth.upsert({
    where: { shop_system: { shop, system } },
    create: { shop, system, lastSuccessAt: now },
    update: { failingSince: null, lastSuccessAt: now },
  });
}

export async function recordUnavailable(db: PrismaClient, shop: ShopDomain, system: HealthSystem, reason: string, now = new Date()): Promise<void> {
  known.set(`${shop}|${system}`, { state: "down", at: now.getTime() });
  await db.$executeRaw`
    insert into "ConnectionHealth" (shop, system, "failingSince", "lastFailureAt", "lastError")
    values (${shop}, ${system}, ${now}, ${now}, ${reason.slice(0, 500)})
    on conflict (shop, system) do update set
      "failingSince" = coalesce("ConnectionHealth"."failingSince", excluded."failingSince"),
      "lastFailureAt" = excluded."lastFailureAt",
      "lastError" = excluded."lastError"`;
}

const isUnavailable = (error: unknown) => error instanceof ErpUnavailableError || error instanceof PosUnavailableError;

/**
 * The connector, with every call's outcome recorded: unavailable (the system's fault) or answered (anything else,
 * a refusal included: the system answered). Recording never fails the call.
 */
export function recordingHealth<T extends object>(connector: T, db: PrismaClient, shop: ShopDomain, system: HealthSystem): T {
  const note = (write: Promise<void>) =>
    write.catch((error: Error) => console.warn(JSON.stringify({ event: "health-not-recorded", shop, system, reason: error.message })));
  return new Proxy(connector, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          async (answer: unknown) => {
            // A connection test that failed says nothing sure (a wrong key or no answer): left as it was.
            const failedCheck = typeof answer === "object" && answer !== null && (answer as { ok?: unknown }).ok === false;
            if (!failedCheck) await note(recordAnswered(db, shop, system));
            return answer;
          },
          async (error: unknown) => {
            if (isUnavailable(error)) await note(recordUnavailable(db, shop, system, (error as Error).message));
            else if (!(error instanceof TypeError)) await note(recordAnswered(db, shop, system));
            throw error;
          },
        );
      };
    },
  });
}

export interface SystemHealth {
  /** When calls started failing; null while it answers. */
  failingSince: Date | null;
  lastError: string | null;
  lastSuccessAt: Date | null;
}

export async function healthOf(db: PrismaClient, shop: ShopDomain, system: HealthSystem): Promise<SystemHealth | null> {
  return db.connectionHealth.findUnique({
    where: { shop_system: { shop, system } },
    select: { failingSince: true, lastError: true, lastSuccessAt: true },
  });
}

/** Forgets what this process remembers (tests that write health rows themselves). */
export function forgetRememberedHealth(): void {
  known.clear();
}
