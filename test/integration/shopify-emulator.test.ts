// GIVEN the Shopify emulator over real HTTP with the demo shop
// WHEN Ponte's Admin client queries it
// THEN it answers from the real 2026-07 schema, and refuses what Shopify would refuse
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, ShopifyApiError } from "../../app/services/shopify/admin-client.server";
import { GET_SHOP_OVERVIEW } from "../../app/services/shopify/graphql/shop/get-shop-overview";
import { adHocRequest } from "../support/ad-hoc-request";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { shopDomain } from "../../app/services/ids";

let emulator: ShopifyEmulator;
const app = { name: "Ponte", apiKey: "k", apiSecret: "s".repeat(32), url: "http://127.0.0.1:1" };

beforeAll(async () => {
  emulator = await startShopifyEmulator({ app, shops: [DEMO_SHOP] });
});
afterAll(() => emulator.close());

const client = (accessToken = DEMO_SHOP.accessToken) =>
  new AdminClient({ shop: shopDomain(DEMO_SHOP.myshopifyDomain), accessToken, baseUrl: emulator.url });

describe("Shopify emulator, Admin GraphQL", () => {
  it("answers the dashboard's shop query for the demo shop", async () => {
    const result = await client().request(GET_SHOP_OVERVIEW, {});
    expect(result.shop).toMatchObject({
      name: "Ponte Demo Store",
      myshopifyDomain: "ponte-demo.myshopify.com",
      currencyCode: "EUR",
      ianaTimezone: "Europe/Rome",
    });
    expect(result.shop.plan.displayName).toBe("Basic");
    expect(result.locations.nodes.map((l) => l.name)).toEqual(["Milano Centro", "Torino Porta Nuova"]);
  });

  it("refuses an unknown access token with 401 like Shopify", async () => {
    const error = await client("shpat_wrong")
      .request(GET_SHOP_OVERVIEW, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyApiError);
    expect((error as ShopifyApiError).status).toBe(401);
  });

  it("refuses a document that does not validate against Shopify's schema, naming the field", async () => {
    const error = await adHocRequest(client(), "query { shop { nameThatDoesNotExist } }").catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/Cannot query field "nameThatDoesNotExist" on type "Shop"/);
  });

  it("names a real field it does not emulate instead of answering null", async () => {
    const error = await adHocRequest(client(), "query { shop { shopOwnerName } }").catch((e: unknown) => e);
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

describe("Shopify emulator, orders, fulfillments and products", () => {
  const createOrder = async () => {
    const response = await fetch(`${emulator.url}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      method: "POST",
      body: JSON.stringify({
        lines: [
          { sku: "A", title: "A", quantity: 2, price: "5.00" },
          { sku: "B", title: "B", quantity: 1, price: "7.50" },
        ],
      }),
    });
    return (await response.json()) as { id: string };
  };

  it("ships an order in two fulfillments with tracking, then refuses to cancel it", async () => {
    const order = await createOrder();
    const { order: read } = await adHocRequest<{
      order: {
        fulfillmentOrders: { nodes: Array<{ id: string; status: string; lineItems: { nodes: Array<{ id: string; remainingQuantity: number }> } }> };
      };
    }>(
      client(),
      "query ($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 10) { nodes { id remainingQuantity } } } } } }",
      { id: order.id },
    );
    const fo = read.fulfillmentOrders.nodes[0]!;
    expect(fo.status).toBe("OPEN");
    const fulfil = (lines: Array<{ id: string; quantity: number }>, number: string) =>
      adHocRequest<{
        fulfillmentCreate: {
          fulfillment: { status: string; trackingInfo: Array<{ number: string }> } | null;
          userErrors: Array<{ message: string }>;
        };
      }>(
        client(),
        "mutation ($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { status trackingInfo { company number url } } userErrors { message } } }",
        {
          f: {
            lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: lines }],
            trackingInfo: { company: "BRT", number },
          },
        },
      );
    const first = await fulfil([{ id: fo.lineItems.nodes[0]!.id, quantity: 2 }], "BRT-1");
    expect(first.fulfillmentCreate.fulfillment).toMatchObject({ status: "SUCCESS", trackingInfo: [{ number: "BRT-1" }] });
    const tooMany = await fulfil([{ id: fo.lineItems.nodes[0]!.id, quantity: 1 }], "BRT-X");
    expect(tooMany.fulfillmentCreate.userErrors[0]!.message).toMatch(/Invalid fulfillment order line item quantity/);
    await fulfil([{ id: fo.lineItems.nodes[1]!.id, quantity: 1 }], "BRT-2");
    const { order: shipped } = await adHocRequest<{
      order: { displayFulfillmentStatus: string; fulfillments: Array<{ trackingInfo: Array<{ number: string }> }> };
    }>(client(), "query ($id: ID!) { order(id: $id) { displayFulfillmentStatus fulfillments { trackingInfo { number } } } }", { id: order.id });
    expect(shipped.displayFulfillmentStatus).toBe("FULFILLED");
    expect(shipped.fulfillments.map((f) => f.trackingInfo[0]!.number)).toEqual(["BRT-1", "BRT-2"]);
    const cancel = await adHocRequest<{ orderCancel: { orderCancelUserErrors: Array<{ code: string }> } }>(
      client(),
      "mutation ($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true) { job { done } orderCancelUserErrors { code message } } }",
      { id: order.id },
    );
    expect(cancel.orderCancel.orderCancelUserErrors[0]!.code).toBe("INVALID");
  });

  it("refunds lines and shipping with refundCreate, refusing more than is left, and returns a fulfilled line for an exchange", async () => {
    const order = await createOrder();
    const orderView = async () =>
      (
        await adHocRequest<{
          order: {
            displayFinancialStatus: string;
            currentTotalPriceSet: { shopMoney: { amount: string } };
            lineItems: { nodes: Array<{ id: string; sku: string; currentQuantity: number }> };
            fulfillments: Array<{ fulfillmentLineItems: { nodes: Array<{ id: string; quantity: number; lineItem: { sku: string } }> } }>;
            refunds: Array<{ id: string; return: { id: string } | null; totalRefundedSet: { shopMoney: { amount: string } } }>;
          };
        }>(
          client(),
          `query ($id: ID!) { order(id: $id) { displayFinancialStatus currentTotalPriceSet { shopMoney { amount } }
             lineItems(first: 10) { nodes { id sku currentQuantity } }
             fulfillments { fulfillmentLineItems(first: 10) { nodes { id quantity lineItem { sku } } } }
             refunds(first: 5) { id return { id } totalRefundedSet { shopMoney { amount } } } } }`,
          { id: order.id },
        )
      ).order;
    const before = await orderView();
    const [a] = before.lineItems.nodes;
    const refund = (input: Record<string, unknown>) =>
      adHocRequest<{ refundCreate: { refund: { id: string } | null; userErrors: Array<{ message: string }> } }>(
        client(),
        "mutation ($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { field message } } }",
        { input: { orderId: order.id, ...input } },
      );
    const tooMany = await refund({ refundLineItems: [{ lineItemId: a!.id, quantity: 3, restockType: "NO_RESTOCK" }] });
    expect(tooMany.refundCreate.userErrors[0]!.message).toMatch(/cannot refund more items than were purchased/);
    const one = await refund({
      refundLineItems: [{ lineItemId: a!.id, quantity: 1, restockType: "NO_RESTOCK" }],
      transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "5.00" }],
    });
    expect(one.refundCreate.userErrors).toEqual([]);
    const refunded = await orderView();
    expect(refunded.displayFinancialStatus).toBe("PARTIALLY_REFUNDED");
    expect(refunded.lineItems.nodes.find((l) => l.sku === "A")!.currentQuantity).toBe(1);
    expect(refunded.currentTotalPriceSet.shopMoney.amount).toBe("12.50");

    // Ship what is left, then return the B line for an exchange with the demo catalog's first variant.
    const fulfilled = await adHocRequest<{ order: { fulfillmentOrders: { nodes: Array<{ id: string }> } } }>(
      client(),
      "query ($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1) { nodes { id } } } }",
      { id: order.id },
    );
    await adHocRequest(client(), "mutation ($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }", {
      f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfilled.order.fulfillmentOrders.nodes[0]!.id }] },
    });
    const shipped = await orderView();
    const bLine = shipped.fulfillments[0]!.fulfillmentLineItems.nodes.find((n) => n.lineItem.sku === "B")!;
    await fetch(`${emulator.url}/_control/shops/${DEMO_SHOP.myshopifyDomain}/products`, {
      method: "POST",
      body: JSON.stringify({ title: "B, a size larger", variants: [{ sku: "B-L", price: "7.50" }] }),
    });
    const variant = [...emulator.state.shop(DEMO_SHOP.myshopifyDomain)!.catalog.variants.values()].find((v) => v.sku === "B-L")!;
    const created = await adHocRequest<{
      returnCreate: {
        return: {
          id: string;
          status: string;
          returnLineItems: { nodes: Array<{ id: string }> };
          exchangeLineItems: { nodes: Array<{ id: string }> };
        } | null;
        userErrors: unknown[];
      };
    }>(
      client(),
      `mutation ($r: ReturnInput!) { returnCreate(returnInput: $r) { return { id status
         returnLineItems(first: 5) { nodes { id } } exchangeLineItems(first: 5) { nodes { id } } } userErrors { field message } } }`,
      {
        r: {
          orderId: order.id,
          returnLineItems: [{ fulfillmentLineItemId: bLine.id, quantity: 1, returnReason: "SIZE_TOO_SMALL" }],
          exchangeLineItems: [{ variantId: `gid://shopify/ProductVariant/${variant.id}`, quantity: 1 }],
        },
      },
    );
    expect(created.returnCreate.userErrors).toEqual([]);
    const made = created.returnCreate.return!;
    expect(made.status).toBe("OPEN");
    // Shopify confirms an exchange item (a line of the order) only when the return is processed.
    expect((await orderView()).lineItems.nodes.map((l) => l.sku)).not.toContain(variant.sku);
    const location = emulator.state.shop(DEMO_SHOP.myshopifyDomain)!.locations[0]!.id;
    const processed = await adHocRequest<{ returnProcess: { return: { status: string } | null; userErrors: unknown[] } }>(
      client(),
      "mutation ($i: ReturnProcessInput!) { returnProcess(input: $i) { return { status } userErrors { field message } } }",
      {
        i: {
          returnId: made.id,
          returnLineItems: [
            {
              id: made.returnLineItems.nodes[0]!.id,
              quantity: 1,
              dispositions: [
                {
                  reverseFulfillmentOrderLineItemId: made.returnLineItems.nodes[0]!.id.replace("ReturnLineItem", "ReverseFulfillmentOrderLineItem"),
                  quantity: 1,
                  dispositionType: "RESTOCKED",
                  locationId: `gid://shopify/Location/${location}`,
                },
              ],
            },
          ],
          exchangeLineItems: [{ id: made.exchangeLineItems.nodes[0]!.id, quantity: 1 }],
          financialTransfer: {
            issueRefund: {
              orderTransactions: [{ parentId: "gid://shopify/OrderTransaction/1", transactionAmount: { amount: "7.50", currencyCode: "EUR" } }],
            },
          },
        },
      },
    );
    expect(processed.returnProcess).toMatchObject({ return: { status: "CLOSED" }, userErrors: [] });
    const read = await adHocRequest<{
      return: {
        status: string;
        reverseFulfillmentOrders: {
          nodes: Array<{ lineItems: { nodes: Array<{ dispositions: Array<{ type: string; quantity: number; location: { id: string } }> }> } }>;
        };
      };
    }>(
      client(),
      `query ($id: ID!) { return(id: $id) { status reverseFulfillmentOrders(first: 1) { nodes { lineItems(first: 5) { nodes {
         dispositions { type quantity location { id } } } } } } } }`,
      { id: made.id },
    );
    expect(read.return.reverseFulfillmentOrders.nodes[0]!.lineItems.nodes[0]!.dispositions).toEqual([
      { type: "RESTOCKED", quantity: 1, location: { id: `gid://shopify/Location/${location}` } },
    ]);
    const after = await orderView();
    expect(after.lineItems.nodes.map((l) => l.sku)).toContain(variant.sku);
    expect(after.refunds.map((r) => [r.totalRefundedSet.shopMoney.amount, r.return?.id ?? null])).toEqual([
      ["5.00", null],
      ["7.50", made.id],
    ]);
  });

  it("cancels an open order once", async () => {
    const order = await createOrder();
    const cancel = () =>
      adHocRequest<{ orderCancel: { job: { done: boolean } | null; orderCancelUserErrors: Array<{ code: string }> } }>(
        client(),
        "mutation ($id: ID!) { orderCancel(orderId: $id, reason: CUSTOMER, restock: true) { job { done } orderCancelUserErrors { code } } }",
        { id: order.id },
      );
    expect((await cancel()).orderCancel.job).toEqual({ done: true });
    expect((await cancel()).orderCancel.orderCancelUserErrors[0]!.code).toBe("INVALID");
  });

  it("finds customers by email", async () => {
    await fetch(`${emulator.url}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      method: "POST",
      body: JSON.stringify({
        customer: { email: "lucia@example.it", firstName: "Lucia", lastName: "Verdi" },
        lines: [{ title: "A", quantity: 1, price: "1.00" }],
      }),
    });
    const found = await adHocRequest<{ customers: { nodes: Array<{ displayName: string }> } }>(
      client(),
      'query { customers(first: 5, query: "email:lucia@example.it") { nodes { displayName defaultEmailAddress { emailAddress } } } }',
    );
    expect(found.customers.nodes.map((c) => c.displayName)).toEqual(["Lucia Verdi"]);
  });

  it("creates and then updates a product with productSet, variants matched by SKU", async () => {
    type Result = { productSet: { product: { id: string; title: string; variants: { nodes: Array<{ sku: string; price: string }> } } | null } };
    const document =
      "mutation ($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id title variants(first: 10) { nodes { sku price } } } userErrors { code message } } }";
    const created = await adHocRequest<Result>(client(), document, {
      input: { title: "Mug", variants: [{ sku: "MUG-W", price: "8.00", optionValues: [{ optionName: "Color", name: "White" }] }] },
    });
    const id = created.productSet.product!.id;
    const updated = await adHocRequest<Result>(client(), document, {
      input: {
        id,
        title: "Mug 2",
        variants: [
          { sku: "MUG-W", price: "9.00", optionValues: [{ optionName: "Color", name: "White" }] },
          { sku: "MUG-B", price: "9.50", optionValues: [{ optionName: "Color", name: "Black" }] },
        ],
      },
    });
    expect(updated.productSet.product).toMatchObject({
      id,
      title: "Mug 2",
      variants: {
        nodes: [
          { sku: "MUG-W", price: "9.00" },
          { sku: "MUG-B", price: "9.50" },
        ],
      },
    });
  });
});
