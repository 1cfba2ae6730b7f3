/**
 * Where each order stands on its way to the ERP (OrderExport), written so
 * that an exported order is never marked back as waiting or failed: a late
 * or racing writer cannot undo an export.
 */
import type { PrismaClient } from "@prisma/client";
import type { TotalsCheck } from "./totals-check";
import { bindingsCte, type LinkedSystem, type LinkRow } from "../../bindings/binder.server";
import { sqlRunner, type SqlRunner } from "../../database/sql-runner.server";

import type { OrderExportStatus } from "../../database/column-values";
import type { ErpConnectionId, ShopDomain } from "../../ids";
export type ExportStatus = OrderExportStatus;

export interface OrderRef {
  id: string;
  name: string;
}

/**
 * Records a state short of "exported" (waiting, retrying, failed, skipped), unless the order is already exported. On
 * a SqlRunner (the inbox drain's pool, an export's lock session) it skips Prisma's work for this one statement.
 */
export async function recordPendingState(
  db: PrismaClient | SqlRunner,
  shop: ShopDomain,
  order: OrderRef,
  /** erpId: the ERP the order is on its way to, when one was chosen. */
  state: { status: Exclude<ExportStatus, "exported">; reason: string | null; erpId?: string | null },
  countAttempt: boolean,
): Promise<void> {
  await sqlRunner(db)(
    `insert into "OrderExport" (shop, "orderId", "orderName", status, reason, attempts, "erpConnectionId", "updatedAt")
     values ($1, $2, $3, $4, $5, $6::int, $7, now())
     on conflict (shop, "orderId") do update set
       "orderName" = excluded."orderName",
       status = excluded.status,
       reason = excluded.reason,
       "erpConnectionId" = coalesce(excluded."erpConnectionId", "OrderExport"."erpConnectionId"),
       attempts = "OrderExport".attempts + $6::int,
       "updatedAt" = now()
     where "OrderExport".status <> 'exported'`,
    [shop, order.id, order.name, state.status, state.reason, countAttempt ? 1 : 0, state.erpId ?? null],
  );
}

/** Sets or clears what the merchant must see to on an exported order. */
export async function recordFlag(
  db: PrismaClient,
  shop: ShopDomain,
  orderId: string,
  flag: string | null,
  change: { erpState?: string; exportedVersion?: Date; exportedDigest?: string } = {},
): Promise<void> {
  await db.orderExport.update({ where: { shop_orderId: { shop, orderId } }, data: { flag, ...change } });
}

/** A sale the ERP has just made (created) or changed (updated) for an order, with what it leads to in Ponte. */
export interface SaleBooked {
  kind: "created" | "updated";
  shop: ShopDomain;
  erpId: ErpConnectionId;
  system: LinkedSystem;
  order: OrderRef & { updatedAt: string };
  sale: { id: string; number: string; state: string };
  /** Each Shopify line's quantity the sale now carries, by line id. */
  lines: Record<string, number>;
  /** The reference the sale was made with (created only). */
  reference: string | null;
  digest: string;
  totals: TotalsCheck | null;
  /** Links to record with it: the order's (when created), and the customer and articles found or made for it. */
  links: LinkRow[];
  /** The ERP customer for orders without one, found or made for this sale: kept on the ERP's connection. */
  anonymousCustomerId?: string;
}

/**
 * Everything a booked sale leads to, in one statement (so all of it or none): the links, and the order's record.
 * Created: the order is exported, its attempt counted. Updated: the edit is carried over, its flag cleared. Either
 * way the totals check is kept when there is one: a difference flags the order with its figures, a check that passes
 * clears an earlier difference's flag (and only that one); every check is news (reported anew).
 */
export async function recordSaleBooked(db: PrismaClient | SqlRunner, booked: SaleBooked, now = new Date()): Promise<void> {
  const { totals } = booked;
  const links = bindingsCte("links", booked.links, { shop: 1, system: 2, at: 3, first: 4 });
  const values: unknown[] = [
    booked.shop, // $1
    booked.system, // $2
    now.toISOString(), // $3
    ...links.values, // $4-$6
    booked.order.id, // $7
    booked.order.name, // $8
    booked.erpId, // $9
    booked.sale.id, // $10
    booked.sale.number, // $11
    booked.reference, // $12
    booked.sale.state, // $13
    new Date(booked.order.updatedAt).toISOString(), // $14
    booked.digest, // $15
    totals?.erpTotal ?? null, // $16
    totals?.erpTax ?? null, // $17
    totals?.shopifyTotal ?? null, // $18
    totals?.shopifyTax ?? null, // $19
    totals ? totals.differs : null, // $20: null when there is no check
    totals?.differs ? totals.message : null, // $21
    booked.anonymousCustomerId ?? null, // $22
    JSON.stringify(booked.lines), // $23
  ];
  const keptUnlessChecked = (column: string, param: number) =>
    `"${column}" = CASE WHEN $20::boolean IS NULL THEN "OrderExport"."${column}" ELSE $${param} END`;
  const totalsColumns = [
    keptUnlessChecked("erpTotal", 16),
    keptUnlessChecked("erpTax", 17),
    keptUnlessChecked("shopifyTotal", 18),
    keptUnlessChecked("shopifyTax", 19),
    `"totalsDiffer" = coalesce($20::boolean, "OrderExport"."totalsDiffer")`,
    `"totalsReportedAt" = CASE WHEN $20::boolean IS NULL THEN "OrderExport"."totalsReportedAt" END`,
  ].join(", ");
  // Created: exported now. Updated: only what the edit changed (the row is there: the order was exported).
  const onConflict =
    booked.kind === "created"
      ? `"orderName" = EXCLUDED."orderName", status = 'exported', "erpConnectionId" = EXCLUDED."erpConnectionId",
         "erpOrderId" = EXCLUDED."erpOrderId", "erpNumber" = EXCLUDED."erpNumber", "erpReference" = EXCLUDED."erpReference",
         reason = NULL, attempts = "OrderExport".attempts + 1,
         "saleMadeFromVersion" = coalesce("OrderExport"."saleMadeFromVersion", EXCLUDED."saleMadeFromVersion"),
         flag = CASE WHEN $20::boolean THEN $21 WHEN $20::boolean IS NOT NULL AND "OrderExport"."totalsDiffer" THEN NULL ELSE "OrderExport".flag END`
      : `flag = CASE WHEN $20::boolean THEN $21 END`;
  const saved = `INSERT INTO "OrderExport" (shop, "orderId", "orderName", status, "erpConnectionId", "erpOrderId", "erpNumber", "erpReference",
                                  "erpState", reason, "exportedVersion", "saleMadeFromVersion", "exportedDigest", "exportedLines", attempts, "erpTotal", "erpTax", "shopifyTotal",
                                  "shopifyTax", "totalsDiffer", flag, "metafieldsDue", "updatedAt")
     VALUES ($1, $7, $8, 'exported', $9, $10, $11, $12, $13, NULL, $14::timestamp(3), $14::timestamp(3), $15, $23::jsonb, 1, $16, $17, $18, $19,
             coalesce($20::boolean, false), $21, $13::text IS NOT NULL, $3::timestamp(3))
     ON CONFLICT (shop, "orderId") DO UPDATE SET ${onConflict}, "erpState" = EXCLUDED."erpState",
       "metafieldsDue" = "OrderExport"."metafieldsDue" OR EXCLUDED."erpState" IS DISTINCT FROM "OrderExport"."storeErpState",
       "exportedVersion" = EXCLUDED."exportedVersion", "exportedDigest" = EXCLUDED."exportedDigest",
       "exportedLines" = EXCLUDED."exportedLines", ${totalsColumns},
       "flowAlertedAt" = CASE WHEN $20::boolean THEN "OrderExport"."flowAlertedAt" END,
       "updatedAt" = EXCLUDED."updatedAt"
     RETURNING 1`;
  const anonymous = `UPDATE "ErpConnection" SET "anonymousCustomerId" = $22, "updatedAt" = $3::timestamp(3)
     WHERE id = $9 AND $22::text IS NOT NULL AND "anonymousCustomerId" IS NULL RETURNING 1`;
  await sqlRunner(db)(
    `WITH ${links.sql}, saved AS (${saved}), anonymous AS (${anonymous})
     SELECT (SELECT count(*) FROM links)::int AS links, (SELECT count(*) FROM saved)::int AS saved, (SELECT count(*) FROM anonymous)::int AS anonymous`,
    values,
  );
}
