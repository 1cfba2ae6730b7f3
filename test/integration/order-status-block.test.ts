// GIVEN the backend of the order-details block (extensions/order-erp-status), Shopify's real authenticate.admin, a real
//       database, the Shopify and HTTP ERP emulators, and an order the ERP refused
// WHEN the block asks for the order with the admin's session token from another origin (after the browser's CORS
//      preflight), in Italian; another shop's token asks for the same order; a request comes with no token; the
//      merchant presses "Send again" once the ERP takes orders again
// THEN the block gets the order's state and the ERP's reason in Italian, with "Send again" offered, and its POS orders
//      per sale point; the answers carry CORS headers; another shop learns nothing of the order and cannot retry it;
//      no token gets no data; "Send again" queues the order as Retry does, and once exported the block shows its sale
//      with the totals check and no "Send again"
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { DEFAULT_SCOPES } from "../../app/services/config/app-config.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { EncryptedSessionStorage } from "../../app/services/sessions/encrypted-session-storage.server";
import type { OrderStatusBlock } from "../../app/services/sync/orders/order-status-block";
import { mintSessionToken } from "../../emulators/shopify/session-token";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { startDemoShopWithErp, type DemoShopWithErp } from "../support/demo-shop-with-erp";
import { createTestDatabase } from "../support/test-database";

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

const root = path.resolve(import.meta.dirname, "../..");
const otherShop = "altro-negozio.myshopify.com";
const key = Buffer.alloc(32, 7).toString("base64");
/** Where Shopify's admin runs extensions: another origin than the app's. */
const EXTENSION_ORIGIN = "https://extensions.shopifycdn.com";
let env: TestAppEnvironment;
let demo: DemoShopWithErp;

beforeAll(async () => {
  const url = await createTestDatabase("order-status-block");
  env = useTestAppEnvironment(url, { encryptionKey: key });
  demo = await startDemoShopWithErp({ databaseUrl: url, key, app: { name: "Ponte", apiKey: env.apiKey, apiSecret: env.apiSecret, url: env.appUrl } });
  // Another shop with Ponte installed, and its own session.
  await demo.db.shop.create({ data: { domain: otherShop } });
  await new EncryptedSessionStorage(new PrismaSessionStorage(demo.db), new SecretBox(key)).storeSession(
    new Session({ id: `offline_${otherShop}`, shop: otherShop, state: "", isOnline: false, scope: DEFAULT_SCOPES, accessToken: "shpat_other" }),
  );
});
afterAll(() => demo?.close());

async function route(): Promise<{ loader: RouteFunction; action: RouteFunction }> {
  return (await import(path.join(root, "app", "routes", "extensions.order-erp-status.tsx"))) as { loader: RouteFunction; action: RouteFunction };
}

/** A request as the admin's fetch sends it from the block: from the extensions' origin, with the session token. */
function blockRequest(forShop: string | null, init: RequestInit & { query?: Record<string, string> } = {}): Request {
  const url = new URL("/extensions/order-erp-status", env.appUrl);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers(init.headers);
  headers.set("Origin", EXTENSION_ORIGIN);
  if (forShop) headers.set("Authorization", `Bearer ${mintSessionToken({ shop: forShop, apiKey: env.apiKey, userId: "1" }, env.apiSecret)}`);
  return new Request(url, { ...init, headers });
}

async function call(fn: RouteFunction, request: Request): Promise<Response> {
  return fn({ request, params: {}, context: {} }).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

async function readBlock(forShop: string, orderId: string, language: string): Promise<OrderStatusBlock> {
  const response = await call((await route()).loader, blockRequest(forShop, { query: { order: orderId, language } }));
  expect(response.status).toBe(200);
  expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  return (await response.json()) as OrderStatusBlock;
}

describe("the order-details block's backend", () => {
  it("tells a failed order's state and reason in the block's language, to its own shop only, and sends it again", async () => {
    const { db, shop } = demo;
    await demo.erpFaults({ refuseSalesOrders: "Cliente bloccato: fido superato" });
    const order = await demo.placeOrder({
      customer: { email: "blocco@example.it", firstName: "Lia", lastName: "Conti" },
      lines: [{ sku: "MOKA-3", title: "Moka", quantity: 1, price: "29.00", taxLines: [{ title: "IVA", rate: 0.22 }] }],
      taxesIncluded: true,
    });
    expect(await demo.exportOrder(order.id)).toMatchObject({ status: "failed" });
    // The order also went to a sale point of the POS.
    await db.posSalePoint.create({ data: { shop, salePointId: "sp-1", name: "Milano Centro", address: "Via Roma 1", priority: 1 } });
    await db.posOrderAllocation.create({
      data: {
        shop,
        orderId: order.id,
        orderName: order.name,
        status: "dispatched",
        plan: [{ salePointId: "sp-1", lines: [{ lineId: "1", sku: "MOKA-3", quantity: 1 }] }],
      },
    });
    await db.posDispatch.create({ data: { shop, orderId: order.id, salePointId: "sp-1", externalId: "ext-1", posOrderId: "77" } });

    // The browser's preflight is answered for the extensions' origin, before any token is read.
    const preflight = await call(
      (await route()).action,
      blockRequest(null, {
        method: "OPTIONS",
        headers: { "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(preflight.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);

    const failed = await readBlock(shop, order.id, "it");
    expect(failed).toMatchObject({
      known: true,
      erp: {
        erpName: null,
        state: { label: "Non riuscito", tone: "critical" },
        moving: false,
        saleNumber: null,
        canSendAgain: true,
        totals: null,
      },
      pos: { state: { tone: "success" }, salePoints: ["Milano Centro: ordine di cassa 77 (1 articolo)"], reason: null },
    });
    expect(failed.erp!.reason).toBe(
      `Il gestionale ha rifiutato l'ordine ${order.name}: Cliente bloccato: fido superato. Correggi nel gestionale o in Shopify, poi riprova l'ordine.`,
    );

    // Another shop's admin learns nothing of this order, and its "Send again" retries nothing.
    expect(await readBlock(otherShop, order.id, "it")).toEqual({ known: false, erp: null, pos: null });
    const foreign = await call(
      (await route()).action,
      blockRequest(otherShop, { method: "POST", body: JSON.stringify({ order: order.id }), headers: { "Content-Type": "application/json" } }),
    );
    expect(await foreign.json()).toEqual({ retried: 0 });
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: order.id } } })).toMatchObject({ status: "failed" });

    // No session token: no data.
    const anonymous = await call((await route()).loader, blockRequest(null, { query: { order: order.id } }));
    expect(anonymous.status).not.toBe(200);
    expect(await anonymous.text()).not.toContain("Cliente bloccato");
    // Not an order's id: a clear 400.
    const wrong = await call((await route()).loader, blockRequest(shop, { query: { order: "gid://shopify/Product/1" } }));
    expect(wrong.status).toBe(400);

    // The ERP takes orders again; "Send again" queues the order as Retry does, and the worker's export books it.
    await demo.erpFaults({ refuseSalesOrders: null });
    const sent = await call(
      (await route()).action,
      blockRequest(shop, { method: "POST", body: JSON.stringify({ order: order.id }), headers: { "Content-Type": "application/json" } }),
    );
    expect(sent.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await sent.json()).toEqual({ retried: 1 });
    expect(await readBlock(shop, order.id, "en")).toMatchObject({ erp: { state: { label: "Retrying" }, moving: true, canSendAgain: true } });
    expect(await demo.exportOrder(order.id)).toMatchObject({ status: "exported" });

    const exported = await readBlock(shop, order.id, "en");
    expect(exported.erp).toMatchObject({
      state: { label: "Exported", tone: "success" },
      moving: false,
      saleNumber: expect.stringMatching(/^SO\d{5}$/),
      reason: null,
      flag: null,
      canSendAgain: false,
      totals: { text: "ERP 29.00 · Shopify 29.00 EUR", differ: false },
    });
  });
});
