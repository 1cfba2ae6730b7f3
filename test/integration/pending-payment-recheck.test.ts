// GIVEN an order Ponte holds as unpaid, waiting for payment, from an orders/create webhook
// WHEN Shopify has it paid with the same updated_at (the orders/paid webhook was lost) and the pending-payment
//      re-check reads it through the Admin API
// THEN the paid version replaces the unpaid one (the further-along version wins at an equal updated_at), and the
//      order is queued for export; the unpaid version delivered late never replaces the paid one
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { readOrder } from "../../app/services/shopify/order-reader.server";
import { recordPendingState } from "../../app/services/sync/orders/order-export-states.server";
import { recordOrderSnapshot } from "../../app/services/sync/orders/order-snapshots.server";
import { WAITING_FOR_PAYMENT } from "../../app/services/sync/orders/order-sync-states";
import { recheckPendingPayments } from "../../app/services/sync/orders/recheck-pending-payments.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { createTestDatabase } from "../support/test-database";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
let db: PrismaClient;
let shopify: ShopifyEmulator;
let client: AdminClient;

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("pending-recheck"));
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
});
afterAll(async () => {
  await shopify?.close();
  await db?.$disconnect();
});

describe("the pending-payment re-check at an equal updated_at", () => {
  it("takes the paid version Shopify has, and queues the order", async () => {
    const response = await fetch(`${shopify.url}/_control/shops/${shop}/orders`, {
      method: "POST",
      body: JSON.stringify({
        customer: { email: "anna@example.it", firstName: "Anna", lastName: "Blu" },
        lines: [{ sku: "CAF", title: "Caffè", quantity: 1, price: "5.00" }],
      }),
    });
    const placed = (await response.json()) as { id: string; name: string };
    const paid = (await readOrder(client, placed.id))!;
    expect(paid.financialStatus).toBe("PAID");
    // What the orders/create webhook said: the same version, not yet paid.
    const unpaid = { ...paid, financialStatus: "PENDING" };
    expect(await recordOrderSnapshot(db, shop, unpaid, "webhook")).toBe("applied");
    await recordPendingState(db, shop, unpaid, { status: "waiting", reason: WAITING_FOR_PAYMENT }, false);

    const queued: string[] = [];
    const outcome = await recheckPendingPayments(db, client, shop, async (_shop, orderId) => void queued.push(orderId));
    expect(outcome).toEqual({ checked: 1, changed: 1 });
    expect(queued).toEqual([placed.id]);
    expect((await db.orderSnapshot.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: placed.id } } })).financialStatus).toBe("PAID");

    // The unpaid version, delivered again late, is older news.
    expect(await recordOrderSnapshot(db, shop, unpaid, "webhook")).toBe("stale");
    expect(await recordOrderSnapshot(db, shop, paid, "webhook")).toBe("stale");
  });
});
