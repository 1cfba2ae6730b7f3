/**
 * The binder: the only place ids are translated between Shopify and another
 * system. A pair is unique from both sides, so binding twice is harmless and
 * two Shopify records can never share one ERP record.
 */
import type { PrismaClient } from "@prisma/client";
import type { ErpConnectionId, ShopDomain } from "../ids";

/** One ERP's links are its own ("erp:" and the ErpConnection's id); "pos" for the POS. */
export type LinkedSystem = `erp:${string}` | "pos";
export type LinkedEntity = "customer" | "article" | "order";

/** The links (customers, articles, orders) of one ERP are kept under its own name. */
export const erpLinkSystem = (connectionId: ErpConnectionId): LinkedSystem => `erp:${connectionId}`;

export interface LinkKey {
  shop: ShopDomain;
  system: LinkedSystem;
  entity: LinkedEntity;
}

export async function toExternal(db: PrismaClient, key: LinkKey, shopifyId: string): Promise<string | null> {
  const link = await db.externalLink.findUnique({ where: { shop_system_entity_shopifyId: { ...key, shopifyId } }, select: { externalId: true } });
  return link?.externalId ?? null;
}

export async function toShopify(db: PrismaClient, key: LinkKey, externalId: string): Promise<string | null> {
  const link = await db.externalLink.findUnique({ where: { shop_system_entity_externalId: { ...key, externalId } }, select: { shopifyId: true } });
  return link?.shopifyId ?? null;
}

/** Records (or refreshes) the pair; stamps syncedAt. */
export async function bind(db: PrismaClient, key: LinkKey, shopifyId: string, externalId: string): Promise<void> {
  await db.externalLink.upsert({
    where: { shop_system_entity_shopifyId: { ...key, shopifyId } },
    create: { ...key, shopifyId, externalId },
    update: { externalId, syncedAt: new Date() },
  });
}
