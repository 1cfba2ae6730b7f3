/**
 * Session-level PostgreSQL advisory locks named by their parts (shop, order,
 * ...), for work that calls other systems: the lock is held on a connection
 * of its own while the work runs, with no database transaction open, and is
 * let go when the work ends. A worker that dies mid-way closes its
 * connection, and PostgreSQL lets its locks go at once.
 *
 * A name is hashed to PostgreSQL's 64-bit lock key.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { poolConfigFromUrl } from "./connection-settings";
import { preparedStatement, type SqlRunner } from "./sql-runner.server";

const lockKey = (parts: string[]): bigint => createHash("sha256").update(parts.join("|")).digest().readBigInt64BE(0);

/** The locks one piece of work holds; all are let go together when it ends. */
export interface LockSession {
  /** Takes the lock if it is free; false, without waiting, when other work holds it. */
  tryLock(parts: string[]): Promise<boolean>;
  /**
   * Waits for every named lock. They are taken in one order, the same for all
   * work, so two pieces of work that want some of the same names wait for each
   * other instead of deadlocking.
   */
  lockAll(names: string[][]): Promise<void>;
  /**
   * Runs one statement on the session's own connection (no Prisma in between): for work that reads and writes around
   * its locks. Each text is prepared once per connection (preparedStatement): give it constant texts only.
   */
  sql: SqlRunner;
}

const databaseUrls = new WeakMap<PrismaClient, string>();
const pools = new Map<string, pg.Pool>();

/** Called where a Prisma client is made, so that locks can be taken on the same database. */
export function rememberDatabaseUrl(db: PrismaClient, databaseUrl: string): void {
  databaseUrls.set(db, databaseUrl);
}

function lockPool(db: PrismaClient): pg.Pool {
  const url = databaseUrls.get(db);
  if (!url) throw new Error("advisory locks need a Prisma client made by createPrismaClient");
  let pool = pools.get(url);
  if (!pool) {
    // Idle connections close soon and never keep a process alive.
    pool = new pg.Pool({ ...poolConfigFromUrl(url), max: 20, idleTimeoutMillis: 2_000, allowExitOnIdle: true });
    pool.on("error", (error) => console.error(JSON.stringify({ event: "lock-connection-error", message: error.message })));
    pools.set(url, pool);
  }
  return pool;
}

/** Runs `work` with a lock session on its own connection; every lock it took is let go when `work` ends, however it ends. */
export async function withLockSession<T>(db: PrismaClient, work: (locks: LockSession) => Promise<T>): Promise<T> {
  const connection = await lockPool(db).connect();
  let held = false;
  const session: LockSession = {
    async tryLock(parts) {
      const { rows } = await connection.query<{ locked: boolean }>(
        preparedStatement("select pg_try_advisory_lock($1) as locked", [lockKey(parts).toString()]),
      );
      const locked = rows[0]?.locked === true;
      held ||= locked;
      return locked;
    },
    async lockAll(names) {
      const keys = [...new Set(names.map(lockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (keys.length === 0) return;
      held = true;
      // One round trip: PostgreSQL takes them row by row in the array's (sorted) order.
      await connection.query(preparedStatement("select pg_advisory_lock(key) from unnest($1::bigint[]) as key", [keys.map(String)]));
    },
    sql: async <Row>(text: string, values: unknown[]) => (await connection.query(preparedStatement(text, values))).rows as Row[],
  };
  let broken: Error | undefined;
  try {
    return await work(session);
  } finally {
    if (held) {
      try {
        await connection.query(preparedStatement("select pg_advisory_unlock_all()"));
      } catch (error) {
        broken = error as Error; // a connection that could not let its locks go is closed, which lets them go
      }
    }
    connection.release(broken);
  }
}

/** Closes the lock connections of every database (at shutdown, and in tests). */
export async function closeLockPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end()));
}
