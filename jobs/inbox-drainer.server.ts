/**
 * The worker's inbox drain: waits on PostgreSQL's `ponte_inbox` channel (the
 * webhook's insert notifies it, recordWebhook) and, on each wake-up or every
 * `pollMs` (retries falling due, a lost notification), claims and processes
 * batches of events until none is due. Any number of workers drain side by
 * side: a claim never takes an event another worker holds. While a flash
 * sale's deliveries come in faster than its `burstHold` rate, it holds back
 * (for a bounded time) and leaves the cores to the webhook door.
 */
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { drainInboxBatch, type DrainSettings, type InboxDependencies } from "../app/services/webhooks/process-inbox-event.server";
import { INBOX_CHANNEL } from "../app/services/webhooks/webhook-inbox.server";
import { burstHold, deliveriesOfWakeup, type BurstHoldSettings } from "../app/services/webhooks/inbox-burst-hold";

export interface InboxDrainerOptions extends DrainSettings {
  db: PrismaClient;
  databaseUrl: string;
  onOrderChanged: InboxDependencies["onOrderChanged"];
  shopify?: InboxDependencies["shopify"];
  /** The drain's own statements' pool (see InboxDependencies.sql). */
  sql?: InboxDependencies["sql"];
  log: (line: string) => void;
  /** How often the inbox is looked at without a notification. */
  pollMs: number;
  /** When the drain holds back for a burst of deliveries (inbox-burst-hold.ts); never when not given. */
  burstHold?: BurstHoldSettings;
}

export interface InboxDrainer {
  /** Finishes the batch in hand, then stops listening. */
  stop(): Promise<void>;
}

export async function startInboxDrainer(options: InboxDrainerOptions): Promise<InboxDrainer> {
  const deps: InboxDependencies = { db: options.db, sql: options.sql, onOrderChanged: options.onOrderChanged, shopify: options.shopify };
  let stopped = false;
  let wake: () => void = () => {};
  let woken = false;
  const nap = () =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(() => resolve(), options.pollMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const kick = () => {
    woken = true;
    wake();
  };
  const hold = burstHold(options.burstHold ?? { holdAboveRate: 0, maxHoldMs: 0 });

  const listener = await listen(options, (payload) => {
    hold.heard(deliveriesOfWakeup(payload));
    kick();
  });
  const loop = (async () => {
    while (!stopped) {
      woken = false;
      const wait = hold.waitMs();
      if (wait > 0) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      try {
        // A full batch means more may be waiting: go on at once.
        if ((await drainInboxBatch(deps, options)) === options.batchSize) continue;
      } catch (error) {
        options.log(`inbox drain failed: ${(error as Error).message}`);
      }
      await nap();
    }
  })();

  return {
    async stop() {
      stopped = true;
      kick();
      await loop;
      await listener.close();
    },
  };
}

/** A connection of its own that LISTENs, and connects again after losing the server (the poll covers the gap). */
async function listen(options: InboxDrainerOptions, onNotify: (payload: string | undefined) => void): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ connectionString: options.databaseUrl });
    next.on("notification", (message) => onNotify(message.payload));
    next.on("error", (error) => {
      options.log(`inbox listener lost its connection (${error.message}); polling every ${options.pollMs} ms meanwhile`);
      void next.end().catch(() => {});
      if (client === next) client = null;
      if (!closed) retry = setTimeout(() => void connect().catch(() => {}), 5_000);
    });
    await next.connect();
    await next.query(`LISTEN ${INBOX_CHANNEL}`);
    if (closed) return void (await next.end());
    client = next;
  };
  await connect().catch((error: Error) => {
    options.log(`inbox listener could not connect (${error.message}); polling every ${options.pollMs} ms`);
    retry = setTimeout(() => void connect().catch(() => {}), 5_000);
  });
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
