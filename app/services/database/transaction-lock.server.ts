/**
 * A transaction-level advisory lock named by its parts (shop, order, ...):
 * taken without waiting, held until the transaction ends, so two workers
 * never work on the same thing at once. The name is hashed to Postgres's
 * 64-bit lock key.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";

export async function tryTransactionLock(tx: PrismaClient, parts: string[]): Promise<boolean> {
  const key = createHash("sha256").update(parts.join("|")).digest().readBigInt64BE(0);
  const [row] = await tx.$queryRaw<Array<{ locked: boolean }>>`select pg_try_advisory_xact_lock(${key}) as locked`;
  return row?.locked === true;
}
