/** Where a shop's failure alerts go: the address chosen on the Jobs page, else the store's own email (read from Shopify). */
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { readShopEmail } from "../shopify/shop.adapter.server";
import { adminClientForShop } from "../shopify/shop-admin-client.server";
import type { ShopDomain } from "../ids";

export async function alertRecipient(db: PrismaClient, sessions: SessionStorage, shop: ShopDomain): Promise<string | null> {
  const chosen = (await db.shopSettings.findUnique({ where: { shop }, select: { alertEmail: true } }))?.alertEmail;
  if (chosen) return chosen;
  const client = await adminClientForShop(sessions, shop);
  return readShopEmail(client);
}
