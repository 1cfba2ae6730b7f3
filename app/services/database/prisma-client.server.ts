import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { rememberDatabaseUrl } from "./advisory-locks.server";
import { poolConfigFromUrl } from "./connection-settings";

/** A Prisma client over the pg driver adapter (the JS engine, nothing native). */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  const db = new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(databaseUrl)) });
  rememberDatabaseUrl(db, databaseUrl);
  return db;
}
