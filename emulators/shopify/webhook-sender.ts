/**
 * Delivers webhooks to the app as Shopify does: a JSON POST to the
 * subscription's URI with Shopify's headers and an HMAC-SHA256 (base64) of
 * the raw body under the app's secret; a non-2xx answer (or no answer) is
 * retried with growing delays, keeping the same webhook and event ids.
 * Shopify retries 8 times over 4 hours; the emulator's delays are shorter and
 * configurable. On demand it sends each delivery several times, holds
 * deliveries to release them out of order, or sends none at all.
 */
import { createHmac, randomUUID } from "node:crypto";
import { includeFields, passesFilter } from "./webhook-filter";

export interface WebhookSubscription {
  /** e.g. "orders/create" */
  topic: string;
  /** Path on the app, e.g. "/webhooks/orders/create". */
  uri: string;
  /** Only these fields of the payload are sent (include_fields). */
  includeFields?: string[];
  /** Deliveries whose payload does not pass it are not sent (filter, Shopify's search syntax). */
  filter?: string;
}

export interface DeliveryAttempt {
  topic: string;
  shop: string;
  eventId: string;
  webhookId: string;
  attempt: number;
  status: number | null;
  at: string;
}

export interface WebhookSenderOptions {
  appUrl: string;
  apiSecret: string;
  apiVersion: string;
  subscriptions: WebhookSubscription[];
  retryDelaysMs?: number[];
}

interface PendingDelivery {
  topic: string;
  shop: string;
  body: string;
  eventId: string;
  webhookId: string;
  triggeredAt: string;
}

export class WebhookSender {
  enabled = true;
  /** Each delivery is sent this many times (Shopify may deliver an event more than once). */
  copies = 1;
  private holding = false;
  private held: PendingDelivery[] = [];
  readonly attempts: DeliveryAttempt[] = [];
  private inFlight = new Set<Promise<void>>();
  private readonly retryDelaysMs: number[];

  constructor(private readonly options: WebhookSenderOptions) {
    this.retryDelaysMs = options.retryDelaysMs ?? [500, 1000, 2000, 4000, 8000, 16000, 32000, 64000];
  }

  /** Events a subscription's filter kept from being sent, per topic (as Shopify suppresses them). */
  readonly filteredOut: Array<{ topic: string; shop: string }> = [];

  /** Queues the event for every subscription to its topic, with the fields it asks for, unless its filter says no. */
  emit(shop: string, topic: string, payload: unknown): void {
    if (!this.enabled) return;
    for (const subscription of this.options.subscriptions.filter((s) => s.topic === topic)) {
      if (subscription.filter && !passesFilter(payload, subscription.filter)) {
        this.filteredOut.push({ topic, shop });
        continue;
      }
      const delivery: PendingDelivery = {
        topic,
        shop,
        body: JSON.stringify(subscription.includeFields ? includeFields(payload, subscription.includeFields) : payload),
        eventId: randomUUID(),
        webhookId: randomUUID(),
        triggeredAt: new Date().toISOString(),
      };
      if (this.holding) this.held.push(delivery);
      else this.dispatch(delivery, subscription.uri);
    }
  }

  hold(): void {
    this.holding = true;
  }

  /** Sends what was held, newest first when reversed: an out-of-order delivery. */
  release(order: "reverse" | "original" = "reverse"): void {
    this.holding = false;
    const batch = order === "reverse" ? [...this.held].reverse() : this.held;
    this.held = [];
    for (const delivery of batch) {
      const subscription = this.options.subscriptions.find((s) => s.topic === delivery.topic)!;
      this.dispatch(delivery, subscription.uri);
    }
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private dispatch(delivery: PendingDelivery, uri: string): void {
    for (let copy = 0; copy < this.copies; copy++) {
      const task = this.deliver(delivery, uri).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
  }

  private async deliver(delivery: PendingDelivery, uri: string): Promise<void> {
    for (let attempt = 1; attempt <= this.retryDelaysMs.length + 1; attempt++) {
      const status = await this.post(delivery, uri);
      this.attempts.push({
        topic: delivery.topic,
        shop: delivery.shop,
        eventId: delivery.eventId,
        webhookId: delivery.webhookId,
        attempt,
        status,
        at: new Date().toISOString(),
      });
      if (status !== null && status >= 200 && status < 300) return;
      const delay = this.retryDelaysMs[attempt - 1];
      if (delay === undefined) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private async post(delivery: PendingDelivery, uri: string): Promise<number | null> {
    const hmac = createHmac("sha256", this.options.apiSecret).update(delivery.body, "utf8").digest("base64");
    try {
      const response = await fetch(new URL(uri, this.options.appUrl), {
        method: "POST",
        body: delivery.body,
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Topic": delivery.topic,
          "X-Shopify-Hmac-Sha256": hmac,
          "X-Shopify-Shop-Domain": delivery.shop,
          "X-Shopify-Webhook-Id": delivery.webhookId,
          "X-Shopify-Event-Id": delivery.eventId,
          "X-Shopify-Triggered-At": delivery.triggeredAt,
          "X-Shopify-API-Version": this.options.apiVersion,
        },
        signal: AbortSignal.timeout(5000),
      });
      await response.body?.cancel();
      return response.status;
    } catch {
      return null;
    }
  }
}
