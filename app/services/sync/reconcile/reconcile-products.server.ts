/** Reconciliation of products: see reconcile-stream. */
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "../../shopify/admin-client.server";
import { readProduct } from "../../shopify/catalog.adapter.server";
import { productsChangedSince } from "../../shopify/changes.adapter.server";
import { productFromAdminApi, recordProductSnapshot } from "../products/product-snapshots.server";
import { reconcileStream, type ReconcileOutcome } from "./reconcile-stream.server";
import type { ShopDomain } from "../../ids";

export const PRODUCTS_STREAM = "products";

export function reconcileProducts(db: PrismaClient, client: AdminClient, shop: ShopDomain, now = new Date()): Promise<ReconcileOutcome> {
  return reconcileStream(
    db,
    shop,
    {
      stream: PRODUCTS_STREAM,
      changedSince: (since) => productsChangedSince(client, since),
      heldVersions: async (ids) => {
        const rows = await db.productSnapshot.findMany({
          where: { shop, productId: { in: ids } },
          select: { productId: true, shopifyUpdatedAt: true },
        });
        return new Map(rows.map((row) => [row.productId, row.shopifyUpdatedAt.getTime()]));
      },
      fetchAndRecord: async (id) => {
        const product = await readProduct(client, id);
        return product ? recordProductSnapshot(db, shop, productFromAdminApi(product), "reconcile") : null;
      },
    },
    now,
  );
}
