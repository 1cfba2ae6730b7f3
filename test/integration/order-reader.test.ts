// GIVEN the Shopify emulator (Shopify's 2026-07 schema, its query cost limit of 1,000 points)
// WHEN Ponte reads an order of 120 lines, each with two taxes, a discount, and whole addresses through the Admin API
// THEN it gets every line (50 per query, the rest page by page), each tax apart, the current totals and the whole address
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { readOrder } from "../../app/services/shopify/order-reader.server";
import { erpLinesOf, expectedTotals } from "../../app/services/sync/orders/order-to-erp.mapper";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
let shopify: ShopifyEmulator;
let client: AdminClient;

beforeAll(async () => {
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
});
afterAll(async () => {
  await shopify?.close();
});

describe("reading an order through the Admin API", () => {
  it("reads all 120 lines of a large order, with their taxes and discounts, and the whole address", async () => {
    const lines = Array.from({ length: 120 }, (_, n) => ({
      sku: `SKU-${n}`,
      title: `Article ${n}`,
      quantity: 1 + (n % 3),
      price: "9.99",
      discount: n % 4 === 0 ? "1.00" : "0.00",
      taxLines: [
        { title: "GST", rate: 0.05 },
        { title: "QST", rate: 0.09975 },
      ],
    }));
    const address = {
      firstName: "Jean",
      lastName: "Tremblay",
      company: "Tremblay Inc.",
      address1: "960 Rue Sainte-Catherine",
      address2: "Bureau 801",
      city: "Montréal",
      province: "Quebec",
      provinceCode: "QC",
      zip: "H3B 1E7",
      countryCode: "CA",
      phone: "+1 514 555 0101",
    };
    const response = await fetch(`${shopify.url}/_control/shops/${shop}/orders`, {
      method: "POST",
      body: JSON.stringify({ lines, shippingAddress: address }),
    });
    const placed = (await response.json()) as { id: string };

    const order = (await readOrder(client, placed.id))!;
    expect(order.lines).toHaveLength(120);
    expect(order.lines[119]).toMatchObject({
      sku: "SKU-119",
      taxes: [
        { title: "GST", rate: "5" },
        { title: "QST", rate: "9.975" },
      ],
    });
    expect(order.shippingAddress).toMatchObject({
      company: "Tremblay Inc.",
      address1: "960 Rue Sainte-Catherine",
      address2: "Bureau 801",
      provinceCode: "QC",
      phone: "+1 514 555 0101",
    });
    const totals = expectedTotals(erpLinesOf(order), order.currency);
    expect({ total: totals.total, tax: totals.tax }).toEqual(order.totals);
  });
});
