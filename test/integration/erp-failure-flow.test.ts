// GIVEN a shop on the HTTP ERP emulator and the Shopify emulator, whose Flow trigger "Order could not be sent to the
//       ERP" is declared in extensions/order-erp-failed
// WHEN an order's export is refused for good (and retried), or the ERP books an order with other money than Shopify's,
//      then books it right, then wrong again
// THEN Shopify receives the trigger once per failure streak, with the order's id, the reason in the shop's language
//      and the ERP's name, checked by the emulator against the trigger's declared fields; a retry inside a streak
//      sends nothing more
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordOrderSnapshot } from "../../app/services/sync/orders/order-snapshots.server";
import { readOrder } from "../../app/services/shopify/order-reader.server";
import { startDemoShopWithErp, type DemoShopWithErp } from "../support/demo-shop-with-erp";

let demo: DemoShopWithErp;
beforeAll(async () => {
  demo = await startDemoShopWithErp({ databaseName: "erp-failure-flow", erpName: "Gestionale" });
});
afterAll(() => demo?.close());

const client = () => demo.client();
const exportOrder = (orderId: string) => demo.exportOrder(orderId);
const faults = (body: Record<string, unknown>) => demo.erpFaults(body);
const triggers = async () =>
  (await (await fetch(`${demo.shopify.url}/_control/shops/${demo.shop}/flow-triggers`)).json()) as Array<{
    handle: string;
    payload: Record<string, unknown>;
  }>;
const placeOrder = (email: string) =>
  demo.placeOrder({
    customer: { email, firstName: "Luca", lastName: "Neri" },
    lines: [{ sku: "MOKA-3", title: "Moka", quantity: 1, price: "29.00", taxLines: [{ title: "IVA", rate: 0.22 }] }],
  });

/** The merchant edits the order's note in Shopify; Ponte keeps the new version (as its orders/updated would). */
async function editNote(order: { id: string; legacyResourceId: number }, note: string): Promise<void> {
  await fetch(`${demo.shopify.url}/_control/shops/${demo.shop}/orders/${order.legacyResourceId}/update`, {
    method: "POST",
    body: JSON.stringify({ note }),
  });
  await recordOrderSnapshot(demo.db, demo.shop, (await readOrder(client(), order.id))!, "reconcile");
}

describe("the Flow trigger of an order that could not be sent to the ERP", () => {
  it("is sent once while the ERP keeps refusing the order, and not again once it goes through", async () => {
    const before = (await triggers()).length;
    const order = await placeOrder("rifiutato@example.it");
    await faults({ refuseSalesOrders: "Cliente bloccato per insoluti" });
    expect(await exportOrder(order.id)).toMatchObject({ status: "failed" });
    expect(await exportOrder(order.id)).toMatchObject({ status: "failed" });
    const sent = (await triggers()).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ handle: "order-erp-failed", payload: { order_id: order.legacyResourceId, ERP: "Gestionale" } });
    expect(String(sent[0]!.payload.Reason)).toContain("Cliente bloccato per insoluti");

    await faults({ refuseSalesOrders: null });
    expect(await exportOrder(order.id)).toMatchObject({ status: "exported" });
    expect(
      (await demo.db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop: demo.shop, orderId: order.id } } })).flowAlertedAt,
    ).toBeNull();
    expect((await triggers()).length).toBe(before + 1);
  });

  it("is sent when the ERP books other money than Shopify's, and again only after a booking with the right money", async () => {
    const before = (await triggers()).length;
    demo.erp.books.setup.taxRates = { IVA: "10" };
    const order = await placeOrder("totali@example.it");
    expect(await exportOrder(order.id)).toMatchObject({ status: "exported", totals: { differs: true } });
    expect((await triggers()).slice(before).map((t) => t.payload.order_id)).toEqual([order.legacyResourceId]);

    // Corrected in the ERP's set-up, and the order edited: the sale is rewritten with Shopify's money; the streak ends.
    demo.erp.books.setup.taxRates = { IVA: "22" };
    await editNote(order, "regalo");
    expect(await exportOrder(order.id)).toMatchObject({ status: "updated", totals: { differs: false } });
    expect((await triggers()).length).toBe(before + 1);

    // Wrong again: a new streak, a new trigger.
    demo.erp.books.setup.taxRates = { IVA: "10" };
    await editNote(order, "regalo, urgente");
    expect(await exportOrder(order.id)).toMatchObject({ status: "updated", totals: { differs: true } });
    expect((await triggers()).slice(before).map((t) => t.payload.order_id)).toEqual([order.legacyResourceId, order.legacyResourceId]);
    demo.erp.books.setup.taxRates = {};
  });

  it("is refused by Shopify when its payload does not match the trigger's declared fields", async () => {
    const order = await placeOrder("campi@example.it");
    const answer = (await client().requestBuilt(
      `mutation ($payload: JSON!) { flowTriggerReceive(handle: "order-erp-failed", payload: $payload) { userErrors { field message } } }`,
      { payload: { order_id: order.legacyResourceId, Reason: "x" } },
      (data) => data,
    )) as { flowTriggerReceive: { userErrors: Array<{ message: string }> } };
    expect(answer.flowTriggerReceive.userErrors[0]!.message).toMatch(/Missing payload fields: ERP/);
  });
});
