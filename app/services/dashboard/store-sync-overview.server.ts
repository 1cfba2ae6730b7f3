/** What Ponte holds of the store and how its webhook inbox is doing, for one shop, as measured. */
import type { PrismaClient } from "@prisma/client";
import { INBOX_HANDLERS } from "../webhooks/process-inbox-event.server";
import type { StoreSyncOverview } from "./store-sync-state";
import type { ShopDomain } from "../ids";

export type { StoreSyncOverview };

export async function readStoreSyncOverview(db: PrismaClient, shop: ShopDomain): Promise<StoreSyncOverview> {
  const needsWork = { shop, processedAt: null, error: null, topic: { in: Object.keys(INBOX_HANDLERS) } };
  const [orders, products, processed, waiting, failed, oldest, mark] = await Promise.all([
    db.orderSnapshot.count({ where: { shop } }),
    db.productSnapshot.count({ where: { shop } }),
    db.webhookEvent.count({ where: { shop, processedAt: { not: null }, error: null } }),
    db.webhookEvent.count({ where: needsWork }),
    db.webhookEvent.count({ where: { shop, error: { not: null } } }),
    db.webhookEvent.findFirst({ where: needsWork, orderBy: { receivedAt: "asc" }, select: { receivedAt: true } }),
    db.syncWatermark.findUnique({ where: { shop_stream: { shop, stream: "orders" } } }),
  ]);
  return {
    orders,
    products,
    inbox: { processed, waiting, failed, oldestWaitingAt: oldest?.receivedAt.toISOString() ?? null },
    lastReconciledUpTo: mark?.watermark.toISOString() ?? null,
    lastReconciledAt: mark?.updatedAt.toISOString() ?? null,
  };
}
