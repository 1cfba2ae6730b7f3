// GIVEN the Shopify emulator over real HTTP, answering from the real 2026-07 schema
// WHEN Ponte's Shopify adapters make, read and change products, stock and orders through it
// THEN they pass the Shopify adapter contract (test/contract/shopify-adapter.contract.ts)
import { afterAll, beforeAll } from "vitest";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { gid } from "../../emulators/shopify/store/ids";
import { shopifyAdapterContract } from "../contract/shopify-adapter.contract";
import { shopDomain } from "../../app/services/ids";

let emulator: ShopifyEmulator;
beforeAll(async () => {
  emulator = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:1" },
    shops: [DEMO_SHOP],
  });
});
afterAll(() => emulator.close());

const shop = () => emulator.state.shop(DEMO_SHOP.myshopifyDomain)!;
const numericId = (id: string) => Number(id.split("/").pop());

shopifyAdapterContract({
  name: "the Shopify emulator",
  client: () => new AdminClient({ shop: shopDomain(DEMO_SHOP.myshopifyDomain), accessToken: DEMO_SHOP.accessToken, baseUrl: emulator.url }),
  locationIds: async () => shop().locations.map((location) => gid("Location", location.id)),
  async placeOrder(lines) {
    const response = await fetch(`${emulator.url}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      method: "POST",
      body: JSON.stringify({ customer: { email: "giulia@example.it", firstName: "Giulia", lastName: "Rossi" }, lines }),
    });
    const placed = (await response.json()) as { id: string; name: string };
    return { id: placed.id, name: placed.name };
  },
  async orderAsShown(id) {
    const order = shop().orders.require(numericId(id));
    return {
      tags: order.tags,
      cancelled: order.cancelledAt !== null,
      fulfillmentStatus: order.fulfillmentStatus === "UNFULFILLED" ? null : order.fulfillmentStatus.toLowerCase(),
      trackingNumbers: order.fulfillments.flatMap((fulfillment) => (fulfillment.tracking?.number ? [fulfillment.tracking.number] : [])),
    };
  },
  productStatus: async (id) => shop().catalog.products.get(numericId(id))!.status,
});
