/**
 * The webhook door's writes to the inbox, grouped as a database groups its
 * commits. A delivery is stored at once when fewer than `writesAtOnce` writes
 * are under way; otherwise it waits for the first of them to end, and the next
 * write stores every delivery that waited meanwhile (up to `maxDeliveries`, and
 * `maxPayloadLength` characters of bodies) in one statement and one commit
 * (recordWebhooks). At a quiet moment each delivery is a write of its own, as
 * soon as it would be alone; at a flash sale's rates, and above all after a
 * stall, when hundreds of deliveries have come in at once, one statement stores
 * many, and the door catches up sooner: on this project's machine, 10,000
 * orders' deliveries come at once were stored about twice as fast, for about
 * half the CPU a delivery (this process and PostgreSQL), as one statement
 * each, 10 at once (bench/inbox-write-batches.ts, with the json inbox).
 *
 * Each delivery is answered by its own outcome, exactly as storeDelivery gives
 * it: stored (answered after its commit), a repeat, a shop without Ponte
 * (counted), or its own refusal (a body PostgreSQL cannot read as JSON).
 */
import type { Environment } from "../config/environment";
import { wholeNumberSetting } from "../config/whole-number-setting";
import type { SqlRunner } from "../database/sql-runner.server";
import type { AuthenticatedWebhook } from "./handle-webhook.server";
import { countUnknownShopDelivery, inboxDelivery } from "./store-delivery.server";
import { recordWebhooks, type RecordOutcome } from "./webhook-inbox.server";

export interface InboxBatchSettings {
  /** Writes under way at once; a delivery that comes while they all are waits for the next. */
  writesAtOnce: number;
  /** The most deliveries one write stores (1: each its own, as before batching). */
  maxDeliveries: number;
  /** The most characters of bodies one write stores (a delivery larger than this is a write of its own). */
  maxPayloadLength: number;
}

/** The most deliveries a write may be set to store: nine parameters each, well within PostgreSQL's 65,535 a statement. */
export const MOST_DELIVERIES_A_WRITE = 1_000;

/**
 * PONTE_WEBHOOK_WRITES (default 4) and PONTE_WEBHOOK_BATCH (default 32 deliveries); bodies up to 4 MB a write. Four
 * writes at once rather than two: at 1,000 deliveries a second the door's p99 was 0.87x and 1.21x the floor's in two
 * runs against 1.89x and 2.71x with two, on the same day and build (bench/webhook-intake.ts, README).
 */
export function inboxBatchSettings(env: Environment = process.env): InboxBatchSettings {
  const maxDeliveries = wholeNumberSetting(env, "PONTE_WEBHOOK_BATCH", 32, "deliveries");
  if (maxDeliveries > MOST_DELIVERIES_A_WRITE)
    throw new Error(`PONTE_WEBHOOK_BATCH must be at most ${MOST_DELIVERIES_A_WRITE} deliveries (got "${env.PONTE_WEBHOOK_BATCH}")`);
  return { writesAtOnce: wholeNumberSetting(env, "PONTE_WEBHOOK_WRITES", 4, "writes"), maxDeliveries, maxPayloadLength: 4 * 1024 * 1024 };
}

interface Waiting {
  webhook: AuthenticatedWebhook;
  receivedAt: Date;
  length: number;
  settle: (result: PromiseSettledResult<RecordOutcome>) => void;
}

/** Stores a delivery as storeDelivery(sql, webhook, { onlyForInstalledShop: true, notify: false }) would, in batches. */
export function inboxWriteBatches(sql: SqlRunner, settings: InboxBatchSettings): (webhook: AuthenticatedWebhook) => Promise<RecordOutcome> {
  const waiting: Waiting[] = [];
  let writing = 0;

  const write = async (batch: Waiting[]) => {
    const deliveries = batch.map(({ webhook, receivedAt }) => ({ webhook: inboxDelivery(webhook), receivedAt }));
    let results: Array<PromiseSettledResult<RecordOutcome>>;
    try {
      results = await recordWebhooks(sql, deliveries, { onlyForInstalledShop: true, notify: false });
    } catch (reason) {
      results = batch.map(() => ({ status: "rejected", reason }));
    } finally {
      // Its statement done, the next write may start before these are answered.
      writing -= 1;
      startWrites();
    }
    batch.forEach((delivery, i) => {
      const result = results[i]!;
      if (result.status === "fulfilled" && result.value.status === "not-installed") {
        // Counted apart, after the write: the next batch need not wait for it.
        countUnknownShopDelivery(sql, delivery.webhook).then(
          () => delivery.settle(result),
          (reason: unknown) => delivery.settle({ status: "rejected", reason }),
        );
      } else delivery.settle(result);
    });
  };

  const startWrites = () => {
    while (writing < settings.writesAtOnce && waiting.length > 0) {
      let count = 1;
      let length = waiting[0]!.length;
      while (count < Math.min(waiting.length, settings.maxDeliveries) && length + waiting[count]!.length <= settings.maxPayloadLength) {
        length += waiting[count]!.length;
        count += 1;
      }
      const batch = waiting.splice(0, count);
      writing += 1;
      void write(batch);
    }
  };

  return (webhook) =>
    new Promise<RecordOutcome>((resolve, reject) => {
      waiting.push({
        webhook,
        receivedAt: new Date(),
        length: webhook.payloadJson?.length ?? 0,
        settle: (result) => (result.status === "fulfilled" ? resolve(result.value) : reject(result.reason as Error)),
      });
      startWrites();
    });
}
