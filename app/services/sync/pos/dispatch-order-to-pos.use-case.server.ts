/**
 * One Shopify order -> one POS order per sale point that serves part of it,
 * exactly once per (shop, order, sale point). The steps, under a per-order
 * lock: cancelled? -> waiting for payment? -> plan (once, when every line
 * can be served by the active sale points, in priority order) -> send each
 * planned share not yet sent -> record it.
 *
 * Exactly once: the plan is kept, so a re-run sends the same shares; each
 * share's POS order carries an externalId made of (shop, order, sale point),
 * which the POS refuses a second time (a repeat is recorded as sent); and a
 * PosDispatch row, unique on (shop, order, sale point), is the record,
 * written as soon as its share is sent. No database transaction is open while
 * the POS is called: the per-order lock is a session advisory lock.
 * A line no active sale point can serve holds the whole order back with a
 * reason naming the SKU; the safety-net job retries it as stock changes.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { PosAllocationStatus } from "../../database/column-values";
import { withLockSession } from "../../database/advisory-locks.server";
import { RetryableError } from "../../errors";
import { allocateOrder, type SalePointStock } from "../../pos/allocation";
import type { PosConnector } from "../../pos/pos-connector";
import type { PosProduct } from "../../pos/pos.types";
import { articleSkuFor, exportDecision } from "../orders/order-to-erp.mapper";
import type { ShopifyOrder } from "../../shopify/shopify-order";
import { salePointId, type SalePointId, type ShopDomain } from "../../ids";

export type DispatchOutcome =
  | { status: "skipped"; reason: string }
  | { status: "waiting"; reason: string }
  | { status: "unservable"; reason: string }
  | { status: "cancel-flagged"; reason: string }
  | { status: "dispatched"; sent: Array<{ salePointId: SalePointId; posOrderId: string | null; repeated: boolean }> };

const planSchema = z.array(
  z.object({
    salePointId: z.string().min(1).transform(salePointId),
    lines: z.array(z.object({ lineId: z.string(), sku: z.string(), variantId: z.string(), quantity: z.number(), price: z.string() })),
  }),
);
type Plan = z.infer<typeof planSchema>;

export async function dispatchOrderToPos(
  { db, pos }: { db: PrismaClient; pos: PosConnector },
  shop: ShopDomain,
  order: ShopifyOrder,
  now = new Date(),
): Promise<DispatchOutcome> {
  return withLockSession(db, async (locks) => {
    if (!(await locks.tryLock([shop, order.id, "pos"]))) throw new RetryableError(`order ${order.name} is being sent to the POS by another worker`);
    // Dispatched: the order's pos_orders metafield is due (order-metafields-writer.server.ts writes it).
    const record = (status: PosAllocationStatus, reason: string | null, plan?: Plan) => {
      const due = status === "dispatched" ? { metafieldsDue: true } : {};
      return db.posOrderAllocation.upsert({
        where: { shop_orderId: { shop, orderId: order.id } },
        create: { shop, orderId: order.id, orderName: order.name, status, reason, ...(plan ? { plan } : {}), ...due },
        update: { orderName: order.name, status, reason, ...(plan ? { plan } : {}), ...due },
      });
    };
    const sentBefore = await db.posDispatch.findMany({ where: { shop, orderId: order.id } });

    if (order.cancelledAt) {
      if (sentBefore.length === 0) {
        await record("skipped", "cancelled: nothing sent to the POS");
        return { status: "skipped", reason: "cancelled: nothing sent to the POS" };
      }
      const reason = `Cancelled in Shopify after it was sent to the POS; Cassa in Cloud's API offers no cancellation: cancel POS order${sentBefore.length > 1 ? "s" : ""} ${sentBefore.map((d) => d.posOrderId ?? d.externalId).join(", ")} at the sale point${sentBefore.length > 1 ? "s" : ""}.`;
      await record("cancel-flagged", reason);
      return { status: "cancel-flagged", reason };
    }
    const settings = await db.shopSettings.findUnique({ where: { shop } });
    if (exportDecision(order, settings?.ordersToErp === "all" ? "all" : "paid") === "wait-for-payment") {
      await record("waiting", "waiting for payment");
      return { status: "waiting", reason: "waiting for payment" };
    }

    const held = await db.posOrderAllocation.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } });
    let plan = held?.plan ? planSchema.parse(held.plan) : null;
    if (!plan) {
      const planned = await planOrder(db, pos, shop, order);
      if ("unservable" in planned) {
        await record("unservable", planned.unservable);
        return { status: "unservable", reason: planned.unservable };
      }
      plan = planned.plan;
      await record("planned", null, plan);
    }

    const sent: Array<{ salePointId: SalePointId; posOrderId: string | null; repeated: boolean }> = [];
    for (const share of plan) {
      if (sentBefore.some((d) => d.salePointId === share.salePointId)) continue;
      const externalId = externalIdFor(shop, order.id, share.salePointId);
      const answer = await pos.sendOrder({
        externalId,
        salePointId: share.salePointId,
        dueDate: new Date(now.getTime() + 2 * 3600_000),
        customer: order.customer
          ? { name: `${order.customer.firstName ?? ""} ${order.customer.lastName ?? ""}`.trim(), email: order.customer.email, phone: null }
          : null,
        note: order.note ? `Shopify ${order.name}: ${order.note}` : `Shopify ${order.name}`,
        rows: share.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity, price: line.price, note: null })),
      });
      // Sent (or found sent before, by its externalId): recorded at once. A failure before this line is repeated harmlessly by the re-run.
      await db.posDispatch.create({ data: { shop, orderId: order.id, salePointId: share.salePointId, externalId, posOrderId: answer.id } });
      sent.push({ salePointId: share.salePointId, posOrderId: answer.id, repeated: answer.repeated });
    }
    await record("dispatched", null);
    return { status: "dispatched", sent };
  });
}

/** Allocates the order over the active sale points in priority order, from the POS's own stock and variants. */
async function planOrder(
  db: PrismaClient,
  pos: PosConnector,
  shop: ShopDomain,
  order: ShopifyOrder,
): Promise<{ plan: Plan } | { unservable: string }> {
  const salePoints = (await db.posSalePoint.findMany({ where: { shop, active: true }, orderBy: { priority: "asc" } })).map((point) =>
    salePointId(point.salePointId),
  );
  if (salePoints.length === 0) return { unservable: "No sale point is switched on: switch one on on the POS page." };
  const lines = order.lines.map((line) => ({ lineId: line.id, sku: articleSkuFor(line), quantity: line.quantity }));
  const products = await orderedProducts(
    db,
    pos,
    shop,
    lines.map((line) => line.sku),
  );
  const variants = new Map(products.flatMap((product) => product.variants.map((variant) => [variant.sku, variant] as const)));
  const stocks: SalePointStock[] = [];
  for (const point of salePoints) {
    const levels = await pos.stockOfProducts(point, products);
    stocks.push({ salePointId: point, active: true, stock: Object.fromEntries(levels.map((level) => [level.sku, level.quantity])) });
  }
  const { allocations, unserved } = allocateOrder(lines, stocks);
  if (unserved.length) {
    return {
      unservable: `No active sale point can serve ${unserved.map((line) => `${line.quantity} × ${line.sku}${variants.has(line.sku) ? "" : " (not sold by the POS)"}`).join(", ")}; the order goes once stock arrives.`,
    };
  }
  const priceOf = new Map<string, string>(order.lines.map((line) => [line.id, line.price]));
  return {
    plan: allocations.map((allocation) => ({
      salePointId: allocation.salePointId,
      lines: allocation.lines.map((line) => ({
        ...line,
        variantId: variants.get(line.sku)!.id,
        price: priceOf.get(line.lineId) ?? variants.get(line.sku)!.price,
      })),
    })),
  };
}

/**
 * The POS's products that sell the order's SKUs, read as few times as Cassa's call limit asks: when the catalog comes
 * from the POS, its links name each SKU's POS product and those alone are asked for, in one call. Otherwise, or when
 * a link is missing or out of date (a SKU the products asked for do not sell), the whole offered list is read, as
 * before. Only the products selling one of the SKUs are kept (their stock is read next).
 */
async function orderedProducts(db: PrismaClient, pos: PosConnector, shop: ShopDomain, skus: string[]): Promise<PosProduct[]> {
  const wanted = new Set(skus);
  const selling = (products: PosProduct[]) => products.filter((product) => product.variants.some((variant) => wanted.has(variant.sku)));
  const sellsEvery = (products: PosProduct[]) => [...wanted].every((sku) => products.some((p) => p.variants.some((v) => v.sku === sku)));
  const settings = await db.catalogSettings.findUnique({ where: { shop }, select: { productSource: true } });
  if ((settings?.productSource ?? "pos") === "pos") {
    const links = await db.catalogItem.findMany({ where: { shop, sku: { in: [...wanted] } }, select: { sourceProductId: true } });
    if (links.length === wanted.size) {
      const linked = selling(await pos.productsWithIds(links.map((link) => link.sourceProductId)));
      if (sellsEvery(linked)) return linked;
    }
  }
  return selling(await pos.listProducts());
}

/** The POS order's key: the same (shop, order, sale point) always gives the same one. */
export function externalIdFor(shop: ShopDomain, orderId: string, salePointId: SalePointId): string {
  return `ponte-${createHash("sha256").update(shop).digest("hex").slice(0, 8)}-${orderId.split("/").pop()}-${salePointId}`;
}
