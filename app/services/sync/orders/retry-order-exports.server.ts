/**
 * The merchant's "Retry" on the Orders page: one failed order, or all of
 * them, with their refunds whose credit note failed. Each is marked as retrying (so the page shows it at once) and its
 * export job queued; the job then reads the order's newest snapshot.
 */
import type { PrismaClient } from "@prisma/client";
import type { ShopDomain } from "../../ids";
import { retryFailedRefunds } from "../refunds/book-refunds.use-case.server";

export type EnqueueExport = (shop: ShopDomain, orderId: string) => Promise<void>;

export const RETRY_ASKED = "retry asked by the merchant";

export async function retryOrderExports(
  db: PrismaClient,
  enqueue: EnqueueExport,
  shop: ShopDomain,
  which: { orderId: string } | "all-failed",
): Promise<number> {
  const where =
    which === "all-failed" ? { shop, status: "failed" } : { shop, orderId: which.orderId, status: { in: ["failed", "retrying", "waiting"] } };
  const rows = await db.orderExport.findMany({ where, select: { orderId: true } });
  // Refunds whose credit note failed go again with their order's export (which settles the order's refunds).
  const refunds = await db.refundRecord.findMany({
    where: { shop, status: "failed", ...(which === "all-failed" ? {} : { orderId: which.orderId }) },
    select: { orderId: true },
  });
  await retryFailedRefunds(db, shop, which === "all-failed" ? undefined : which.orderId);
  const orderIds = [...new Set([...rows.map((row) => row.orderId), ...refunds.map((row) => row.orderId)])];
  for (const orderId of orderIds) {
    await db.orderExport.updateMany({ where: { shop, orderId, status: { not: "exported" } }, data: { status: "retrying", reason: RETRY_ASKED } });
    await enqueue(shop, orderId);
  }
  return orderIds.length;
}
