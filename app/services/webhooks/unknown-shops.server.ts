/**
 * Deliveries about shops that have no active installation of Ponte (never
 * installed, or uninstalled since). Their payloads are not kept; only how many
 * came, per shop and topic, and when the last one did, for the operator.
 */
import type { PrismaClient } from "@prisma/client";
import type { ShopDomain } from "../ids";

export async function recordUnknownShopDelivery(db: PrismaClient, shop: ShopDomain, topic: string): Promise<void> {
  await db.unknownShopDelivery.upsert({
    where: { shop_topic: { shop, topic } },
    create: { shop, topic },
    update: { count: { increment: 1 }, lastAt: new Date() },
  });
}
