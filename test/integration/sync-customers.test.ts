// GIVEN the Shopify emulator over HTTP, the HTTP ERP emulator, and customers of whom the ERP knows some (by their orders)
// WHEN a customer changes in Shopify and the customer sync runs on schedule ("changed") or by hand ("all")
// THEN linked ERP customers get Shopify's name, email and address; an unlinked customer is never created
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { syncCustomers, type CustomerSyncFailure } from "../../app/services/sync/customers/sync-customers.server";
import { exportOrderToErp } from "../../app/services/sync/orders/export-order-to-erp.use-case.server";
import { reconcileOrders } from "../../app/services/sync/reconcile/reconcile-orders.server";
import { orderFromSnapshot } from "../../app/services/shopify/shopify-order";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { createTestDatabase } from "../support/test-database";
import { erpConnectionId, shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
let db: PrismaClient;
let shopify: ShopifyEmulator;
let erpEmulator: ErpEmulator;
let client: AdminClient;
let erp: HttpErpAdapter;

async function control<T = Record<string, unknown>>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${shopify.url}/_control/shops/${shop}${path}`, { method: "POST", body: JSON.stringify(body) });
  return response.json() as Promise<T>;
}
const address = (firstName: string, city: string) => ({ firstName, lastName: "Test", address1: "Via Roma 1", city, zip: "00100", countryCode: "IT" });

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("sync-customers"));
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  erpEmulator = await startErpEmulator({ apiKey: "customers-key" });
  client = new AdminClient({ shop, accessToken: DEMO_SHOP.accessToken, baseUrl: shopify.url });
  erp = new HttpErpAdapter({ baseUrl: erpEmulator.url, apiKey: erpEmulator.apiKey });
  // Two hours ago, Anna and Bruno ordered (paid): they reached the ERP with their orders. Carla's order is unpaid: the ERP does not know her.
  const createdAt = new Date(Date.now() - 2 * 3600_000).toISOString();
  await control("/orders", {
    customer: { email: "anna@example.it", firstName: "Anna", lastName: "Test" },
    shippingAddress: address("Anna", "Roma"),
    lines: [{ sku: "A", title: "A", quantity: 1, price: "1.00" }],
    createdAt,
  });
  await control("/orders", {
    customer: { email: "bruno@example.it", firstName: "Bruno", lastName: "Test" },
    shippingAddress: address("Bruno", "Roma"),
    lines: [{ sku: "A", title: "A", quantity: 1, price: "1.00" }],
    createdAt,
  });
  await control("/orders", {
    customer: { email: "carla@example.it", firstName: "Carla", lastName: "Test" },
    financialStatus: "PENDING",
    lines: [{ sku: "A", title: "A", quantity: 1, price: "1.00" }],
    createdAt,
  });
  await reconcileOrders(db, client, shop);
  for (const snapshot of await db.orderSnapshot.findMany({ where: { shop } }))
    await exportOrderToErp({ db, erp, erpId: erpConnectionId("main") }, shop, orderFromSnapshot(snapshot.order));
});
afterAll(async () => {
  await shopify.close();
  await erpEmulator.close();
  await db.$disconnect();
});

const erpCustomer = (email: string) => [...erpEmulator.books.customers.values()].find((c) => c.email === email);

describe("customer sync, store to ERP", () => {
  it("updates only what changed since the last run, on linked customers, and never creates one", async () => {
    expect(erpEmulator.books.customers.size).toBe(2);
    const first = await syncCustomers({ db, erp, erpId: erpConnectionId("main"), client }, shop, "changed", new Date());
    expect(first).toMatchObject({ read: 3, updated: 2, notLinked: 1 });

    const anna = erpCustomer("anna@example.it")!;
    const annaShopify = [...shopify.state.shop(shop)!.orders.customers.values()].find((c) => c.email === "anna@example.it")!;
    await control(`/customers/${annaShopify.id}/update`, {
      email: "anna.nuova@example.it",
      lastName: "Sposata",
      defaultAddress: address("Anna", "Napoli"),
    });
    const carlaShopify = [...shopify.state.shop(shop)!.orders.customers.values()].find((c) => c.email === "carla@example.it")!;
    await control(`/customers/${carlaShopify.id}/update`, { lastName: "Changed" });

    const second = await syncCustomers({ db, erp, erpId: erpConnectionId("main"), client }, shop, "changed", new Date());
    // Bruno did not change since the last run: only Anna (linked, updated) and Carla (not linked, left alone) were read.
    expect(second).toEqual({ read: 2, updated: 1, notLinked: 1, failed: 0 });
    expect(erpCustomer("anna.nuova@example.it")).toMatchObject({ id: anna.id, name: "Anna Sposata" });
    expect(
      erpCustomer("anna.nuova@example.it")!
        .addresses.map((a) => a.city)
        .sort(),
    ).toEqual(["Napoli", "Roma"]);
    expect(erpEmulator.books.customers.size).toBe(2);
    expect(erpCustomer("carla@example.it")).toBeUndefined();
  });

  it("walks every Shopify customer when run by hand, updating each linked one", async () => {
    const outcome = await syncCustomers({ db, erp, erpId: erpConnectionId("main"), client }, shop, "all");
    expect(outcome).toEqual({ read: 3, updated: 2, notLinked: 1, failed: 0 });
    expect(erpEmulator.books.customers.size).toBe(2);
  });

  it("reports a linked customer the ERP refuses (gone from the ERP) with its reason, and still updates the others", async () => {
    const bruno = erpCustomer("bruno@example.it")!;
    erpEmulator.books.customers.delete(bruno.id);
    const failures: CustomerSyncFailure[] = [];
    const outcome = await syncCustomers(
      { db, erp, erpId: erpConnectionId("main"), client },
      shop,
      "all",
      new Date(),
      undefined,
      async (failure) => void failures.push(failure),
    );
    expect(outcome).toEqual({ read: 3, updated: 1, notLinked: 1, failed: 1 });
    expect(failures).toEqual([
      { customerId: expect.stringMatching(/^gid:\/\/shopify\/Customer\//), email: "bruno@example.it", reason: expect.stringMatching(/customer/i) },
    ]);
  });
});
