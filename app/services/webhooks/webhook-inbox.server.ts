/**
 * The webhook inbox: every delivery Shopify makes is stored before we answer
 * 200. The unique key (shop, eventId) makes a repeat delivery of the same
 * event a no-op, so nothing downstream ever sees it twice.
 */
import { wholeNumberSetting } from "../config/whole-number-setting";
import type { PrismaClient } from "@prisma/client";
import type { ShopDomain } from "../ids";
import { sqlRunner, type SqlRunner } from "../database/sql-runner.server";
import { timeOrderedUuid } from "../database/time-ordered-id";

export interface IncomingWebhook {
  shop: ShopDomain;
  topic: string;
  /** X-Shopify-Event-Id: the same for every delivery of one event. */
  eventId: string;
  webhookId: string;
  apiVersion: string;
  triggeredAt?: string;
  payload: unknown;
  /** The payload's JSON as it came, when it is what is kept: stored as it is, not written again from `payload`. */
  payloadJson?: string;
}

export type RecordOutcome = { status: "recorded"; id: string } | { status: "duplicate" } | { status: "not-installed" };

export interface RecordOptions {
  /** Store nothing for a shop without Ponte installed (its outcome "not-installed"). */
  onlyForInstalledShop?: boolean;
  /** false: the statement notifies no one; the caller wakes the drain itself after the insert (inboxWakeup). */
  notify?: boolean;
}

/**
 * One statement: the insert (a repeat of a stored event does nothing) and, with it, a notification on `ponte_inbox`
 * that wakes the workers' inbox drain at commit. With `onlyForInstalledShop`, the same statement first checks that
 * the shop has Ponte installed, and stores nothing when it has not. With `notify: false` the statement notifies no
 * one: the caller wakes the drain itself after the insert (inboxWakeup, the webhook door's way at a flash sale's rates).
 */
export async function recordWebhook(
  db: PrismaClient | SqlRunner,
  webhook: IncomingWebhook,
  options: RecordOptions = {},
  now = new Date(),
): Promise<RecordOutcome> {
  const [outcome] = await insertDeliveries(db, [{ webhook: withStoredPayload(webhook), receivedAt: now }], options);
  return outcome!;
}

export interface ReceivedWebhook {
  webhook: IncomingWebhook;
  /** When it came: its row's receivedAt, and its id's time. */
  receivedAt: Date;
}

/**
 * Several deliveries stored in one statement (one commit), each as recordWebhook stores it alone, each with its own
 * outcome in the order given; of two deliveries of one event, the first is recorded and the second is a duplicate.
 * When PostgreSQL refuses the statement, each delivery is stored again alone (recordWebhook), so that one it cannot
 * store (a body that is not JSON) costs the others nothing: that one's outcome is its refusal. The webhook door's
 * batches (inbox-write-batches.server.ts).
 */
export async function recordWebhooks(
  db: PrismaClient | SqlRunner,
  deliveries: readonly ReceivedWebhook[],
  options: RecordOptions = {},
): Promise<Array<PromiseSettledResult<RecordOutcome>>> {
  if (deliveries.length <= 1) return storedAlone(db, deliveries, options);
  // Each body made ready once (a NUL cleaned, and logged, once), for the statement and, if it is refused, for each alone.
  const stored = deliveries.map(({ webhook, receivedAt }) => ({ webhook: withStoredPayload(webhook), receivedAt }));
  try {
    const outcomes = await insertDeliveries(db, stored, options);
    return outcomes.map((value) => ({ status: "fulfilled", value }));
  } catch {
    return storedAlone(db, stored, options);
  }
}

/** Each delivery stored by recordWebhook, one after another in their order: of two of one event, the first is stored. */
async function storedAlone(
  db: PrismaClient | SqlRunner,
  deliveries: readonly ReceivedWebhook[],
  options: RecordOptions,
): Promise<Array<PromiseSettledResult<RecordOutcome>>> {
  const results: Array<PromiseSettledResult<RecordOutcome>> = [];
  for (const { webhook, receivedAt } of deliveries) {
    results.push(
      await recordWebhook(db, webhook, options, receivedAt).then(
        (value) => ({ status: "fulfilled", value }) as const,
        (reason: unknown) => ({ status: "rejected", reason }) as const,
      ),
    );
  }
  return results;
}

/**
 * The body as it is stored. PostgreSQL's json keeps the NUL character (\u0000), which JSON allows, but nothing can
 * read it out of a stored body (its ->> operator, a jsonb copy of an order, all refuse it): a body with one is kept
 * with each NUL replaced by U+FFFD, not lost, and the log says so. Only a body with the text \u0000 in it is read
 * (an escaped backslash before "u0000" too: that body is kept as it came).
 */
function withStoredPayload(webhook: IncomingWebhook): StoredWebhook {
  return { ...webhook, payloadJson: payloadOf(webhook) };
}

/** A delivery whose body is the text stored (withStoredPayload). */
type StoredWebhook = IncomingWebhook & { payloadJson: string };

function payloadOf(webhook: IncomingWebhook): string {
  const json = webhook.payloadJson ?? JSON.stringify(webhook.payload ?? {});
  if (!json.includes("\\u0000")) return json;
  const cleaned = jsonWithoutNul(json);
  if (cleaned === null) return json; // not JSON: PostgreSQL refuses it as such
  if (cleaned !== json)
    console.warn(
      JSON.stringify({
        event: "webhook-payload-nul-replaced",
        shop: webhook.shop,
        topic: webhook.topic,
        eventId: webhook.eventId,
        reason: NUL_REASON,
      }),
    );
  return cleaned;
}

async function insertDeliveries(
  db: PrismaClient | SqlRunner,
  deliveries: ReadonlyArray<{ webhook: StoredWebhook; receivedAt: Date }>,
  options: RecordOptions,
): Promise<RecordOutcome[]> {
  const rows = await sqlRunner(db)<{ id: string; recorded: boolean; allowed: boolean }>(recordStatement(deliveries.length), [
    !options.onlyForInstalledShop,
    INBOX_CHANNEL,
    options.notify !== false,
    ...deliveries.flatMap(({ webhook, receivedAt }) => [
      // Time-ordered, so each new row's key goes at its index's end: a random one dirtied a page anywhere in the
      // index, one more page written whole to PostgreSQL's log per insert after each checkpoint (8.7 KB of log an
      // insert against 3.7 KB for the floor's, bench/webhook-intake.ts with pg_stat_statements).
      timeOrderedUuid(receivedAt.getTime()),
      webhook.shop,
      webhook.topic,
      webhook.eventId,
      webhook.webhookId,
      webhook.apiVersion,
      parseTriggeredAt(webhook.triggeredAt)?.toISOString() ?? null,
      webhook.payloadJson,
      receivedAt.toISOString(),
    ]),
  ]);
  return rows.map((row) => (row.recorded ? { status: "recorded", id: row.id } : row.allowed ? { status: "duplicate" } : { status: "not-installed" }));
}

const recordStatements = new Map<number, string>();

/** recordStatement(1): the same parameters and answer, in a statement PostgreSQL runs in a quarter less time for one row. */
const RECORD_ONE_SQL = `WITH allowed AS (
    SELECT 1 FROM "Shop" WHERE domain = $5 AND "uninstalledAt" IS NULL
    UNION ALL SELECT 1 WHERE $1::boolean
  ), inserted AS (
    INSERT INTO "WebhookEvent" (id, shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload, "receivedAt", "availableAt")
    SELECT $4, $5, $6, $7, $8, $9, $10::timestamp(3), $11::json, $12::timestamp(3), $12::timestamp(3)
      WHERE EXISTS (SELECT 1 FROM allowed)
    ON CONFLICT (shop, "eventId") DO NOTHING
    RETURNING id
  )
  SELECT $4::text AS id, EXISTS (SELECT 1 FROM inserted) AS recorded, EXISTS (SELECT 1 FROM allowed) AS allowed,
         (SELECT pg_notify($2, '1')::text FROM inserted WHERE $3::boolean) AS notified`;

/**
 * The statement storing `count` deliveries: $1, every shop allowed (else only an installed one); $2 and $3, the
 * channel, and whether to notify it (once, with how many were recorded); then each delivery's nine values, its own
 * parameters. (A body in a text array would be escaped by the app and parsed out again by PostgreSQL: for one
 * delivery of the captured order (9.8 KB), measured on this project's machine, about a third more CPU in both.) The insert takes the deliveries in
 * their order, so that of two of one event the first is stored. Its last column is there only for PostgreSQL to run
 * the notification (a CTE no one reads is not run). One statement for each count, prepared once on each connection.
 */
function recordStatement(count: number): string {
  if (count === 1) return RECORD_ONE_SQL;
  let statement = recordStatements.get(count);
  if (statement) return statement;
  const rows = Array.from({ length: count }, (_, i) => {
    const $ = (k: number) => `$${4 + i * 9 + k}`;
    return `(${$(0)}::text, ${$(1)}::text, ${$(2)}::text, ${$(3)}::text, ${$(4)}::text, ${$(5)}::text, ${$(6)}::timestamp(3), ${$(7)}::text, ${$(8)}::timestamp(3), ${i})`;
  });
  statement = `WITH delivery (id, shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload, "receivedAt", n) AS (
      VALUES ${rows.join(",\n             ")}
    ), allowed AS (
      SELECT domain FROM "Shop" WHERE domain IN (SELECT shop FROM delivery) AND "uninstalledAt" IS NULL
      UNION SELECT shop FROM delivery WHERE $1::boolean
    ), inserted AS (
      INSERT INTO "WebhookEvent" (id, shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload, "receivedAt", "availableAt")
      SELECT id, shop, topic, "eventId", "webhookId", "apiVersion", "triggeredAt", payload::json, "receivedAt", "receivedAt"
        FROM delivery WHERE shop IN (SELECT domain FROM allowed) ORDER BY n
      ON CONFLICT (shop, "eventId") DO NOTHING
      RETURNING id
    ), notified AS (
      SELECT pg_notify($2, count(*)::text) FROM inserted WHERE $3::boolean HAVING count(*) > 0
    )
    SELECT id, id IN (SELECT id FROM inserted) AS recorded, shop IN (SELECT domain FROM allowed) AS allowed,
           (SELECT count(*) FROM notified) AS notifications
      FROM delivery ORDER BY n`;
  recordStatements.set(count, statement);
  return statement;
}

const NUL_REASON = "the payload held the NUL character (\\u0000), which PostgreSQL cannot read out of JSON; each was replaced by U+FFFD";

/** The JSON text again with every NUL character, in a key or a string, replaced by U+FFFD (as it came when it had
 * none); null when it is not JSON. */
function jsonWithoutNul(json: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  let replaced = false;
  const clean = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (!value.includes("\u0000")) return value;
      replaced = true;
      return value.replaceAll("\u0000", "\ufffd");
    }
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [clean(key), clean(inner)]));
    return value;
  };
  const cleaned = clean(parsed);
  return replaced ? JSON.stringify(cleaned) : json;
}

/** The channel the workers' inbox drain listens on. */
export const INBOX_CHANNEL = "ponte_inbox";

/**
 * Wakes the workers' inbox drain for deliveries stored without a notification of their own (recordWebhook's
 * `notify: false`): call it after each insert has committed; one NOTIFY goes `delayMs` later for all the inserts
 * made meanwhile, so every stored delivery is followed by a notification sent after it. A notification taken in
 * each insert's own statement serializes the inserts' commits in PostgreSQL (its notify queue is taken under a
 * lock held until commit): on 10 connections on this project's machine, this module's insert did 984–1,138 a second
 * with it and 1,090–1,270 without, a plain insert 990–1,512 with and 1,597–2,210 without. A notification lost (the
 * database gone a moment) is made good by the drain's poll. Its payload is how many deliveries it stands for: the
 * drain hears from it how fast deliveries come (inbox-burst-hold.ts).
 */
export function inboxWakeup(sql: SqlRunner, delayMs = 20, onError: (error: Error) => void = () => {}): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stored = 0;
  return () => {
    stored += 1;
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const deliveries = stored;
      stored = 0;
      sql(`SELECT pg_notify($1, $2)`, [INBOX_CHANNEL, String(deliveries)]).catch(onError);
    }, delayMs);
    timer.unref();
  };
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
