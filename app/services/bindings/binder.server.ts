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

/** One pair for bindingsSql: which entity, its Shopify id, the other system's id. */
export interface LinkRow {
  entity: LinkedEntity;
  shopifyId: string;
  externalId: string;
}

/**
 * Records many new pairs at once inside a larger statement: a CTE named `name` that inserts each pair of `rows`
 * under the shop and system given as parameters `shop` and `system`, stamped with the time at `at`. A pair one of
 * whose sides is already linked is left as it is (two variants sharing a SKU share no ERP article's link: the second
 * is found by its SKU each time). Returns its SQL and the three array parameters, numbered from `first`.
 */
export function bindingsCte(
  name: string,
  rows: LinkRow[],
  params: { shop: number; system: number; at: number; first: number },
): { sql: string; values: string[][] } {
  const [entities, shopifyIds, externalIds] = [params.first, params.first + 1, params.first + 2];
  return {
    sql: `${name} AS (
      INSERT INTO "ExternalLink" (id, shop, system, entity, "shopifyId", "externalId", "syncedAt")
      SELECT gen_random_uuid()::text, $${params.shop}, $${params.system}, pair.entity, pair.shopify_id, pair.external_id, $${params.at}::timestamp(3)
        FROM unnest($${entities}::text[], $${shopifyIds}::text[], $${externalIds}::text[]) AS pair(entity, shopify_id, external_id)
      ON CONFLICT DO NOTHING
      RETURNING 1)`,
    values: [rows.map((row) => row.entity), rows.map((row) => row.shopifyId), rows.map((row) => row.externalId)],
  };
}

/** bindingsCte on its own: records the new pairs in one statement; how many were new. */
export async function bindAll(db: PrismaClient, key: Omit<LinkKey, "entity">, rows: LinkRow[], now = new Date()): Promise<number> {
  const cte = bindingsCte("links", rows, { shop: 1, system: 2, at: 3, first: 4 });
  const [row] = await db.$queryRawUnsafe<Array<{ added: number }>>(
    `WITH ${cte.sql} SELECT (SELECT count(*) FROM links)::int AS added`,
    key.shop,
    key.system,
    now.toISOString(),
    ...cte.values,
  );
  return row?.added ?? 0;
}
