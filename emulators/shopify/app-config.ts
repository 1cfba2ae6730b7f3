/** The app's webhook subscriptions as shopify.app.toml declares them (topic and path). */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { WebhookSubscription } from "./webhook-sender";

export const APP_TOML = path.resolve(import.meta.dirname, "../../shopify.app.toml");

export function webhookSubscriptionsFromToml(toml = readFileSync(APP_TOML, "utf8")): WebhookSubscription[] {
  return [...toml.matchAll(/\[\[webhooks\.subscriptions\]\]\s*\n\s*(?:compliance_topics|topics) = \[([^\]]+)\]\s*\n\s*uri = "([^"]+)"/g)].flatMap(
    (match) => [...match[1]!.matchAll(/"([^"]+)"/g)].map((topic) => ({ topic: topic[1]!, uri: match[2]! })),
  );
}
