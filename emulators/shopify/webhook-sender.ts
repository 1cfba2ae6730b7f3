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
import { allPaths, orderFieldsChanged, triggeredChanges, type EventSubscription } from "./order-events";

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
  /** The app's Events subscriptions (shopify.app.toml's [[events.subscription]]); API version `eventsApiVersion`. */
  eventSubscriptions?: EventSubscription[];
  eventsApiVersion?: string;
  retryDelaysMs?: number[];
}

interface PendingDelivery {
  topic: string;
  shop: string;
  body: string;
  eventId: string;
  webhookId: string;
  triggeredAt: string;
  uri: string;
  /** An Events delivery (its own headers, shopify-*), not a classic webhook's. */
  event?: { handle: string; action: string; resourceId: string };
}

/** The classic order topics and the Events action each one is. */
const ORDER_ACTIONS: Record<string, "create" | "update" | "delete"> = {
  "orders/create": "create",
  "orders/updated": "update",
  "orders/delete": "delete",
};

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
  /** Order changes no Events subscription's triggers took (nothing delivered), with the paths that changed. */
  readonly notTriggered: Array<{ shop: string; orderId: string; handle: string; changed: string[] }> = [];
  /** Each order's last webhook body, per shop: what an Events update is compared with. */
  private readonly lastOrderBodies = new Map<string, Record<string, unknown>>();

  /** Queues the event for every subscription to its topic, with the fields it asks for, unless its filter says no. */
  emit(shop: string, topic: string, payload: unknown): void {
    // The order's state is followed even while nothing is sent, so a later update reports only what it changed.
    const events = this.orderEvents(shop, topic, payload);
    if (!this.enabled) return;
    for (const delivery of events) this.queue(delivery);
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
        uri: subscription.uri,
      };
      this.queue(delivery);
    }
  }

  private queue(delivery: PendingDelivery): void {
    if (this.holding) this.held.push(delivery);
    else this.dispatch(delivery);
  }

  /** The Events deliveries an order's classic topic makes: one per Order subscription whose action and triggers take it. */
  private orderEvents(shop: string, topic: string, payload: unknown): PendingDelivery[] {
    const action = ORDER_ACTIONS[topic];
    if (!action || !this.options.eventSubscriptions?.length || payload === null || typeof payload !== "object") return [];
    const body = payload as Record<string, unknown>;
    const orderId = String(body.admin_graphql_api_id ?? `gid://shopify/Order/${String(body.id)}`);
    const key = `${shop}|${orderId}`;
    // An order the sender has not seen since it started (the sandbox's shops are kept across runs): every field it has
    // counts as added, so its first update is delivered to every subscription whose triggers name one of them.
    const before = this.lastOrderBodies.get(key) ?? null;
    if (action === "delete") this.lastOrderBodies.delete(key);
    else this.lastOrderBodies.set(key, structuredClone(body));
    const changed = action === "update" ? orderFieldsChanged(before, body) : { added: [], updated: [], removed: [] };
    const deliveries: PendingDelivery[] = [];
    for (const subscription of this.options.eventSubscriptions ?? []) {
      if (subscription.topic !== "Order" || !subscription.actions.includes(action)) continue;
      const taken = action === "update" ? triggeredChanges(subscription, changed) : changed;
      if (!taken) {
        this.notTriggered.push({ shop, orderId, handle: subscription.handle, changed: allPaths(changed) });
        continue;
      }
      deliveries.push({
        topic: "Order",
        shop,
        body: JSON.stringify({ topic: "Order", action, handle: subscription.handle, fields_changed: taken }),
        eventId: randomUUID(),
        webhookId: randomUUID(),
        triggeredAt: new Date().toISOString(),
        uri: subscription.uri,
        event: { handle: subscription.handle, action, resourceId: orderId },
      });
    }
    return deliveries;
  }

  hold(): void {
    this.holding = true;
  }

  /** Sends what was held, newest first when reversed: an out-of-order delivery. */
  release(order: "reverse" | "original" = "reverse"): void {
    this.holding = false;
    const batch = order === "reverse" ? [...this.held].reverse() : this.held;
    this.held = [];
    for (const delivery of batch) this.dispatch(delivery);
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private dispatch(delivery: PendingDelivery): void {
    for (let copy = 0; copy < this.copies; copy++) {
      const task = this.deliver(delivery).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
  }

  private async deliver(delivery: PendingDelivery): Promise<void> {
    for (let attempt = 1; attempt <= this.retryDelaysMs.length + 1; attempt++) {
      const status = await this.post(delivery);
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

  private async post(delivery: PendingDelivery): Promise<number | null> {
    const hmac = createHmac("sha256", this.options.apiSecret).update(delivery.body, "utf8").digest("base64");
    try {
      const response = await fetch(new URL(delivery.uri, this.options.appUrl), {
        method: "POST",
        body: delivery.body,
        headers: delivery.event
          ? {
              // Events' own headers, as Shopify's library reads them (ShopifyEventsHeader).
              "Content-Type": "application/json",
              "shopify-topic": delivery.topic,
              "shopify-hmac-sha256": hmac,
              "shopify-shop-domain": delivery.shop,
              "shopify-webhook-id": delivery.webhookId,
              "shopify-event-id": delivery.eventId,
              "shopify-triggered-at": delivery.triggeredAt,
              "shopify-api-version": this.options.eventsApiVersion ?? this.options.apiVersion,
              "shopify-handle": delivery.event.handle,
              "shopify-action": delivery.event.action,
              "shopify-resource-id": delivery.event.resourceId,
            }
          : {
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
