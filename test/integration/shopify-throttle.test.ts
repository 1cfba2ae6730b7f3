// GIVEN the Shopify emulator with a small bucket and a slow restore rate
// WHEN Ponte pushes a stock-sized burst of quantities through its Admin client
// THEN every batch is applied, the bucket is never overdrawn (no THROTTLED answer), another shop is not slowed,
//      and throttling, 5xx and idempotent repeats are handled as Shopify expects
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, ShopifyApiError } from "../../app/services/shopify/admin-client.server";
import { adHocRequest } from "../support/ad-hoc-request";
import { MAX_QUANTITIES_PER_CALL, quantitiesCallKey, setQuantitiesOnce } from "../../app/services/shopify/inventory.adapter.server";
import { GET_SHOP_OVERVIEW, GET_SHOP_OVERVIEW_COST } from "../../app/services/shopify/graphql/shop/get-shop-overview";
import type { InventoryQuantityInput } from "../../app/services/shopify/graphql/inventory/set-inventory-quantities";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP, type ShopSeed } from "../../emulators/shopify/state";
import { gid } from "../../emulators/shopify/store/ids";
import { shopDomain } from "../../app/services/ids";

const BURST_SHOP: ShopSeed = { ...DEMO_SHOP, name: "Burst", myshopifyDomain: "burst.myshopify.com", accessToken: "shpat_burst" };
const CALM_SHOP: ShopSeed = { ...DEMO_SHOP, name: "Calm", myshopifyDomain: "calm.myshopify.com", accessToken: "shpat_calm" };
const SKUS = 2500;

let emulator: ShopifyEmulator;
let items: string[];

async function control(path: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_control${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json() as Promise<Record<string, unknown>>;
}

const client = (shop: ShopSeed) => new AdminClient({ shop: shopDomain(shop.myshopifyDomain), accessToken: shop.accessToken, baseUrl: emulator.url });

beforeAll(async () => {
  emulator = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:1" },
    shops: [BURST_SHOP, CALM_SHOP],
  });
  const product = await control(`/shops/${BURST_SHOP.myshopifyDomain}/products`, {
    title: "Bulk basics",
    variants: Array.from({ length: SKUS }, (_, n) => ({ sku: `SKU-${n}`, price: "9.90" })),
  });
  items = (product.variants as Array<{ inventoryItemId: string }>).map((v) => v.inventoryItemId);
});
afterAll(() => emulator.close());

function quantitiesFor(value: (n: number) => number, changeFrom: (n: number) => number | null): InventoryQuantityInput[] {
  const locations = emulator.state.shop(BURST_SHOP.myshopifyDomain)!.locations.map((l) => gid("Location", l.id));
  return items.flatMap((inventoryItemId, n) =>
    locations.map((locationId) => ({ inventoryItemId, locationId, quantity: value(n), changeFromQuantity: changeFrom(n) })),
  );
}

/** Sends the quantities as the stock push does (calls of 250, each under the push's key for it), all at once. */
function setInventoryQuantities(admin: AdminClient, request: { runId: string; quantities: InventoryQuantityInput[] }) {
  const batches: InventoryQuantityInput[][] = [];
  for (let start = 0; start < request.quantities.length; start += MAX_QUANTITIES_PER_CALL) {
    batches.push(request.quantities.slice(start, start + MAX_QUANTITIES_PER_CALL));
  }
  return Promise.all(
    batches.map((quantities, index) =>
      setQuantitiesOnce(admin, { name: "available", reason: "correction", quantities }, quantitiesCallKey(request.runId, index, 1, quantities)),
    ),
  );
}

describe("Admin client against Shopify's limits", () => {
  it("pushes a stock-sized burst at a low restore rate with no failure and never overdraws the bucket", async () => {
    await control(`/shops/${BURST_SHOP.myshopifyDomain}/faults`, { bucket: { maximumAvailable: 40, restoreRate: 60 } });
    const quantities = quantitiesFor(
      (n) => n % 17,
      () => 0,
    );
    expect(quantities).toHaveLength(SKUS * 2);

    let burstFinished = false;
    const burst = setInventoryQuantities(client(BURST_SHOP), { runId: "burst-1", quantities }).finally(() => {
      burstFinished = true;
    });
    // Meanwhile another shop's requests go through, all of them before the throttled burst is over.
    for (let i = 0; i < 3; i++) await client(CALM_SHOP).request(GET_SHOP_OVERVIEW, {}, GET_SHOP_OVERVIEW_COST);
    const calmDoneDuringBurst = !burstFinished;
    const outcomes = await burst;

    expect(outcomes).toHaveLength(20);
    expect(outcomes.every((o) => o.stale.size === 0 && o.refused.size === 0 && o.applied === 250)).toBe(true);
    const bucket = await control(`/shops/${BURST_SHOP.myshopifyDomain}/bucket`);
    expect(bucket.throttledAnswers).toBe(0);
    expect(bucket.lowestAvailable as number).toBeGreaterThanOrEqual(0);
    expect(calmDoneDuringBurst).toBe(true);

    const shop = emulator.state.shop(BURST_SHOP.myshopifyDomain)!;
    const levels = [...shop.catalog.levels.values()];
    expect(
      levels.every(
        (level) =>
          level.quantities.available ===
          shop.catalog.variants.get(shop.catalog.items.get(level.itemId)!.variantId)!.sku.split("-").map(Number)[1]! % 17,
      ),
    ).toBe(true);
  });

  it("applies a repeated push once: the same idempotency keys replay Shopify's first answer", async () => {
    const quantities = quantitiesFor(
      () => 5,
      (n) => n % 17,
    ).slice(0, 300);
    const first = await setInventoryQuantities(client(BURST_SHOP), { runId: "push-twice", quantities });
    const again = await setInventoryQuantities(client(BURST_SHOP), { runId: "push-twice", quantities });
    expect(first.map((o) => o.applied)).toEqual([250, 50]);
    expect(again).toEqual(first);
    // A new push with the old changeFromQuantity is refused as stale, and changes nothing.
    const stale = await setInventoryQuantities(client(BURST_SHOP), {
      runId: "push-stale",
      quantities: quantitiesFor(
        () => 9,
        (n) => n % 17,
      ).slice(0, 2),
    });
    // Both quantities still believed 5: Shopify names each by its position as stale.
    expect([...stale[0]!.stale]).toEqual([0, 1]);
    expect(stale[0]!.applied).toBe(0);
  });

  it("waits out a THROTTLED answer and succeeds", async () => {
    await control(`/shops/${BURST_SHOP.myshopifyDomain}/faults`, { bucket: { maximumAvailable: 40, restoreRate: 20 }, drainBucket: true });
    const fresh = new AdminClient({
      shop: shopDomain(BURST_SHOP.myshopifyDomain),
      accessToken: BURST_SHOP.accessToken,
      baseUrl: emulator.url,
      throttle: undefined,
    });
    const result = await adHocRequest<{ shop: { name: string } }>(fresh, "query ThrottledShopName { shop { name } }", {}, 1);
    expect(result.shop.name).toBe("Burst");
    expect((await control(`/shops/${BURST_SHOP.myshopifyDomain}/bucket`)).throttledAnswers as number).toBeGreaterThanOrEqual(1);
  });

  it("retries 5xx answers with backoff, and fails at once on a refused token", async () => {
    await control(`/shops/${CALM_SHOP.myshopifyDomain}/faults`, { failRequests: 2, failStatus: 503 });
    const result = await client(CALM_SHOP).request(GET_SHOP_OVERVIEW, {}, GET_SHOP_OVERVIEW_COST);
    expect(result.shop.name).toBe("Calm");
    const refused = await new AdminClient({ shop: shopDomain(CALM_SHOP.myshopifyDomain), accessToken: "shpat_wrong", baseUrl: emulator.url })
      .request(GET_SHOP_OVERVIEW, {})
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ShopifyApiError);
    expect((refused as ShopifyApiError).status).toBe(401);
  });
});
