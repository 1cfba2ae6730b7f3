// GIVEN the Shopify emulator with a catalog of a few thousand products
// WHEN Ponte runs a bulk query and reads its JSONL result; runs bulk mutations (within and past Shopify's limits); and
//      when the app fails a webhook delivery
// THEN every node arrives, nested ones tied by __parentId, the finish webhook is sent; a bulk mutation answers each
//      line by its number, and the limits (20 MB a file, five at a time) refuse as Shopify does; a failed delivery is
//      retried with the same ids until the app takes it
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { readJsonl, runBulkQuery } from "../../app/services/shopify/bulk-query.server";
import { BulkVariablesFile, readBulkMutationResults, runBulkMutation } from "../../app/services/shopify/bulk-mutation.server";
import { BULK_PRODUCT_SET, parseProductSetLine } from "../../app/services/shopify/catalog.adapter.server";
import { RUN_BULK_MUTATION, RUN_BULK_MUTATION_COST } from "../../app/services/shopify/graphql/bulk/run-bulk-mutation";
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

describe("bulk mutations", () => {
  const client = () => new AdminClient({ shop: shopDomain(DEMO_SHOP.myshopifyDomain), accessToken: DEMO_SHOP.accessToken, baseUrl: emulator.url });
  const statusLines = (count: number) => {
    const lines = Array.from(
      { length: count },
      (_, index) => `${JSON.stringify({ input: { id: `gid://shopify/Product/${index + 1}`, status: "DRAFT" } })}\n`,
    );
    return lines;
  };
  async function fileOf(lines: string[], limitBytes?: number) {
    const file = new BulkVariablesFile(limitBytes);
    for (const line of lines) await file.add(line);
    return file;
  }

  it("stages the JSONL, uploads it, runs the mutation once per line and answers each line with its __lineNumber", async () => {
    const shop = emulator.state.shop(DEMO_SHOP.myshopifyDomain)!;
    const [first, second] = [...shop.catalog.products.values()];
    const file = await fileOf([
      `${JSON.stringify({ input: { id: `gid://shopify/Product/${first!.id}`, status: "DRAFT" } })}\n`,
      `${JSON.stringify({ input: { id: "gid://shopify/Product/999999999", status: "DRAFT" } })}\n`,
      `${JSON.stringify({ input: { id: `gid://shopify/Product/${second!.id}`, status: "ARCHIVED" } })}\n`,
    ]);
    const outcome = await runBulkMutation(client(), BULK_PRODUCT_SET, await file.close(), { pollIntervalMs: 20 });
    await file.discard();
    expect(outcome).toMatchObject({ status: "COMPLETED", cancelled: null });
    const lines = [];
    for await (const line of readBulkMutationResults(outcome.resultUrl!, parseProductSetLine)) lines.push(line);
    expect(lines.map((line) => [line.lineNumber, line.ok && line.data.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
    expect(shop.catalog.products.get(first!.id)!.status).toBe("DRAFT");
    expect(shop.catalog.products.get(second!.id)!.status).toBe("ARCHIVED");
    await emulator.webhooks.settled();
    expect(received.some((r) => r.topic === "bulk_operations/finish")).toBe(true);
  });

  it("refuses a file over 20 MB at the upload, as Shopify's bucket does", async () => {
    const big = "x".repeat(1024);
    const file = await fileOf(
      Array.from({ length: 20 * 1024 + 10 }, () => `${JSON.stringify({ input: { title: big } })}\n`),
      30 * 1024 * 1024,
    );
    const closed = await file.close();
    expect(closed.bytes).toBeGreaterThan(20 * 1024 * 1024);
    await expect(runBulkMutation(client(), BULK_PRODUCT_SET, closed)).rejects.toThrow(/staged upload answered HTTP 400 EntityTooLarge/);
    await file.discard();
  });

  it("never writes a file past its limit: the writer says when the next line would not fit", async () => {
    const lines = statusLines(10);
    const file = new BulkVariablesFile(Buffer.byteLength(lines[0]!) * 3);
    for (const line of lines.slice(0, 3)) await file.add(line);
    expect(file.fits(lines[3]!)).toBe(false);
    await expect(file.add(lines[3]!)).rejects.toThrow(/past the file's limit/);
    expect(file.lineOf({ input: { title: "x".repeat(1000) } })).toBeNull();
    await file.discard();
  });

  it("refuses a sixth bulk mutation while five run, an unknown staged file, and a document that is not one mutation", async () => {
    const shop = emulator.state.shop(DEMO_SHOP.myshopifyDomain)!;
    const faults = await fetch(`${emulator.url}/_control/shops/${DEMO_SHOP.myshopifyDomain}/faults`, {
      method: "POST",
      body: JSON.stringify({ bulkSliceDelayMs: 300 }),
    });
    expect(faults.status).toBe(200);
    const running = [];
    for (let n = 0; n < 5; n++) {
      const file = await fileOf(statusLines(30));
      running.push(runBulkMutation(client(), BULK_PRODUCT_SET, await file.close(), { pollIntervalMs: 50 }).finally(() => file.discard()));
    }
    await expect.poll(() => [...shop.bulkOperations.values()].filter((op) => op.type === "MUTATION" && op.status === "RUNNING").length).toBe(5);
    const sixth = await fileOf(statusLines(1));
    await expect(runBulkMutation(client(), BULK_PRODUCT_SET, await sixth.close())).rejects.toThrow(
      /other bulk operations: Bulk operations limit reached/,
    );
    await sixth.discard();
    await fetch(`${emulator.url}/_control/shops/${DEMO_SHOP.myshopifyDomain}/faults`, {
      method: "POST",
      body: JSON.stringify({ bulkSliceDelayMs: 0 }),
    });
    expect((await Promise.all(running)).map((outcome) => outcome.status)).toEqual(Array(5).fill("COMPLETED"));

    const answer = async (mutation: string, stagedUploadPath: string) =>
      (await client().request(RUN_BULK_MUTATION, { mutation, stagedUploadPath }, RUN_BULK_MUTATION_COST)).bulkOperationRunMutation?.userErrors.map(
        (error) => error.code,
      );
    expect(await answer(BULK_PRODUCT_SET, "tmp/1/bulk/nothing-here/ponte-bulk.jsonl")).toEqual(["NO_SUCH_FILE"]);
    expect(await answer("query { shop { name } }", "tmp/1/bulk/x/y.jsonl")).toEqual(["INVALID_MUTATION"]);
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
