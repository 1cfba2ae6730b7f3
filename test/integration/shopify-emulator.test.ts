// GIVEN the Shopify emulator over real HTTP with the demo shop
// WHEN Ponte's Admin client queries it
// THEN it answers from the real 2026-07 schema, and refuses what Shopify would refuse
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, ShopifyApiError } from "../../app/services/shopify/admin-client.server";
import { GET_SHOP_OVERVIEW, type GetShopOverviewResult } from "../../app/services/shopify/graphql/shop/get-shop-overview";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";

let emulator: ShopifyEmulator;
const app = { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:1" };

beforeAll(async () => {
  emulator = await startShopifyEmulator({ app, shops: [DEMO_SHOP] });
});
afterAll(() => emulator.close());

const client = (accessToken = DEMO_SHOP.accessToken) => new AdminClient({ shop: DEMO_SHOP.myshopifyDomain, accessToken, baseUrl: emulator.url });

describe("Shopify emulator, Admin GraphQL", () => {
  it("answers the dashboard's shop query for the demo shop", async () => {
    const result = await client().request<GetShopOverviewResult>(GET_SHOP_OVERVIEW);
    expect(result.shop).toMatchObject({ name: "Ponte Demo Store", myshopifyDomain: "ponte-demo.myshopify.com", currencyCode: "EUR", ianaTimezone: "Europe/Rome" });
    expect(result.shop.plan.displayName).toBe("Basic");
    expect(result.locations.nodes.map((l) => l.name)).toEqual(["Milano Centro", "Torino Porta Nuova"]);
  });

  it("refuses an unknown access token with 401 like Shopify", async () => {
    const error = await client("shpat_wrong").request(GET_SHOP_OVERVIEW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyApiError);
    expect((error as ShopifyApiError).status).toBe(401);
  });

  it("refuses a document that does not validate against Shopify's schema, naming the field", async () => {
    const error = await client().request("query { shop { nameThatDoesNotExist } }").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/Cannot query field "nameThatDoesNotExist" on type "Shop"/);
  });

  it("names a real field it does not emulate instead of answering null", async () => {
    const error = await client().request("query { shop { shopOwnerName } }").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/does not implement Shop\.shopOwnerName/);
  });

  it("serves the admin frame with a session token for the app, and the App Bridge stand-in", async () => {
    const page = await fetch(`${emulator.url}/store/ponte-demo/apps/ponte`).then((r) => r.text());
    const src = page.match(/<iframe[^>]+src="([^"]+)"/)?.[1]?.replaceAll("&amp;", "&");
    const launch = new URL(src ?? "");
    expect(launch.origin + launch.pathname).toBe("http://127.0.0.1:1/app");
    expect(launch.searchParams.get("embedded")).toBe("1");
    expect(launch.searchParams.get("shop")).toBe("ponte-demo.myshopify.com");
    expect(launch.searchParams.get("id_token")?.split(".")).toHaveLength(3);
    const script = await fetch(`${emulator.url}/sandbox/app-bridge.js`);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(await script.text()).toContain("window.shopify");
  });
});
