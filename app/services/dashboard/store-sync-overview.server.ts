/** What Ponte holds of the store and how its webhook inbox is doing, for one shop. */
import type { PrismaClient } from "@prisma/client";

export interface StoreSyncOverview {
  orders: number;
  products: number;
  inbox: { processed: number; waiting: number; failed: number };
  lastReconciledUpTo: string | null;
}

export async function readStoreSyncOverview(db: PrismaClient, shop: string): Promise<StoreSyncOverview> {
  const [orders, products, processed, waiting, failed, mark] = await Promise.all([
    db.orderSnapshot.count({ where: { shop } }),
    db.productSnapshot.count({ where: { shop } }),
    db.webhookEvent.count({ where: { shop, processedAt: { not: null }, error: null } }),
    db.webhookEvent.count({ where: { shop, processedAt: null, error: null } }),
    db.webhookEvent.count({ where: { shop, error: { not: null } } }),
    db.syncWatermark.findUnique({ where: { shop_stream: { shop, stream: "orders" } } }),
  ]);
  return { orders, products, inbox: { processed, waiting, failed }, lastReconciledUpTo: mark?.watermark.toISOString() ?? null };
}
