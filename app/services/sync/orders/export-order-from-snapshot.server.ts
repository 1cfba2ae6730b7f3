/**
 * The export job's work for one (shop, order): take the newest snapshot of
 * the order, the ERP it goes to (the one that has it once exported, else
 * the one its shipping country routes it to), and run the export. What goes wrong is kept on
 * the order's OrderExport with its reason: a passing failure (ERP down, 5xx)
 * as "retrying" and rethrown so the job backs off and runs again; anything
 * else as "failed", shown to the merchant, retried by hand.
 */
import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../../crypto/secret-box.server";
import { erpRowsFingerprintSql, erpsForShopAsOf, type ShopErp } from "../../erp/erp-connections.server";
import { erpForCountry, routingCountry } from "../../erp/erp-routing";
import { isRetryable } from "../../errors";
import { exportOrderToErp, OrderBusyError, type ExportOutcome } from "./export-order-to-erp.use-case.server";
import { logFailedExport, merchantReason } from "./export-failure";
import { recordPendingState } from "./order-export-states.server";
import { orderFromSnapshot, type ShopifyOrder } from "../../shopify/shopify-order";
import type { ShopDomain } from "../../ids";
import { customerLegalDataOf } from "./customer-legal-data";
import { settleOrderRefunds } from "../refunds/book-refunds.use-case.server";
import { settleOrderReturns } from "../refunds/book-returns.use-case.server";
import { readExchangeLineIds, readReturn } from "../../shopify/order-reader.server";
import { alertFlowOfFailure } from "./erp-failure-flow.server";
import { legalIdentityForExport, type KeptLegalData, type ShopifyClientFor } from "./order-legal-identity.server";
import { sqlRunner, type SqlRunner } from "../../database/sql-runner.server";
import { z } from "zod";

export interface OrderExportJobDependencies {
  db: PrismaClient;
  /** Opens the ERP credentials; null when the worker has no PONTE_ENCRYPTION_KEY. */
  box: SecretBox | null;
  /** The shop's Admin API, for what of the buyer's legal data no webhook carries (order-legal-identity.server.ts). */
  shopify: ShopifyClientFor;
  /** Where the order's own read runs (the inbox drain's pool); the Prisma client when not given. */
  sql?: SqlRunner;
}

export interface SnapshotExportOptions {
  /**
   * Export the version read and stop, without looking for a newer one after. For the inbox drain: every newer
   * version's webhook asks for its own export, and one that finds the order busy goes to the export job. The job
   * (the default) looks again, since a request made while it runs is folded into it.
   */
  once?: boolean;
}

export type SnapshotExportOutcome = ExportOutcome | { status: "failed"; reason: string };

export const NO_ERP_REASON = "no ERP connected yet: the order goes once one is";

/**
 * Exports the newest version of the order. A version that arrives while an
 * export runs (orders/paid right behind orders/create) asks for an export
 * that the queue folds into the one running: so once done, the export looks
 * again, and goes on with the newer version (a few times at most).
 */
export async function exportSnapshotToErp(
  deps: OrderExportJobDependencies,
  shop: ShopDomain,
  orderId: string,
  options: SnapshotExportOptions = {},
): Promise<SnapshotExportOutcome> {
  const sql = sqlRunner(deps.sql ?? deps.db);
  let outcome: SnapshotExportOutcome;
  for (let pass = 1; ; pass++) {
    const stored = await readStoredOrder(sql, shop, orderId);
    if (!stored) return { status: "skipped", reason: "no such order (erased by a redaction?)" };
    outcome = await exportOneVersion(deps, shop, stored);
    if (options.once || pass >= 3 || (await snapshotVersion(sql, shop, orderId)) === stored.version) return outcome;
  }
}

/**
 * The newest snapshot of the order, its version (when it arrived), the ERP it was exported to, if it was, its kept
 * legal data and the state of the shop's ERP rows: one read.
 */
interface StoredOrder {
  order: ShopifyOrder;
  version: number;
  exportedTo: { erpConnectionId: string | null } | null;
  /** Whether a refund of the order waits to be settled (read with the order, so an order without one costs nothing more). */
  openRefunds: boolean;
  /** Whether a return of the order waits to be settled. */
  openReturns: boolean;
  /** The order's OrderLegalData row, null when none is kept. */
  legal: KeptLegalData | null;
  /** Changes whenever one of the shop's ERP rows does (erpsForShopAsOf). */
  erpRows: string;
}

/** A snapshot's version: when it arrived, in epoch milliseconds (the same through Prisma and through a pg pool). */
const VERSION_SQL = (column: string) => `round(extract(epoch from ${column}) * 1000)::float8`;

const storedRow = z.object({
  order: z.unknown(),
  version: z.number(),
  erpConnectionId: z.string().nullable(),
  erpOrderId: z.string().nullable(),
  openRefunds: z.boolean(),
  openReturns: z.boolean(),
  legal: z.object({ sources: z.unknown(), identity: z.unknown(), readAt: z.number() }).nullable(),
  erpRows: z.string(),
});

async function readStoredOrder(sql: SqlRunner, shop: ShopDomain, orderId: string): Promise<StoredOrder | null> {
  const [found] = await sql<unknown>(
    `SELECT s."order", ${VERSION_SQL(`s."receivedAt"`)} AS version, e."erpConnectionId", e."erpOrderId",
            EXISTS (SELECT 1 FROM "RefundRecord" r
                     WHERE r.shop = s.shop AND r."orderId" = s."orderId" AND r.status IN ('waiting', 'retrying')) AS "openRefunds",
            EXISTS (SELECT 1 FROM "ReturnRecord" t
                     WHERE t.shop = s.shop AND t."orderId" = s."orderId" AND t.status IN ('waiting', 'retrying')) AS "openReturns",
            (SELECT json_build_object('sources', d.sources, 'identity', d.identity, 'readAt', ${VERSION_SQL(`d."readAt"`)})
               FROM "OrderLegalData" d WHERE d.shop = s.shop AND d."orderId" = s."orderId") AS legal,
            ${erpRowsFingerprintSql(1)} AS "erpRows"
       FROM "OrderSnapshot" s LEFT JOIN "OrderExport" e ON e.shop = s.shop AND e."orderId" = s."orderId"
      WHERE s.shop = $1 AND s."orderId" = $2`,
    [shop, orderId],
  );
  if (!found) return null;
  const row = storedRow.parse(found);
  return {
    order: orderFromSnapshot(row.order),
    version: row.version,
    exportedTo: row.erpOrderId ? { erpConnectionId: row.erpConnectionId } : null,
    openRefunds: row.openRefunds,
    openReturns: row.openReturns,
    legal: row.legal ? { sources: row.legal.sources, identity: row.legal.identity, readAt: new Date(row.legal.readAt) } : null,
    erpRows: row.erpRows,
  };
}

async function snapshotVersion(sql: SqlRunner, shop: ShopDomain, orderId: string): Promise<number | null> {
  const [row] = await sql<{ version: number }>(
    `SELECT ${VERSION_SQL(`"receivedAt"`)} AS version FROM "OrderSnapshot" WHERE shop = $1 AND "orderId" = $2`,
    [shop, orderId],
  );
  return row?.version ?? null;
}

async function exportOneVersion(
  { db, box, shopify, sql }: OrderExportJobDependencies,
  shop: ShopDomain,
  stored: StoredOrder,
): Promise<SnapshotExportOutcome> {
  const { order } = stored;
  // The order's state short of exported, where its own read ran (the inbox drain's pool: no Prisma work for it).
  const states = sql ?? db;
  const erp = box ? erpOfOrder(await erpsForShopAsOf(db, box, shop, stored.erpRows), order, stored.exportedTo) : null;
  // The merchant's Flow workflows hear of a failure (once per streak), where the worker has the shop's Admin API.
  const alertFlow = async (reason: string, erpName: string) => {
    if (shopify) await alertFlowOfFailure(db, () => shopify(shop), shop, order, { reason, erpName });
  };
  if (erp && "lost" in erp) {
    await recordPendingState(states, shop, order, { status: "failed", reason: erp.lost }, true);
    await alertFlow(erp.lost, "ERP");
    return { status: "failed", reason: erp.lost };
  }
  if (!erp) {
    await recordPendingState(states, shop, order, { status: "waiting", reason: NO_ERP_REASON }, false);
    return { status: "waiting", reason: NO_ERP_REASON };
  }
  try {
    const identity = await legalIdentityForExport(db, shopify, shop, order, erp.legal, stored.legal);
    const exchangeLinesOf = shopify ? async (orderId: string) => readExchangeLineIds(await shopify(shop), orderId) : undefined;
    const outcome = await exportOrderToErp(
      { db, erp: erp.connector, erpId: erp.id, legal: customerLegalDataOf(identity, erp.legal), exchangeLinesOf },
      shop,
      order,
    );
    // Booked with other money than Shopify's: a failure for the merchant's Flow workflows too.
    const totals = "totals" in outcome ? outcome.totals : null;
    if (totals?.differs && totals.message) await alertFlow(totals.message, erp.name);
    // The order's refunds, now that Ponte knows whether (and from which version) its sale is in the ERP.
    // A refund or return that cannot be settled is kept on its own record with its reason; only a passing failure
    // (rethrown) has the order's job run again. The order's own export stands either way.
    try {
      const returnOf = shopify ? async (returnId: string) => readReturn(await shopify(shop), returnId) : undefined;
      const settlement = { db, erp: erp.connector, erpId: erp.id, erpName: erp.name, ...erp.refunds, returnOf };
      if (stored.openRefunds) await settleOrderRefunds(settlement, shop, order);
      // Returns after refunds: a unit a refund of the return restocked is not moved again.
      // (A return is read through the Admin API: a worker without one leaves it for the next export that has it.)
      if (stored.openReturns && shopify) await settleOrderReturns({ ...settlement, shopify: () => shopify(shop) }, shop, order);
    } catch (error) {
      if (isRetryable(error) || error instanceof OrderBusyError) throw error;
      console.warn(JSON.stringify({ event: "refunds-not-settled", shop, order: order.name, error: (error as Error).message }));
    }
    return outcome;
  } catch (error) {
    if (error instanceof OrderBusyError) throw error;
    const reason = merchantReason(error, order.name, erp.name);
    const retryable = isRetryable(error);
    const held = await db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId: order.id } }, select: { attempts: true } });
    logFailedExport({ shop, order, erp: { id: erp.id, name: erp.name }, attempt: (held?.attempts ?? 0) + 1 }, reason, error, retryable);
    await recordPendingState(states, shop, order, { status: retryable ? "retrying" : "failed", reason, erpId: erp.id }, true);
    if (retryable) throw error;
    await alertFlow(reason, erp.name);
    return { status: "failed", reason };
  }
}

/** An exported order stays with the ERP that has it; any other goes where its shipping country routes it. */
function erpOfOrder(erps: ShopErp[], order: ShopifyOrder, exportedTo: StoredOrder["exportedTo"]): ShopErp | { lost: string } | null {
  if (!exportedTo) return erpForCountry(erps, routingCountry(order));
  return (
    erps.find((erp) => erp.id === exportedTo.erpConnectionId) ?? {
      lost: `order ${order.name} is in an ERP that is no longer connected: reconnect it to carry changes over`,
    }
  );
}
