/** Keeps the latest version of each Shopify product (newer updated_at wins, atomically). */
import { shopifyGid } from "../../shopify/gid";
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { SnapshotOutcome } from "../orders/order-snapshots.server";
import type { ShopDomain } from "../../ids";

/** A product, from a webhook or the Admin API: its id, title and Shopify's updated_at, and the rest as received. */
export interface ShopifyProduct {
  id: string;
  title: string;
  updatedAt: string;
  payload: unknown;
}

const webhookProductSchema = z.object({ admin_graphql_api_id: z.string(), title: z.string(), updated_at: z.string() });
/** All a product webhook is read for (and its numeric id), so all products/create and products/update ask for (include_fields). */
export const PRODUCT_WEBHOOK_FIELDS: readonly string[] = ["id", ...Object.keys(webhookProductSchema.shape)];
const adminProductSchema = z.object({ id: z.string(), title: z.string(), updatedAt: z.string() });
const deletedProductSchema = z.object({ id: z.number() });

export function productFromWebhook(payload: unknown): ShopifyProduct {
  const product = webhookProductSchema.parse(payload);
  return { id: product.admin_graphql_api_id, title: product.title, updatedAt: product.updated_at, payload };
}

export function productFromAdminApi(node: unknown): ShopifyProduct {
  const product = adminProductSchema.parse(node);
  return { id: product.id, title: product.title, updatedAt: product.updatedAt, payload: node };
}

export async function recordProductSnapshot(
  db: PrismaClient,
  shop: ShopDomain,
  product: ShopifyProduct,
  source: "webhook" | "reconcile",
): Promise<SnapshotOutcome> {
  const written = await db.$executeRaw`
    insert into "ProductSnapshot" (shop, "productId", title, "shopifyUpdatedAt", product, source, "receivedAt")
    values (${shop}, ${product.id}, ${product.title}, ${new Date(product.updatedAt)}, ${JSON.stringify(product.payload)}::jsonb, ${source}, now())
    on conflict (shop, "productId") do update set
      title = excluded.title, "shopifyUpdatedAt" = excluded."shopifyUpdatedAt", product = excluded.product, source = excluded.source, "receivedAt" = excluded."receivedAt"
    where "ProductSnapshot"."shopifyUpdatedAt" < excluded."shopifyUpdatedAt"`;
  return written > 0 ? "applied" : "stale";
}

export async function forgetDeletedProduct(db: PrismaClient, shop: ShopDomain, payload: unknown): Promise<void> {
  const { id } = deletedProductSchema.parse(payload);
  await db.productSnapshot.deleteMany({ where: { shop, productId: shopifyGid("Product", id) } });
}
