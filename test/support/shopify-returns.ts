/**
 * What a merchant does in the Shopify admin to take goods back, through the (emulated) Admin API: ship an order, make
 * a return of its first line (exchanged for a variant, or not), and process it. Shared by the tests that book returns
 * and exchanges.
 */
import { expect } from "vitest";

/** A query or mutation to the shop's Admin API, answering its `data`. */
export type AdminGraphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface MadeReturn {
  id: string;
  returnLineItems: { nodes: Array<{ id: string }> };
  exchangeLineItems: { nodes: Array<{ id: string }> };
}

/** Ships the whole order, then makes a return of one unit of its first line, exchanged for one of `exchangeVariantId` when given. */
export async function shipAndReturnFirstLine(graphql: AdminGraphql, orderId: string, exchangeVariantId?: string): Promise<MadeReturn> {
  const { order } = await graphql<{ order: { fulfillmentOrders: { nodes: Array<{ id: string }> } } }>(
    "query O($id: ID!) { order(id: $id) { fulfillmentOrders(first: 1) { nodes { id } } } }",
    { id: orderId },
  );
  await graphql("mutation F($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }", {
    f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: order.fulfillmentOrders.nodes[0]!.id }] },
  });
  const { order: shipped } = await graphql<{ order: { fulfillments: Array<{ fulfillmentLineItems: { nodes: Array<{ id: string }> } }> } }>(
    "query O($id: ID!) { order(id: $id) { fulfillments { fulfillmentLineItems(first: 5) { nodes { id } } } } }",
    { id: orderId },
  );
  const { returnCreate } = await graphql<{ returnCreate: { return: MadeReturn; userErrors: unknown[] } }>(
    `
      mutation R($r: ReturnInput!) {
        returnCreate(returnInput: $r) {
          return {
            id
            returnLineItems(first: 5) {
              nodes {
                id
              }
            }
            exchangeLineItems(first: 5) {
              nodes {
                id
              }
            }
          }
          userErrors {
            message
          }
        }
      }
    `,
    {
      r: {
        orderId,
        returnLineItems: [
          { fulfillmentLineItemId: shipped.fulfillments[0]!.fulfillmentLineItems.nodes[0]!.id, quantity: 1, returnReason: "SIZE_TOO_SMALL" },
        ],
        exchangeLineItems: exchangeVariantId ? [{ variantId: exchangeVariantId, quantity: 1 }] : [],
      },
    },
  );
  expect(returnCreate.userErrors).toEqual([]);
  return returnCreate.return;
}

/**
 * Processes the whole return: its unit back (restocked at `restockAt`, a location's GID, when given), its exchange item
 * if any, and `refund` sent back when given; Shopify closes a return processed whole.
 */
export async function processWholeReturn(
  graphql: AdminGraphql,
  made: MadeReturn,
  options: { restockAt?: string; refund?: string } = {},
): Promise<void> {
  const returnLine = made.returnLineItems.nodes[0]!.id;
  const { returnProcess } = await graphql<{ returnProcess: { return: { status: string } | null; userErrors: unknown[] } }>(
    "mutation P($i: ReturnProcessInput!) { returnProcess(input: $i) { return { status } userErrors { field message } } }",
    {
      i: {
        returnId: made.id,
        returnLineItems: [
          {
            id: returnLine,
            quantity: 1,
            ...(options.restockAt
              ? {
                  dispositions: [
                    {
                      reverseFulfillmentOrderLineItemId: returnLine.replace("ReturnLineItem", "ReverseFulfillmentOrderLineItem"),
                      quantity: 1,
                      dispositionType: "RESTOCKED",
                      locationId: options.restockAt,
                    },
                  ],
                }
              : {}),
          },
        ],
        exchangeLineItems: made.exchangeLineItems.nodes.map((exchange) => ({ id: exchange.id, quantity: 1 })),
        ...(options.refund
          ? {
              financialTransfer: {
                issueRefund: {
                  orderTransactions: [
                    { parentId: "gid://shopify/OrderTransaction/1", transactionAmount: { amount: options.refund, currencyCode: "EUR" } },
                  ],
                },
              },
            }
          : {}),
      },
    },
  );
  expect(returnProcess).toMatchObject({ return: { status: "CLOSED" }, userErrors: [] });
}
