/**
 * Jobs that must always exist, (re)declared at every worker start: the inbox
 * sweep, and each installed shop's own jobs. Declaring them twice is harmless.
 */
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { ensureShopJobs } from "../app/services/jobs/shop-jobs.server";
import { JobNames } from "./names";

export async function scheduleStandingJobs(agenda: Agenda, db: PrismaClient): Promise<void> {
  await agenda.every("1 minute", JobNames.sweepInbox, undefined, { skipImmediate: true });
  const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
  for (const { domain } of shops) await ensureShopJobs(agenda, domain);
}
