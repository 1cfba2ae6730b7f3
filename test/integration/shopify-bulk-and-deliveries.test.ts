// GIVEN the Shopify emulator with a catalog of a few thousand products
// WHEN Ponte runs a bulk query and reads its JSONL result, and when the app fails a webhook delivery
// THEN every node arrives, nested ones tied by __parentId, the finish webhook is sent,
//      and a failed delivery is retried with the same ids until the app takes it
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { readJsonl, runBulkQuery } from "../../app/services/shopify/bulk-query.server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { shopDomain } from "../../app/services/ids";

const PRODUCTS = 2000;
let emulator: ShopifyEmulator;
let app: Server;
const received: Array<{ topic: string; eventId: string; webhookId: string }> = [];
let failNext = 0;

beforeAll(async () => {
  app = createServer((request, response) => {
    received.push({
      topic: String(request.headers["x-shopify-topic"]),
      eventId: String(request.headers["x-shopify-event-id"]),
      webhookId: String(request.headers["x-shopify-webhook-id"]),
    });
    request.resume();
    response.writeHead(failNext-- > 0 ? 500 : 200);
    response.end();
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  emulator = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: appUrl },
    shops: [DEMO_SHOP],
    webhookSubscriptions: [
      { topic: "bulk_operations/finish", uri: "/webhooks/bulk_operations/finish" },
      { topic: "orders/create", uri: "/webhooks/orders/create" },
    ],
    webhookRetryDelaysMs: [100, 200, 400],
  });
  const shop = emulator.state.shop(DEMO_SHOP.myshopifyDomain)!;
  for (let n = 0; n < PRODUCTS; n++)
    shop.catalog.addProduct({
      title: `Product ${n}`,
      variants: [
        { sku: `P${n}-S`, price: "5.00" },
        { sku: `P${n}-M`, price: "5.00" },
      ],
    });
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => app.close(resolve));
});

describe("bulk operations", () => {
  it("runs a bulk query and streams its JSONL: every product and variant, variants tied to their product", async () => {
    const client = new AdminClient({ shop: shopDomain(DEMO_SHOP.myshopifyDomain), accessToken: DEMO_SHOP.accessToken, baseUrl: emulator.url });
    const done = await runBulkQuery(client, "{ products { edges { node { id title variants { edges { node { id sku } } } } } } }", {
      pollIntervalMs: 100,
    });
    expect(done.status).toBe("COMPLETED");
    expect(Number(done.objectCount)).toBe(PRODUCTS * 3);

    let products = 0;
    const variantsByParent = new Map<string, number>();
    for await (const line of readJsonl(done.url!, (line) => line as { id: string; __parentId?: string })) {
      if (line.__parentId) variantsByParent.set(line.__parentId, (variantsByParent.get(line.__parentId) ?? 0) + 1);
      else products++;
    }
    expect(products).toBe(PRODUCTS);
    expect(variantsByParent.size).toBe(PRODUCTS);
    expect([...variantsByParent.values()].every((count) => count === 2)).toBe(true);

    await emulator.webhooks.settled();
    expect(received.some((r) => r.topic === "bulk_operations/finish")).toBe(true);
  });

  it("refuses a second bulk query while one runs, as Shopify does", async () => {
    const client = new AdminClient({ shop: shopDomain(DEMO_SHOP.myshopifyDomain), accessToken: DEMO_SHOP.accessToken, baseUrl: emulator.url });
    const first = runBulkQuery(client, "{ products { edges { node { id } } } }", { pollIntervalMs: 100 });
    const second = await runBulkQuery(client, "{ products { edges { node { id } } } }").catch((e: Error) => e);
    expect((second as Error).message).toMatch(/already in progress/);
    expect((await first).status).toBe("COMPLETED");
  });
});

describe("webhook deliveries", () => {
  it("retries a delivery the app did not take, keeping its webhook and event ids", async () => {
    received.length = 0;
    failNext = 2;
    await fetch(`${emulator.url}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      method: "POST",
      body: JSON.stringify({ lines: [{ title: "Tee", quantity: 1, price: "10.00" }], financialStatus: "PENDING" }),
    });
    await emulator.webhooks.settled();
    const deliveries = received.filter((r) => r.topic === "orders/create");
    expect(deliveries).toHaveLength(3);
    expect(new Set(deliveries.map((d) => d.eventId)).size).toBe(1);
    expect(new Set(deliveries.map((d) => d.webhookId)).size).toBe(1);
    expect(emulator.webhooks.attempts.filter((a) => a.topic === "orders/create").map((a) => a.status)).toEqual([500, 500, 200]);
  });
});
