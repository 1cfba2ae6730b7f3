/**
 * One SQL statement with positional parameters ($1, $2…), run either through
 * the app's Prisma client or straight on a pg pool. The webhook door answers
 * Shopify before Remix and Prisma are involved, on a pool of its own; the
 * statements it shares with the rest of Ponte are written once, against this.
 */
import type { PrismaClient } from "@prisma/client";
import type pg from "pg";

export type SqlRunner = <Row>(text: string, values: unknown[]) => Promise<Row[]>;

export function prismaSql(db: PrismaClient): SqlRunner {
  return <Row>(text: string, values: unknown[]) => db.$queryRawUnsafe<Row[]>(text, ...values);
}

export function poolSql(pool: pg.Pool): SqlRunner {
  return async <Row>(text: string, values: unknown[]) => (await pool.query(text, values)).rows as Row[];
}

/** A Prisma client or a runner, as a runner. */
export function sqlRunner(db: PrismaClient | SqlRunner): SqlRunner {
  return typeof db === "function" ? db : prismaSql(db);
}
