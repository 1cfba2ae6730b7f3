// GIVEN a shop on the Shopify and HTTP ERP emulators, whose orders Ponte exports, and some sent to the POS
// WHEN the order metafields writer runs (the standing job, every 30 seconds), again with nothing new, with an order
//      Shopify no longer has among those due, and while Shopify cannot be reached
// THEN every exported order has erp_number and erp_state read back from Shopify right after its export, a POS order
//      has pos_orders (its POS order per sale point), in as few metafieldsSet calls as Shopify's 25-metafield limit
//      allows; nothing is written again when nothing changed; an order deleted in Shopify is passed over and the others are
//      written; a shop Shopify will not answer (its token refused) keeps its orders due for the next run
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, type AdminDocument, type ResultOf, type VariablesOf } from "../../app/services/shopify/admin-client.server";
import { writeDueOrderMetafields } from "../../app/services/sync/orders/order-metafields-writer.server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { startDemoShopWithErp, type DemoShopWithErp } from "../support/demo-shop-with-erp";

/** The Admin API client, counting the metafieldsSet calls it makes. */
class CountingClient extends AdminClient {
  metafieldCalls = 0;
  override request<D extends AdminDocument>(document: D, variables: VariablesOf<D>, cost?: number): Promise<ResultOf<D>> {
    if (document.includes("metafieldsSet")) this.metafieldCalls++;
    return super.request(document, variables, cost);
  }
}
let client: CountingClient;
let demo: DemoShopWithErp;

beforeAll(async () => {
  demo = await startDemoShopWithErp({ databaseName: "order-metafields" });
  client = new CountingClient({ shop: demo.shop, accessToken: DEMO_SHOP.accessToken, baseUrl: demo.shopify.url });
});
afterAll(() => demo?.close());

const write = () => writeDueOrderMetafields(demo.db, async () => client);

async function placeAndExport(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const order = await demo.placeOrder(
      {
        customer: { email: `metafield-${n}@example.it`, firstName: "Meta", lastName: `Field${n}` },
        lines: [{ sku: "CAF-MOKA-250", title: "Caffè", quantity: 1, price: "5.40" }],
      },
      client,
    );
    ids.push(order.id);
  }
  for (const id of ids) expect(await demo.exportOrder(id, client)).toMatchObject({ status: "exported" });
  return ids;
}

async function metafieldsOf(orderId: string) {
  return client.requestBuilt(
    `query ($id: ID!) { order(id: $id) {
      number: metafield(namespace: "$app", key: "erp_number") { value }
      state: metafield(namespace: "$app", key: "erp_state") { value }
      pos: metafield(namespace: "$app", key: "pos_orders") { value type } } }`,
    { id: orderId },
    (data) =>
      (data as { order: { number: { value: string } | null; state: { value: string } | null; pos: { value: string; type: string } | null } }).order,
  );
}

describe("the order metafields writer", () => {
  it("writes every exported order's ERP sale and a POS order's sale points in few calls, once", async () => {
    const { db, shop } = demo;
    const ids = await placeAndExport(10);
    expect(await db.orderExport.count({ where: { shop, metafieldsDue: true } })).toBe(10);
    // One of them went to two sale points of the POS.
    await db.posSalePoint.createMany({
      data: [
        { shop, salePointId: "sp-1", name: "Milano Centro", address: "Via Roma 1", priority: 1 },
        { shop, salePointId: "sp-2", name: "Torino", address: "Via Po 2", priority: 2 },
      ],
    });
    await db.posOrderAllocation.create({ data: { shop, orderId: ids[0]!, orderName: "#x", status: "dispatched", metafieldsDue: true } });
    await db.posDispatch.createMany({
      data: [
        { shop, orderId: ids[0]!, salePointId: "sp-1", externalId: "e-1", posOrderId: "77", sentAt: new Date(Date.now() - 1000) },
        { shop, orderId: ids[0]!, salePointId: "sp-2", externalId: "e-2", posOrderId: "78" },
      ],
    });

    client.metafieldCalls = 0;
    expect(await write()).toEqual({ written: 10, refused: 0, unreached: 0 });
    // 21 metafields: one call of at most 25.
    expect(client.metafieldCalls).toBe(1);
    for (const id of ids) {
      const read = await metafieldsOf(id);
      expect(read.number?.value).toMatch(/^SO\d{5}$/);
      expect(read.state?.value).toBe("confirmed");
    }
    const first = await metafieldsOf(ids[0]!);
    expect(first.pos?.type).toBe("json");
    expect(JSON.parse(first.pos!.value)).toEqual([
      { salePoint: "Milano Centro", posOrder: "77" },
      { salePoint: "Torino", posOrder: "78" },
    ]);
    expect(await db.orderExport.count({ where: { shop, metafieldsDue: true } })).toBe(0);
    expect(await db.orderExport.count({ where: { shop, storeErpState: "confirmed" } })).toBe(10);

    // Nothing new: nothing written.
    client.metafieldCalls = 0;
    expect(await write()).toEqual({ written: 0, refused: 0, unreached: 0 });
    expect(client.metafieldCalls).toBe(0);
  });

  it("writes the others when Shopify refuses an order deleted there (not flagged); leaves them due while Shopify cannot be written to", async () => {
    const { db, shop, shopify } = demo;
    const ids = await placeAndExport(2);
    // An order Ponte exported that Shopify no longer has (erased): Shopify refuses its metafields, and the whole call.
    await db.orderExport.create({
      data: {
        shop,
        orderId: "gid://shopify/Order/999999",
        orderName: "#9999",
        status: "exported",
        erpNumber: "SO99999",
        erpState: "confirmed",
        metafieldsDue: true,
      },
    });
    client.metafieldCalls = 0;
    expect(await write()).toEqual({ written: 2, refused: 1, unreached: 0 });
    expect(client.metafieldCalls).toBe(4); // the refused call, then each order alone
    for (const id of ids) expect((await metafieldsOf(id)).number?.value).toMatch(/^SO\d{5}$/);
    const refused = await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: "gid://shopify/Order/999999" } } });
    // Deleted in Shopify: nothing to show a flag on, nothing for the merchant to do (the server log has it).
    expect(refused.flag).toBeNull();
    expect(refused.metafieldsDue).toBe(false);

    const later = await placeAndExport(1);
    await fetch(`${shopify.url}/_control/shops/${shop}/faults`, { method: "POST", body: JSON.stringify({ failRequests: 1, failStatus: 401 }) });
    expect(await write()).toMatchObject({ written: 0, unreached: 1 });
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId: later[0]! } } })).toMatchObject({ metafieldsDue: true });
    expect(await write()).toEqual({ written: 1, refused: 0, unreached: 0 });
  });
});
