/** The app's webhook subscriptions as shopify.app.toml declares them: topic, path, and the include_fields and filter Shopify applies. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { z } from "zod";
import type { WebhookSubscription } from "./webhook-sender";

export const APP_TOML = path.resolve(import.meta.dirname, "../../shopify.app.toml");

const subscriptionSchema = z.object({
  topics: z.array(z.string()).optional(),
  compliance_topics: z.array(z.string()).optional(),
  uri: z.string(),
  include_fields: z.array(z.string()).optional(),
  filter: z.string().optional(),
});
const appTomlSchema = z.object({ webhooks: z.object({ subscriptions: z.array(subscriptionSchema).default([]) }) });

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
