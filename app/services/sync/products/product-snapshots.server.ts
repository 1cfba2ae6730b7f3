/** Keeps the latest version of each Shopify product (newer updated_at wins, atomically). */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { SnapshotOutcome } from "../orders/order-snapshots.server";

const webhookProductSchema = z.object({
  admin_graphql_api_id: z.string(),
  title: z.string(),
  updated_at: z.string(),
});

const deletedProductSchema = z.object({ id: z.number() });

export async function recordProductFromWebhook(db: PrismaClient, shop: string, payload: unknown): Promise<SnapshotOutcome> {
  const product = webhookProductSchema.parse(payload);
  const written = await db.$executeRaw`
    insert into "ProductSnapshot" (shop, "productId", title, "shopifyUpdatedAt", product, source, "receivedAt")
    values (${shop}, ${product.admin_graphql_api_id}, ${product.title}, ${new Date(product.updated_at)}, ${JSON.stringify(payload)}::jsonb, 'webhook', now())
    on conflict (shop, "productId") do update set
      title = excluded.title, "shopifyUpdatedAt" = excluded."shopifyUpdatedAt", product = excluded.product, source = excluded.source, "receivedAt" = excluded."receivedAt"
    where "ProductSnapshot"."shopifyUpdatedAt" < excluded."shopifyUpdatedAt"`;
  return written > 0 ? "applied" : "stale";
}

export async function forgetDeletedProduct(db: PrismaClient, shop: string, payload: unknown): Promise<void> {
  const { id } = deletedProductSchema.parse(payload);
  await db.productSnapshot.deleteMany({ where: { shop, productId: `gid://shopify/Product/${id}` } });
}
