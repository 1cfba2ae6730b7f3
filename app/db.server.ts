/**
 * The app server's Prisma client, one per process. DATABASE_URL is always
 * set here: the launchers (npm start, the sandbox) resolve it first, starting
 * the embedded PostgreSQL when the operator gave none.
 */
import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "./services/database/prisma-client.server";

declare global {
  var ponteDb: PrismaClient | undefined;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: start Ponte with `npm start` (or the sandbox), which starts the embedded PostgreSQL when none is given",
    );
  }
  return url;
}

export const db: PrismaClient = globalThis.ponteDb ?? (globalThis.ponteDb = createPrismaClient(databaseUrl()));
export default db;
