/**
 * Reads one order through the Admin API as Ponte keeps it, every line of it:
 * the order with its first 50 lines, then the same query for each next page
 * of lines (an order with more lines than one query may ask for never loses
 * one; the few such orders pay the order's own fields again, about 60 points).
 */
import { orderFromAdminApi, type ShopifyOrder } from "./shopify-order";
import type { AdminClient } from "./admin-client.server";
import { GET_ORDER, GET_ORDER_COST } from "./graphql/orders/get-order";
import { GET_ORDER_REFUNDS } from "./graphql/orders/get-order-refunds";
import { GET_RETURN } from "./graphql/orders/get-return";
import { GET_ORDER_EXCHANGE_LINES } from "./graphql/orders/get-order-exchange-lines";
import { GET_ORDER_RETURNS } from "./graphql/orders/get-order-returns";
import { returnFromAdminApi, type ShopifyReturn } from "./shopify-return";
import { refundFromAdminApi, type ShopifyRefund } from "./shopify-refund";

/** null when Shopify no longer has the order. */
export async function readOrder(client: AdminClient, id: string): Promise<ShopifyOrder | null> {
  const { order } = await client.request(GET_ORDER, { id }, GET_ORDER_COST);
  if (!order) return null;
  const nodes = [...order.lineItems.nodes];
  let page = order.lineItems.pageInfo;
  while (page?.hasNextPage && page.endCursor) {
    const next = await client.request(GET_ORDER, { id, after: page.endCursor }, GET_ORDER_COST);
    if (!next.order) return null;
    nodes.push(...next.order.lineItems.nodes);
    page = next.order.lineItems.pageInfo;
  }
  // Read through the order schema Ponte keeps (as a webhook's order is), not trusted as typed.
  return orderFromAdminApi({ ...order, lineItems: { nodes } });
}

/** Estimated cost of GET_ORDER_REFUNDS: 20 refunds of 50 lines. */
const GET_ORDER_REFUNDS_COST = 200;

/** The order's refunds through the Admin API (the reconciliation's way to catch a refunds/create it missed). */
export async function readOrderRefunds(client: AdminClient, id: string): Promise<ShopifyRefund[]> {
  const { order } = await client.request(GET_ORDER_REFUNDS, { id }, GET_ORDER_REFUNDS_COST);
  return (order?.refunds ?? []).map((refund) => refundFromAdminApi(id, refund));
}

/** A return through the Admin API (what came back and where, and its refunds); null when Shopify no longer has it. */
export async function readReturn(client: AdminClient, id: string): Promise<ShopifyReturn | null> {
  const { return: found } = await client.request(GET_RETURN, { id }, 90);
  return found ? returnFromAdminApi(found) : null;
}

/** The ids of the order's lines that are exchange items of its returns (Shopify adds one when an exchange is processed). */
export async function readExchangeLineIds(client: AdminClient, id: string): Promise<Set<string>> {
  const { order } = await client.request(GET_ORDER_EXCHANGE_LINES, { id }, 30);
  return new Set(
    (order?.returns.nodes ?? []).flatMap((made) =>
      made.exchangeLineItems.nodes.flatMap((exchange) => (exchange.lineItems ?? []).map((line) => line.id)),
    ),
  );
}

/** The ids of the order's closed returns (the reconciliation's way to catch a returns/close it missed). */
export async function readClosedReturnIds(client: AdminClient, id: string): Promise<string[]> {
  const { order } = await client.request(GET_ORDER_RETURNS, { id }, 12);
  return (order?.returns.nodes ?? []).filter((made) => made.status === "CLOSED").map((made) => made.id);
}
