/**
 * Storing one authenticated delivery in the inbox, the same from the webhook
 * door and from the Remix routes: one statement, and for a shop without Ponte
 * installed (when the topic is about its business) only a count and a log line.
 */
import type { PrismaClient } from "@prisma/client";
import type { SqlRunner } from "../database/sql-runner.server";
import type { AuthenticatedWebhook } from "./handle-webhook.server";
import { recordUnknownShopDelivery } from "./unknown-shops.server";
import { recordWebhook, type IncomingWebhook, type RecordOutcome } from "./webhook-inbox.server";

export async function storeDelivery(
  db: PrismaClient | SqlRunner,
  webhook: AuthenticatedWebhook,
  options: { onlyForInstalledShop: boolean; notify?: boolean },
): Promise<RecordOutcome> {
  const outcome = await recordWebhook(db, inboxDelivery(webhook), options);
  if (outcome.status === "not-installed") await countUnknownShopDelivery(db, webhook);
  return outcome;
}

/** The delivery as the inbox keeps it: Shopify's event id, or (a delivery without one) its webhook id. */
export function inboxDelivery(webhook: AuthenticatedWebhook): IncomingWebhook {
  return { ...webhook, eventId: webhook.eventId ?? webhook.webhookId };
}

/** A delivery about a shop without Ponte: answered 200 all the same, so that Shopify stops retrying; nothing about the shop's customers is kept. */
export async function countUnknownShopDelivery(db: PrismaClient | SqlRunner, webhook: AuthenticatedWebhook): Promise<void> {
  await recordUnknownShopDelivery(db, webhook.shop, webhook.topic);
  console.warn(JSON.stringify({ event: "webhook-from-shop-not-installed", shop: webhook.shop, topic: webhook.topic }));
}
