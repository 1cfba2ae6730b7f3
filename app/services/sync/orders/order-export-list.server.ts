/**
 * The Orders page's list: every order Ponte knows (its newest snapshot) with
 * where it stands on its way to the ERP, searchable by order name, email or
 * ERP number, filtered by sync state, newest first; and the count per state.
 * With several ERPs, each row names the ERP its order went to.
 * An order Ponte holds but has not yet tried to export shows as "queued".
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import {
  ORDERS_PER_PAGE,
  ORDER_SYNC_STATES,
  type OrderList,
  type OrderListQuery,
  type OrderPosState,
  type OrderRefundState,
  type OrderSyncRow,
  type OrderSyncState,
  orderListQuerySchema,
} from "./order-sync-states";
import type { ShopDomain } from "../../ids";
import { isEmptyIdentity, legalIdentitySchema } from "../../tax-ids/tax-identifier";
import { refundFromRecord } from "../../shopify/shopify-refund";

const stateOf = Prisma.sql`coalesce(e.status, 'queued')`;

function stateFilter(state: OrderListQuery["state"]): Prisma.Sql {
  if (state === "all") return Prisma.empty;
  if (state === "flagged") return Prisma.sql`and e.flag is not null`;
  return Prisma.sql`and ${stateOf} = ${state}`;
}

export async function listOrderSyncStates(db: PrismaClient, shop: ShopDomain, query: OrderListQuery): Promise<OrderList> {
  const search = query.q
    ? Prisma.sql`and (s.name ilike ${`%${query.q}%`} or s."order"->>'email' ilike ${`%${query.q}%`} or e."erpNumber" ilike ${`%${query.q}%`})`
    : Prisma.empty;
  return listOrders(db, shop, query, search);
}

/** One order's row, as the Orders page shows it (the order-details block's source); null when Ponte does not hold the order. */
export async function readOrderSyncState(db: PrismaClient, shop: ShopDomain, orderId: string): Promise<OrderSyncRow | null> {
  const list = await listOrders(db, shop, orderListQuerySchema.parse({}), Prisma.sql`and s."orderId" = ${orderId}`);
  return list.rows[0] ?? null;
}

async function listOrders(db: PrismaClient, shop: ShopDomain, query: OrderListQuery, search: Prisma.Sql): Promise<OrderList> {
  const offset = (query.page - 1) * ORDERS_PER_PAGE;
  const several = (await db.erpConnection.count({ where: { shop } })) > 1;
  const rows = await db.$queryRaw<
    Array<{
      orderId: string;
      name: string;
      email: string | null;
      createdAt: string | null;
      financialStatus: string | null;
      state: string;
      erpNumber: string | null;
      erpName: string | null;
      reason: string | null;
      flag: string | null;
      attempts: number | null;
      updatedAt: Date;
      legal: unknown;
      sendsInvalid: boolean | null;
      invoiceNumber: string | null;
      invoiceDate: string | null;
      erpState: string | null;
      erpTotal: string | null;
      shopifyTotal: string | null;
      currency: string | null;
      totalsDiffer: boolean | null;
    }>
  >`
    select s."orderId", s.name, s."order"->>'email' as email, s."order"->>'createdAt' as "createdAt", s."financialStatus",
           ${stateOf} as state, e."erpNumber", c.name as "erpName", e.reason, e.flag, e.attempts, coalesce(e."updatedAt", s."receivedAt") as "updatedAt",
           l.identity as legal, c."legalSendInvalid" as "sendsInvalid", e."erpInvoiceNumber" as "invoiceNumber", e."erpInvoiceDate" as "invoiceDate",
           e."erpState", e."erpTotal", e."shopifyTotal", s."order"->>'currency' as currency, e."totalsDiffer"
      from "OrderSnapshot" s
      left join "OrderExport" e on e.shop = s.shop and e."orderId" = s."orderId"
      left join "ErpConnection" c on c.id = e."erpConnectionId"
      left join "OrderLegalData" l on l.shop = s.shop and l."orderId" = s."orderId"
     where s.shop = ${shop} ${search} ${stateFilter(query.state)}
     order by s."order"->>'createdAt' desc nulls last, s."orderId" desc
     limit ${ORDERS_PER_PAGE + 1} offset ${offset}`;
  const grouped = await db.$queryRaw<Array<{ state: string; flagged: boolean; count: bigint }>>`
    select ${stateOf} as state, e.flag is not null as flagged, count(*) as count
      from "OrderSnapshot" s
      left join "OrderExport" e on e.shop = s.shop and e."orderId" = s."orderId"
     where s.shop = ${shop} ${search}
     group by 1, 2`;
  const counts = Object.fromEntries([["all", 0], ...ORDER_SYNC_STATES.map((state) => [state, 0])]) as OrderList["counts"];
  for (const group of grouped) {
    const n = Number(group.count);
    counts.all += n;
    counts[group.state as OrderSyncState] += n;
    if (group.flagged) counts.flagged += n;
  }
  const shown = rows.slice(0, ORDERS_PER_PAGE);
  const pos = await posStatesOf(
    db,
    shop,
    shown.map((row) => row.orderId),
  );
  const refunds = await refundStatesOf(
    db,
    shop,
    shown.map((row) => row.orderId),
  );
  const failedRefunds = await db.refundRecord.count({ where: { shop, status: "failed" } });
  return {
    rows: shown.map((row) => ({
      orderId: row.orderId,
      name: row.name,
      email: row.email,
      createdAt: row.createdAt ?? row.updatedAt.toISOString(),
      financialStatus: row.financialStatus,
      state: row.state as OrderSyncRow["state"],
      erpNumber: row.erpNumber,
      erpName: several ? row.erpName : null,
      reason: row.reason,
      flag: row.flag,
      attempts: row.attempts ?? 0,
      updatedAt: row.updatedAt.toISOString(),
      pos: pos.get(row.orderId) ?? null,
      legal: legalOf(row.legal, row.sendsInvalid ?? false),
      invoice: row.invoiceNumber ? { number: row.invoiceNumber, date: row.invoiceDate } : null,
      erpState: row.erpState,
      totals:
        row.erpTotal && row.shopifyTotal && row.currency
          ? { erp: row.erpTotal, shopify: row.shopifyTotal, currency: row.currency, differ: row.totalsDiffer ?? false }
          : null,
      refunds: refunds.get(row.orderId) ?? [],
    })),
    counts,
    failedRefunds,
    page: query.page,
    hasNext: rows.length > ORDERS_PER_PAGE,
  };
}

/** The legal identity kept for the order, when it holds anything (read back through its schema; an unreadable one is none). */
function legalOf(stored: unknown, sendsInvalid: boolean): OrderSyncRow["legal"] {
  const parsed = legalIdentitySchema.safeParse(stored);
  if (!parsed.success) return null;
  const identity = parsed.data;
  return isEmptyIdentity(identity) ? null : { ...identity, sendsInvalid };
}

/** The refunds of the orders on the page (those Ponte follows: not the ones of an ERP whose refunds are off). */
async function refundStatesOf(db: PrismaClient, shop: ShopDomain, orderIds: string[]): Promise<Map<string, OrderRefundState[]>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db.refundRecord.findMany({
    where: { shop, orderId: { in: orderIds }, status: { not: "ignored" } },
    orderBy: { refundedAt: "asc" },
  });
  const states = new Map<string, OrderRefundState[]>();
  // A return that brought goods back with no refund, or exchanged them, shows beside the refunds, named by Shopify ("#1001-R1").
  const returns = await db.returnRecord.findMany({ where: { shop, orderId: { in: orderIds }, status: { notIn: ["ignored", "waiting"] } } });
  for (const row of returns) {
    const list = states.get(row.orderId) ?? [];
    list.push({
      refundId: row.returnId,
      refundedAt: row.updatedAt.toISOString(),
      status: row.status,
      total: null,
      refunded: null,
      creditNoteNumber: row.creditNoteNumber,
      totalsDiffer: false,
      reason: row.reason,
      returnName: row.name ?? "",
      exchangeSaleNumber: row.exchangeSaleNumber ?? (row.exchangeExpectedTotal !== null ? null : undefined),
    });
    states.set(row.orderId, list);
  }
  for (const row of rows) {
    const list = states.get(row.orderId) ?? [];
    list.push({
      refundId: row.refundId,
      refundedAt: row.refundedAt.toISOString(),
      status: row.status,
      total: (row.erpTotal ?? row.expectedTotal) ? { amount: (row.erpTotal ?? row.expectedTotal)!, currency: currencyOf(row.refund) } : null,
      refunded: moneyOf(row.shopifyTotal),
      creditNoteNumber: row.creditNoteNumber,
      totalsDiffer: row.totalsDiffer,
      reason: row.reason,
    });
    states.set(row.orderId, list);
  }
  // In the order they happened: a return after a refund shows after it.
  for (const list of states.values()) list.sort((a, b) => a.refundedAt.localeCompare(b.refundedAt));
  return states;
}

/** The shop's currency a kept refund is in. */
const currencyOf = (refund: unknown) => refundFromRecord(refund).currency;
/** "18.90 EUR" as an amount and its currency. */
function moneyOf(text: string | null): { amount: string; currency: string } | null {
  const [amount, currency] = text?.split(" ") ?? [];
  return amount && currency ? { amount, currency } : null;
}

/** The POS side of the orders on the page: each order's allocation (state, reason, plan) and what was sent to each sale point. */
async function posStatesOf(db: PrismaClient, shop: ShopDomain, orderIds: string[]): Promise<Map<string, OrderPosState>> {
  if (orderIds.length === 0) return new Map();
  const [allocations, dispatches, salePoints] = await Promise.all([
    db.posOrderAllocation.findMany({ where: { shop, orderId: { in: orderIds } } }),
    db.posDispatch.findMany({ where: { shop, orderId: { in: orderIds } } }),
    db.posSalePoint.findMany({ where: { shop }, select: { salePointId: true, name: true } }),
  ]);
  const nameOf = new Map(salePoints.map((point) => [point.salePointId, point.name]));
  const states = new Map<string, OrderPosState>();
  for (const allocation of allocations) {
    const plan = Array.isArray(allocation.plan) ? (allocation.plan as Array<{ salePointId: string; lines: Array<{ quantity: number }> }>) : [];
    const sent = dispatches.filter((dispatch) => dispatch.orderId === allocation.orderId);
    const shares = plan.map((share) => {
      const dispatch = sent.find((one) => one.salePointId === share.salePointId);
      return {
        salePointId: share.salePointId,
        salePointName: nameOf.get(share.salePointId) ?? share.salePointId,
        lines: share.lines.length,
        units: share.lines.reduce((sum, line) => sum + line.quantity, 0),
        posOrderId: dispatch ? (dispatch.posOrderId ?? dispatch.externalId) : null,
        sent: dispatch !== undefined,
      };
    });
    // Sent before a plan was kept (or to a sale point no longer in it): still shown.
    for (const dispatch of sent.filter((one) => !plan.some((share) => share.salePointId === one.salePointId)))
      shares.push({
        salePointId: dispatch.salePointId,
        salePointName: nameOf.get(dispatch.salePointId) ?? dispatch.salePointId,
        lines: 0,
        units: 0,
        posOrderId: dispatch.posOrderId ?? dispatch.externalId,
        sent: true,
      });
    states.set(allocation.orderId, { status: allocation.status, reason: allocation.reason, shares });
  }
  return states;
}
