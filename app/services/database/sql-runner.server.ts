/**
 * One SQL statement with positional parameters ($1, $2…), run either through
 * the app's Prisma client or straight on a pg pool. The webhook door answers
 * Shopify before Remix and Prisma are involved, on a pool of its own; the
 * statements it shares with the rest of Ponte are written once, against this.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type pg from "pg";

export type SqlRunner = <Row>(text: string, values: unknown[]) => Promise<Row[]>;

export function prismaSql(db: PrismaClient): SqlRunner {
  return <Row>(text: string, values: unknown[]) => db.$queryRawUnsafe<Row[]>(text, ...values);
}

const statementNames = new Map<string, string>();

/**
 * A statement for a pg connection, under a name made from its text: run by name, it is parsed and planned once per
 * connection, not on every call. Only for constant texts (values always go in parameters): each connection keeps
 * every statement it prepared.
 */
export function preparedStatement(text: string, values: unknown[] = []): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `ponte_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/**
 * On a pg pool each statement is prepared once per connection (preparedStatement) and run after by name. For the door's
 * insert (a CTE) on 10 connections into an inbox of 1,000,000 rows, that went from about 2,600 to 3,700 a second, as
 * many as a plain insert. The texts are the modules' constant statements, so each connection holds a few.
 */
export function poolSql(pool: pg.Pool): SqlRunner {
  return async <Row>(text: string, values: unknown[]) => (await pool.query(preparedStatement(text, values))).rows as Row[];
}

/**
 * What PostgreSQL said when it refused a statement, through a pg pool (its DatabaseError: the SQLSTATE in `code`) or
 * through Prisma (a raw query's PrismaClientKnownRequestError, P2010: the SQLSTATE in its driver adapter's cause, or
 * in its message as "Code: `…`"). `code` is null when the error names no SQLSTATE; `message` is the error's message.
 */
export function postgresRefusal(error: unknown): { code: string | null; message: string } {
  const { code, message, meta } = (error ?? {}) as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { code?: unknown } } };
  };
  const said = String(message ?? "");
  const sqlState = (value: unknown) => (typeof value === "string" && /^[0-9A-Z]{5}$/.test(value) ? value : null);
  // Prisma's own codes (P2010…) have the shape of a SQLSTATE: an error with `meta` is Prisma's.
  if (meta) return { code: sqlState(meta.driverAdapterError?.cause?.code) ?? /Code: `([0-9A-Z]{5})`/.exec(said)?.[1] ?? null, message: said };
  return { code: sqlState(code), message: said };
}

/** A Prisma client or a runner, as a runner. */
export function sqlRunner(db: PrismaClient | SqlRunner): SqlRunner {
  return typeof db === "function" ? db : prismaSql(db);
}
