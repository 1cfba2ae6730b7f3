// GIVEN a real database, the generic HTTP ERP emulator, and orders in every state of their way to the ERP
// WHEN the export job runs on a snapshot, the safety-net query looks for work, or the merchant retries
// THEN failures are kept with their reason (retrying or failed), nothing exported is undone,
//      and exactly the orders out of step with the ERP are found again
import { testOrder } from "../support/order-builder";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";
import { poolSql } from "../../app/services/database/sql-runner.server";
import { ERP_REUSE_MS, erpRowsFingerprintSql, erpsForShopAsOf, saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { erpReferenceFor } from "../../app/services/sync/orders/order-to-erp.mapper";
import { OrderBusyError } from "../../app/services/sync/orders/export-order-to-erp.use-case.server";
import { ErpUnavailableError } from "../../app/services/erp/erp-connector";
import { RetryableError } from "../../app/services/errors";
import { requeueRetryingOrdersIfErpIsBack } from "../../app/services/sync/orders/erp-comeback.server";
import { exportSnapshotToErp, NO_ERP_REASON } from "../../app/services/sync/orders/export-order-from-snapshot.server";
import { recordPendingState } from "../../app/services/sync/orders/order-export-states.server";
import { recordOrderSnapshot } from "../../app/services/sync/orders/order-snapshots.server";
import { listOrderSyncStates } from "../../app/services/sync/orders/order-export-list.server";
import { orderListQuerySchema } from "../../app/services/sync/orders/order-sync-states";
import { ordersAwaitingExport } from "../../app/services/sync/orders/orders-awaiting-export.server";
import { RETRY_ASKED, retryOrderExports } from "../../app/services/sync/orders/retry-order-exports.server";
import type { ShopifyOrder, ShopifyOrderInput } from "../../app/services/shopify/shopify-order";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { createTestDatabase } from "../support/test-database";
import { type ShopDomain, shopDomain } from "../../app/services/ids";

const box = new SecretBox(Buffer.alloc(32, 7).toString("base64"));
let db: PrismaClient;
/** A pg pool of the test database's, as the inbox drain runs its statements. */
let pool: pg.Pool;
let erpEmulator: ErpEmulator;

const order = (change: Partial<ShopifyOrderInput> = {}): ShopifyOrder => testOrder("S", change);

async function snapshot(shop: ShopDomain, change: Partial<ShopifyOrderInput> = {}): Promise<ShopifyOrder> {
  const o = order(change);
  await recordOrderSnapshot(db, shop, o, "webhook");
  return o;
}

const stateOf = (shop: ShopDomain, orderId: string) => db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId } } });

beforeAll(async () => {
  const url = await createTestDatabase("export-states");
  db = createPrismaClient(url);
  pool = new pg.Pool({ ...poolConfigFromUrl(url), max: 2 });
  erpEmulator = await startErpEmulator({ apiKey: "erp-states-key" });
});
afterAll(async () => {
  await erpEmulator.close();
  await pool.end();
  await db.$disconnect();
});

describe("the export job on a snapshot", () => {
  it("waits, with the reason, while the shop has no ERP; exports once one is connected", async () => {
    const shop = shopDomain("no-erp.myshopify.com");
    const o = await snapshot(shop);
    expect(await exportSnapshotToErp({ db, box, shopify: null }, shop, o.id)).toEqual({ status: "waiting", reason: NO_ERP_REASON });
    expect(await stateOf(shop, o.id)).toMatchObject({ status: "waiting", reason: NO_ERP_REASON });
    await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
    expect(await exportSnapshotToErp({ db, box, shopify: null }, shop, o.id)).toMatchObject({ status: "exported" });
  });

  it("keeps a passing ERP failure as retrying (and throws, so the job backs off); a refusal as failed, without throwing", async () => {
    const shop = shopDomain("flaky.myshopify.com");
    await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
    const o = await snapshot(shop);
    erpEmulator.faults.down = true;
    await expect(exportSnapshotToErp({ db, box, shopify: null }, shop, o.id)).rejects.toBeInstanceOf(RetryableError);
    erpEmulator.faults.down = false;
    expect(await stateOf(shop, o.id)).toMatchObject({ status: "retrying", reason: expect.stringMatching(/503|down/), attempts: 1 });

    const refused = await snapshot(shop, { currency: "" });
    expect(await exportSnapshotToErp({ db, box, shopify: null }, shop, refused.id)).toMatchObject({ status: "failed" });
    expect(await stateOf(shop, refused.id)).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/^The ERP refused order #S3: currency/),
    });

    expect(await exportSnapshotToErp({ db, box, shopify: null }, shop, o.id)).toMatchObject({ status: "exported" });
    expect(await stateOf(shop, o.id)).toMatchObject({ status: "exported", reason: null, attempts: 2 });
  });

  it("never marks an exported order back as waiting or failed", async () => {
    const shop = shopDomain("settled.myshopify.com");
    await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
    const o = await snapshot(shop);
    await exportSnapshotToErp({ db, box, shopify: null }, shop, o.id);
    await recordPendingState(db, shop, o, { status: "failed", reason: "a late writer" }, true);
    expect(await stateOf(shop, o.id)).toMatchObject({ status: "exported", reason: null });
  });
});

describe("watching an unavailable ERP", () => {
  it("says the ERP is still down while it is, and once it answers queues every retrying order of the shop and no other", async () => {
    const shop = shopDomain("comeback.myshopify.com");
    await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
    const exportedFirst = await snapshot(shop);
    await exportSnapshotToErp({ db, box, shopify: null }, shop, exportedFirst.id);
    erpEmulator.faults.down = true;
    const waiting = [await snapshot(shop), await snapshot(shop)];
    for (const o of waiting) await expect(exportSnapshotToErp({ db, box, shopify: null }, shop, o.id)).rejects.toBeInstanceOf(ErpUnavailableError);
    const queued: string[] = [];
    const enqueue = async (orderId: string) => void queued.push(orderId);

    expect(await requeueRetryingOrdersIfErpIsBack({ db, box }, shop, enqueue)).toMatchObject({ state: "still-down" });
    expect(queued).toEqual([]);
    erpEmulator.faults.down = false;
    expect(await requeueRetryingOrdersIfErpIsBack({ db, box }, shop, enqueue)).toEqual({ state: "back", requeued: 2 });
    expect(queued.sort()).toEqual(waiting.map((o) => o.id).sort());
    expect(await requeueRetryingOrdersIfErpIsBack({ db, box }, shopDomain("no-erp-here.myshopify.com"), enqueue)).toEqual({ state: "no-erp" });
  });
});

describe("finding orders out of step with the ERP", () => {
  it("finds the never tried, the waiting whose order changed, stalled retries and exported orders edited since; not the settled ones", async () => {
    const shop = shopDomain("sweep.myshopify.com");
    await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
    const neverTried = await snapshot(shop);
    const exportedOnce = await snapshot(shop);
    await exportSnapshotToErp({ db, box, shopify: null }, shop, exportedOnce.id);
    const editedAfter = await snapshot(shop);
    await exportSnapshotToErp({ db, box, shopify: null }, shop, editedAfter.id);
    await recordOrderSnapshot(db, shop, { ...editedAfter, updatedAt: "2026-11-20T12:00:00.000Z" }, "webhook");
    const unpaid = await snapshot(shop, { financialStatus: "PENDING" });
    await exportSnapshotToErp({ db, box, shopify: null }, shop, unpaid.id);
    const paidLater = await snapshot(shop, { financialStatus: "PENDING" });
    await exportSnapshotToErp({ db, box, shopify: null }, shop, paidLater.id);
    await recordOrderSnapshot(db, shop, { ...paidLater, financialStatus: "PAID", updatedAt: "2026-11-20T12:00:00.000Z" }, "webhook");
    const failed = await snapshot(shop, { currency: "" });
    await exportSnapshotToErp({ db, box, shopify: null }, shop, failed.id);
    const stalled = await snapshot(shop);
    await recordPendingState(db, shop, stalled, { status: "retrying", reason: "ERP down" }, true);

    const now = new Date();
    const found = await ordersAwaitingExport(db, shop, now);
    expect(found.sort()).toEqual([neverTried.id, editedAfter.id, paidLater.id].sort());
    const later = await ordersAwaitingExport(db, shop, new Date(now.getTime() + 6 * 60_000));
    expect(later.sort()).toEqual([neverTried.id, editedAfter.id, paidLater.id, stalled.id].sort());
    expect(later).not.toContain(unpaid.id);
    expect(later).not.toContain(failed.id);
    expect(later).not.toContain(exportedOnce.id);
  });
});

describe("the merchant's retry", () => {
  it("retries one failed order, or all of them, marking each as retrying and queuing its export", async () => {
    const shop = shopDomain("retry.myshopify.com");
    await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
    const failures = [await snapshot(shop, { currency: "" }), await snapshot(shop, { currency: "" }), await snapshot(shop, { currency: "" })];
    for (const f of failures) await exportSnapshotToErp({ db, box, shopify: null }, shop, f.id);
    const fine = await snapshot(shop);
    await exportSnapshotToErp({ db, box, shopify: null }, shop, fine.id);

    const queued: string[] = [];
    const enqueue = async (_shop: string, orderId: string) => void queued.push(orderId);
    expect(await retryOrderExports(db, enqueue, shop, { orderId: failures[0]!.id })).toBe(1);
    expect(queued).toEqual([failures[0]!.id]);
    expect(await stateOf(shop, failures[0]!.id)).toMatchObject({ status: "retrying", reason: RETRY_ASKED });

    expect(await retryOrderExports(db, enqueue, shop, "all-failed")).toBe(2);
    expect(queued.slice(1).sort()).toEqual([failures[1]!.id, failures[2]!.id].sort());
    expect(await retryOrderExports(db, enqueue, shop, { orderId: fine.id })).toBe(0);
    expect(await stateOf(shop, fine.id)).toMatchObject({ status: "exported" });
  });
});

describe("the Orders page's list", () => {
  it("lists every known order with its sync state, newest first, searchable by name, email or ERP number, filtered by state, with counts", async () => {
    const shop = shopDomain("list.myshopify.com");
    await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
    const exportedOrder = await snapshot(shop, { createdAt: "2026-11-20T09:00:00.000Z", email: "zoe@example.it" });
    await exportSnapshotToErp({ db, box, shopify: null }, shop, exportedOrder.id);
    const failedOrder = await snapshot(shop, { createdAt: "2026-11-20T10:00:00.000Z", currency: "" });
    await exportSnapshotToErp({ db, box, shopify: null }, shop, failedOrder.id);
    const queuedOrder = await snapshot(shop, { createdAt: "2026-11-20T11:00:00.000Z" });

    const all = await listOrderSyncStates(db, shop, orderListQuerySchema.parse({}));
    expect(all.rows.map((row) => [row.name, row.state])).toEqual([
      [queuedOrder.name, "queued"],
      [failedOrder.name, "failed"],
      [exportedOrder.name, "exported"],
    ]);
    expect(all.counts).toMatchObject({ all: 3, queued: 1, failed: 1, exported: 1, waiting: 0, flagged: 0 });
    expect(all.rows[1]!.reason).toMatch(/^The ERP refused order #S20: /);
    const erpNumber = all.rows[2]!.erpNumber!;
    expect(erpNumber).toMatch(/^SO\d+$/);

    const failedOnly = await listOrderSyncStates(db, shop, orderListQuerySchema.parse({ state: "failed" }));
    expect(failedOnly.rows.map((row) => row.orderId)).toEqual([failedOrder.id]);
    for (const q of [exportedOrder.name, "zoe@", erpNumber]) {
      const found = await listOrderSyncStates(db, shop, orderListQuerySchema.parse({ q }));
      expect(found.rows.map((row) => row.orderId)).toEqual([exportedOrder.id]);
      expect(found.counts.all).toBe(1);
    }
    expect((await listOrderSyncStates(db, shopDomain("other.myshopify.com"), orderListQuerySchema.parse({}))).rows).toEqual([]);
  });
});

describe("the export's reads", () => {
  const salesOf = (shop: ShopDomain, name: string) =>
    [...erpEmulator.books.salesOrders.values()].filter((sale) => sale.reference === erpReferenceFor(shop, { name }));
  const advisoryLocks = async () =>
    Number((await db.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'`)[0]!.n);

  it("sees an edit of the shop's ERP made by any writer at the next order, and uses the ERPs it made again while nothing changed", async () => {
    const shop = shopDomain("erp-moved.myshopify.com");
    const second = await startErpEmulator({ apiKey: "erp-moved-key" });
    try {
      await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
      const [first, again] = [await snapshot(shop), await snapshot(shop)];
      await exportSnapshotToErp({ db, box, shopify: null }, shop, first.id);
      const [row] = await db.$queryRawUnsafe<Array<{ fingerprint: string }>>(`SELECT ${erpRowsFingerprintSql(1)} AS fingerprint`, shop);
      const made = erpsForShopAsOf(db, box, shop, row!.fingerprint);
      expect(erpsForShopAsOf(db, box, shop, row!.fingerprint)).toBe(made);
      expect(erpsForShopAsOf(db, box, shop, row!.fingerprint, Date.now() + ERP_REUSE_MS)).not.toBe(made);
      await exportSnapshotToErp({ db, box, shopify: null }, shop, again.id);
      expect(salesOf(shop, again.name)).toHaveLength(1);

      // Moved by a statement that leaves updatedAt alone: the next order goes to the new address all the same.
      await db.$executeRaw`UPDATE "ErpConnection" SET url = ${second.url}, "secretSealed" = ${box.seal(second.apiKey)} WHERE shop = ${shop}`;
      const moved = await snapshot(shop);
      expect(await exportSnapshotToErp({ db, box, shopify: null }, shop, moved.id)).toMatchObject({ status: "exported" });
      expect([...second.books.salesOrders.values()].map((sale) => sale.reference)).toContain(erpReferenceFor(shop, moved));
      expect(salesOf(shop, moved.name)).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it("exports the version read once when asked (the inbox drain); a newer version arriving meanwhile finds the order busy, and the job's export, which looks again, carries it", async () => {
    const shop = shopDomain("newer-meanwhile.myshopify.com");
    await saveErpConnection(db, box, shop, { kind: "http", url: erpEmulator.url, secret: erpEmulator.apiKey });
    const first = await snapshot(shop);
    const newer = { ...first, updatedAt: "2026-11-20T11:00:00.000Z", lines: [{ ...first.lines[0]!, quantity: 3 }] };
    const quantityInErp = () => salesOf(shop, first.name).map((sale) => sale.lines.map((line) => line.quantity));

    erpEmulator.faults.latencyMs = 150;
    try {
      // The drain's export, slowed by the ERP, holds the order's lock while the newer version is stored and asked for.
      const drained = exportSnapshotToErp({ db, box, shopify: null }, shop, first.id, { once: true });
      await expect.poll(advisoryLocks, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
      await recordOrderSnapshot(db, shop, newer, "webhook");
      await expect(exportSnapshotToErp({ db, box, shopify: null }, shop, first.id, { once: true })).rejects.toBeInstanceOf(OrderBusyError);
      expect(await drained).toMatchObject({ status: "exported" });
      expect(quantityInErp()).toEqual([[1]]);
    } finally {
      erpEmulator.faults.latencyMs = 0;
    }
    // The busy one went to the export job (inline-export.server.ts), which exports the newest version.
    expect(await exportSnapshotToErp({ db, box, shopify: null }, shop, first.id)).toMatchObject({ status: "updated" });
    expect(quantityInErp()).toEqual([[3]]);

    // The job itself looks again after its export: a version stored while it runs is carried by the same job.
    await recordOrderSnapshot(db, shop, { ...newer, updatedAt: "2026-11-20T12:00:00.000Z", lines: [{ ...first.lines[0]!, quantity: 5 }] }, "webhook");
    const latest = { ...newer, updatedAt: "2026-11-20T13:00:00.000Z", lines: [{ ...first.lines[0]!, quantity: 7 }] };
    erpEmulator.faults.latencyMs = 150;
    try {
      const job = exportSnapshotToErp({ db, box, shopify: null }, shop, first.id);
      await expect.poll(advisoryLocks, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
      await recordOrderSnapshot(db, shop, latest, "webhook");
      expect(await job).toMatchObject({ status: "updated" });
    } finally {
      erpEmulator.faults.latencyMs = 0;
    }
    expect(quantityInErp()).toEqual([[7]]);
  });
});

// Last in the file: the orders made here take numbers that the tests above name.
describe("the same states through the inbox drain's pool", () => {
  it("keeps the reason, the ERP once chosen and the attempts counted, and never undoes an export", async () => {
    const shop = shopDomain("pooled-states.myshopify.com");
    const sql = poolSql(pool);
    const o = await snapshot(shop);
    expect(await exportSnapshotToErp({ db, box, shopify: null, sql }, shop, o.id)).toEqual({ status: "waiting", reason: NO_ERP_REASON });
    expect(await stateOf(shop, o.id)).toMatchObject({ status: "waiting", reason: NO_ERP_REASON, attempts: 0, erpConnectionId: null });

    await recordPendingState(sql, shop, o, { status: "retrying", reason: "ERP down", erpId: "erp-1" }, true);
    await recordPendingState(sql, shop, o, { status: "retrying", reason: "ERP still down" }, true);
    expect(await stateOf(shop, o.id)).toMatchObject({ status: "retrying", reason: "ERP still down", attempts: 2, erpConnectionId: "erp-1" });

    await db.orderExport.update({ where: { shop_orderId: { shop, orderId: o.id } }, data: { status: "exported", reason: null } });
    await recordPendingState(sql, shop, o, { status: "failed", reason: "a late writer" }, true);
    expect(await stateOf(shop, o.id)).toMatchObject({ status: "exported", reason: null, attempts: 2 });
  });
});
