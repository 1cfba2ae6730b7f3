/**
 * Transaction-level advisory locks named by their parts (shop, order, ...),
 * held until the transaction ends, so two workers never work on the same
 * thing at once. A name is hashed to Postgres's 64-bit lock key.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";

const lockKey = (parts: string[]): bigint => createHash("sha256").update(parts.join("|")).digest().readBigInt64BE(0);

/** Takes the lock if it is free; false, without waiting, when another transaction holds it. */
export async function tryTransactionLock(tx: PrismaClient, parts: string[]): Promise<boolean> {
  const key = lockKey(parts);
  const [row] = await tx.$queryRaw<Array<{ locked: boolean }>>`select pg_try_advisory_xact_lock(${key}) as locked`;
  return row?.locked === true;
}

/**
 * Waits for every named lock. They are taken in one order, the same for every
 * transaction, so two transactions that want some of the same names wait for
 * each other instead of deadlocking.
 */
export async function transactionLocks(tx: PrismaClient, names: string[][]): Promise<void> {
  const keys = [...new Set(names.map(lockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) await tx.$queryRaw`select pg_advisory_xact_lock(${key})::text as locked`;
}
