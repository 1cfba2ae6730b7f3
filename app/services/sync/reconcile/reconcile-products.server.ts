/** Reconciliation of products: see reconcile-stream. */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "../../shopify/admin-client.server";
import { GET_PRODUCT, GET_PRODUCT_COST } from "../../shopify/graphql/products/get-product";
import { LIST_PRODUCTS_UPDATED_SINCE, LIST_PRODUCTS_UPDATED_SINCE_COST } from "../../shopify/graphql/products/list-products-updated-since";
import { productFromAdminApi, recordProductSnapshot } from "../products/product-snapshots.server";
import { reconcileStream, type ReconcileOutcome } from "./reconcile-stream.server";
import type { ShopDomain } from "../../ids";

export const PRODUCTS_STREAM = "products";

export function reconcileProducts(db: PrismaClient, client: AdminClient, shop: ShopDomain, now = new Date()): Promise<ReconcileOutcome> {
  return reconcileStream(
    db,
    client,
    shop,
    {
      stream: PRODUCTS_STREAM,
      listDocument: LIST_PRODUCTS_UPDATED_SINCE,
      listCost: LIST_PRODUCTS_UPDATED_SINCE_COST,
      pick: (result) => result.products,
      heldVersions: async (ids) => {
        const rows = await db.productSnapshot.findMany({
          where: { shop, productId: { in: ids } },
          select: { productId: true, shopifyUpdatedAt: true },
        });
        return new Map(rows.map((row) => [row.productId, row.shopifyUpdatedAt.getTime()]));
      },
      fetchAndRecord: async (id) => {
        const { product } = await client.request(GET_PRODUCT, { id }, GET_PRODUCT_COST);
        return product ? recordProductSnapshot(db, shop, productFromAdminApi(product), "reconcile") : null;
      },
    },
    now,
  );
}
