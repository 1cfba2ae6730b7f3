/**
 * The app-owned metafields on Shopify orders, written soon after an order exports or goes to the POS: erp_number and
 * erp_state (the ERP sale), pos_orders (its POS order per sale point, JSON). The export and the POS dispatch only
 * mark the order due (OrderExport/PosOrderAllocation.metafieldsDue, in the write they make anyway), so that neither
 * waits on Shopify; a standing job (every 30 seconds) writes what is due, several orders in each metafieldsSet (25
 * metafields a call). Shopify sets a call's metafields all or none: a refused call is tried again order by order,
 * and the order Shopify refuses is flagged (as the ERP status sync flags it) and not tried again until its sale's
 * state changes. A shop Shopify cannot be reached for keeps its orders due for the next run.
 */
import type { PrismaClient } from "@prisma/client";
import { shopDomain, type ShopDomain } from "../../ids";
import type { AdminClient } from "../../shopify/admin-client.server";
import {
  METAFIELDS_PER_CALL,
  POS_METAFIELDS,
  SALE_METAFIELDS,
  setOrdersMetafields,
  type OrderMetafields,
  ownerGone,
} from "../../shopify/order-status.adapter.server";

/** An order due, with what it is due for. */
interface DueOrder extends OrderMetafields {
  shop: ShopDomain;
  /** The ERP sale written (its number and state), when the sale is due. */
  sale: { number: string; state: string } | null;
  /** Whether pos_orders is among them. */
  pos: boolean;
}

export interface MetafieldsOutcome {
  written: number;
  refused: number;
  /** Shops whose orders stay due because Shopify could not be reached. */
  unreached: number;
}

/** Writes every due order's metafields (at most `limit` orders a run); the rest waits for the next run. */
export async function writeDueOrderMetafields(
  db: PrismaClient,
  clientFor: (shop: ShopDomain) => Promise<AdminClient>,
  limit = 400,
): Promise<MetafieldsOutcome> {
  const due = await readDue(db, limit);
  const outcome: MetafieldsOutcome = { written: 0, refused: 0, unreached: 0 };
  // Due with nothing to write (a sale with no number or state yet): no longer due.
  for (const order of due.filter((one) => one.metafields.length === 0)) await markWritten(db, order);
  for (const [, orders] of groupBy(
    due.filter((one) => one.metafields.length > 0),
    (order) => order.shop,
  )) {
    const shop = orders[0]!.shop;
    try {
      const client = await clientFor(shop);
      for (const batch of batches(orders)) {
        const result = await setOrdersMetafields(client, batch);
        if (result.ok) {
          for (const order of batch) await markWritten(db, order);
          outcome.written += batch.length;
          continue;
        }
        // All or none: each order alone, to find the one Shopify refuses.
        for (const order of batch) {
          const alone = batch.length === 1 ? result : await setOrdersMetafields(client, [order]);
          if (alone.ok) outcome.written++;
          else {
            outcome.refused++;
            await flagRefused(db, order, alone.message);
          }
          await markWritten(db, order);
        }
      }
    } catch (error) {
      outcome.unreached++;
      console.warn(JSON.stringify({ event: "order-metafields-not-written", shop, error: (error as Error).message }));
    }
  }
  return outcome;
}

async function readDue(db: PrismaClient, limit: number): Promise<DueOrder[]> {
  const [sales, allocations] = await Promise.all([
    db.orderExport.findMany({
      where: { metafieldsDue: true },
      select: { shop: true, orderId: true, erpNumber: true, erpState: true },
      orderBy: { updatedAt: "asc" },
      take: limit,
    }),
    db.posOrderAllocation.findMany({
      where: { metafieldsDue: true },
      select: { shop: true, orderId: true },
      orderBy: { updatedAt: "asc" },
      take: limit,
    }),
  ]);
  const shops = [...new Set([...sales, ...allocations].map((row) => row.shop))];
  const installed = new Set(
    (await db.shop.findMany({ where: { domain: { in: shops }, uninstalledAt: null }, select: { domain: true } })).map((row) => row.domain),
  );
  // A shop that uninstalled Ponte is written nothing: its orders are no longer due.
  const gone = shops.filter((shop) => !installed.has(shop));
  if (gone.length) {
    await db.orderExport.updateMany({ where: { shop: { in: gone }, metafieldsDue: true }, data: { metafieldsDue: false } });
    await db.posOrderAllocation.updateMany({ where: { shop: { in: gone }, metafieldsDue: true }, data: { metafieldsDue: false } });
  }
  const orders = new Map<string, DueOrder>();
  const entry = (shop: string, orderId: string) => {
    const key = `${shop} ${orderId}`;
    if (!orders.has(key)) orders.set(key, { shop: shopDomain(shop), orderId, metafields: [], sale: null, pos: false });
    return orders.get(key)!;
  };
  for (const row of sales) {
    if (!installed.has(row.shop)) continue;
    const order = entry(row.shop, row.orderId);
    if (!row.erpNumber || !row.erpState) continue;
    order.sale = { number: row.erpNumber, state: row.erpState };
    order.metafields.push({ ...SALE_METAFIELDS.number, value: row.erpNumber }, { ...SALE_METAFIELDS.state, value: row.erpState });
  }
  const posOrders = await posOrdersOf(
    db,
    allocations.filter((row) => installed.has(row.shop)),
  );
  for (const [key, value] of posOrders) {
    const [shop, orderId] = key.split(" ") as [string, string];
    const order = entry(shop, orderId);
    order.pos = true;
    order.metafields.push({ ...POS_METAFIELDS.orders, value: JSON.stringify(value) });
  }
  return [...orders.values()];
}

/** Each due allocation's POS orders, by sale point name, in the plan's order. */
async function posOrdersOf(
  db: PrismaClient,
  allocations: Array<{ shop: string; orderId: string }>,
): Promise<Map<string, Array<{ salePoint: string; posOrder: string }>>> {
  const found = new Map<string, Array<{ salePoint: string; posOrder: string }>>();
  for (const [shop, rows] of groupBy(allocations, (row) => row.shop)) {
    const [dispatches, salePoints] = await Promise.all([
      db.posDispatch.findMany({ where: { shop, orderId: { in: rows.map((row) => row.orderId) } }, orderBy: { sentAt: "asc" } }),
      db.posSalePoint.findMany({ where: { shop }, select: { salePointId: true, name: true } }),
    ]);
    const nameOf = new Map(salePoints.map((point) => [point.salePointId, point.name]));
    for (const row of rows) {
      found.set(
        `${shop} ${row.orderId}`,
        dispatches
          .filter((dispatch) => dispatch.orderId === row.orderId)
          .map((dispatch) => ({
            salePoint: nameOf.get(dispatch.salePointId) ?? dispatch.salePointId,
            posOrder: dispatch.posOrderId ?? dispatch.externalId,
          })),
      );
    }
  }
  return found;
}

/** Written (or refused for good): no longer due, unless the sale's state moved on meanwhile. */
async function markWritten(db: PrismaClient, order: DueOrder): Promise<void> {
  if (order.sale) {
    await db.orderExport.updateMany({
      where: { shop: order.shop, orderId: order.orderId, erpState: order.sale.state },
      data: { metafieldsDue: false, storeErpState: order.sale.state },
    });
  } else {
    await db.orderExport.updateMany({ where: { shop: order.shop, orderId: order.orderId, metafieldsDue: true }, data: { metafieldsDue: false } });
  }
  if (order.pos) await db.posOrderAllocation.updateMany({ where: { shop: order.shop, orderId: order.orderId }, data: { metafieldsDue: false } });
}

async function flagRefused(db: PrismaClient, order: DueOrder, message: string): Promise<void> {
  console.warn(JSON.stringify({ event: "order-metafields-refused", shop: order.shop, order: order.orderId, message }));
  // An order deleted in Shopify since (metafieldsSet: "Owner does not exist"): nothing to show it on, nothing for the
  // merchant to do; the server log has it.
  if (!order.sale || ownerGone(message)) return;
  await db.orderExport.updateMany({
    where: { shop: order.shop, orderId: order.orderId },
    data: { flag: `Shopify refused to record the ERP sale on the order after the ERP's sale ${order.sale.number}: ${message}` },
  });
}

/** Orders in calls of at most METAFIELDS_PER_CALL metafields. */
function batches(orders: DueOrder[]): DueOrder[][] {
  const out: DueOrder[][] = [];
  let current: DueOrder[] = [];
  let size = 0;
  for (const order of orders) {
    if (size + order.metafields.length > METAFIELDS_PER_CALL) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(order);
    size += order.metafields.length;
  }
  if (current.length) out.push(current);
  return out;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
