/**
 * The webhook inbox: every delivery Shopify makes is stored before we answer
 * 200. The unique key (shop, eventId) makes a repeat delivery of the same
 * event a no-op, so nothing downstream ever sees it twice.
 */
import { wholeNumberSetting } from "../config/whole-number-setting";
import { Prisma, type PrismaClient } from "@prisma/client";
import type { ShopDomain } from "../ids";

export interface IncomingWebhook {
  shop: ShopDomain;
  topic: string;
  /** X-Shopify-Event-Id: the same for every delivery of one event. */
  eventId: string;
  webhookId: string;
  apiVersion: string;
  triggeredAt?: string;
  payload: unknown;
}

export type RecordOutcome = { status: "recorded"; id: string } | { status: "duplicate" };

export async function recordWebhook(db: PrismaClient, webhook: IncomingWebhook): Promise<RecordOutcome> {
  try {
    const row = await db.webhookEvent.create({
      data: {
        shop: webhook.shop,
        topic: webhook.topic,
        eventId: webhook.eventId,
        webhookId: webhook.webhookId,
        apiVersion: webhook.apiVersion,
        triggeredAt: parseTriggeredAt(webhook.triggeredAt),
        payload: (webhook.payload ?? {}) as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    return { status: "recorded", id: row.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { status: "duplicate" };
    throw error;
  }
}

export async function markWebhookProcessed(db: PrismaClient, id: string, error?: string): Promise<void> {
  await db.webhookEvent.update({ where: { id }, data: { processedAt: new Date(), error: error ?? null } });
}

function parseTriggeredAt(value?: string): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export interface InboxRetention {
  /** Days a processed event (full of customers' data) is kept. */
  processedDays: number;
  /** Days any event is kept at most: a failed one stays until it is resolved or this old. */
  failedDays: number;
}

/** PONTE_INBOX_RETENTION_DAYS (default 30) and PONTE_INBOX_FAILED_RETENTION_DAYS (default 90). */
export function inboxRetention(env: Record<string, string | undefined> = process.env): InboxRetention {
  return {
    processedDays: wholeNumberSetting(env, "PONTE_INBOX_RETENTION_DAYS", 30, "days"),
    failedDays: wholeNumberSetting(env, "PONTE_INBOX_FAILED_RETENTION_DAYS", 90, "days"),
  };
}

/** Deletes processed events older than the retention, and every event older than the failed retention. */
export async function pruneInbox(db: PrismaClient, retention: InboxRetention, now = new Date()): Promise<number> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const { count } = await db.webhookEvent.deleteMany({
    where: {
      OR: [
        { processedAt: { not: null, lt: daysAgo(retention.processedDays) }, error: null },
        { receivedAt: { lt: daysAgo(Math.max(retention.failedDays, retention.processedDays)) } },
      ],
    },
  });
  return count;
}
