/** The app's webhook subscriptions as shopify.app.toml declares them: topic, path, and the include_fields and filter Shopify applies. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { z } from "zod";
import type { WebhookSubscription } from "./webhook-sender";
import type { EventSubscription } from "./order-events";

export const APP_TOML = path.resolve(import.meta.dirname, "../../shopify.app.toml");

const subscriptionSchema = z.object({
  topics: z.array(z.string()).optional(),
  compliance_topics: z.array(z.string()).optional(),
  uri: z.string(),
  include_fields: z.array(z.string()).optional(),
  filter: z.string().optional(),
});
const eventSubscriptionSchema = z
  .object({
    handle: z.string().min(1),
    topic: z.string().min(1),
    actions: z.array(z.enum(["create", "update", "delete"])).min(1),
    triggers: z.array(z.string().min(1)).default([]),
    uri: z.string().min(1),
    query: z.string().optional(),
    query_filter: z.string().optional(),
  })
  .strict();
const appTomlSchema = z.object({
  webhooks: z.object({ subscriptions: z.array(subscriptionSchema).default([]) }),
  events: z.object({ api_version: z.string(), subscription: z.array(eventSubscriptionSchema).default([]) }).optional(),
});

export function webhookSubscriptionsFromToml(toml = readFileSync(APP_TOML, "utf8")): WebhookSubscription[] {
  const { webhooks } = appTomlSchema.parse(parse(toml));
  return webhooks.subscriptions.flatMap((subscription) =>
    [...(subscription.topics ?? []), ...(subscription.compliance_topics ?? [])].map((topic) => ({
      topic,
      uri: subscription.uri,
      ...(subscription.include_fields ? { includeFields: subscription.include_fields } : {}),
      ...(subscription.filter ? { filter: subscription.filter } : {}),
    })),
  );
}

/**
 * The app's Events subscriptions ([events] and its [[events.subscription]]) and their API version. The emulator
 * emits the Order topic only, and runs no `query` or `query_filter`: a subscription that sets one is refused here.
 */
export function eventSubscriptionsFromToml(toml = readFileSync(APP_TOML, "utf8")): { apiVersion: string; subscriptions: EventSubscription[] } | null {
  const { events } = appTomlSchema.parse(parse(toml));
  if (!events) return null;
  for (const subscription of events.subscription) {
    if (subscription.topic !== "Order") throw new Error(`Events topic ${subscription.topic} is not emulated (only Order)`);
    if (subscription.query !== undefined || subscription.query_filter !== undefined)
      throw new Error(`Events subscription ${subscription.handle}: query and query_filter are not emulated`);
  }
  return {
    apiVersion: events.api_version,
    subscriptions: events.subscription.map(({ handle, topic, actions, triggers, uri }) => ({ handle, topic, actions, triggers, uri })),
  };
}
