/**
 * What changed in Shopify since a moment, page by page (100 a page, oldest
 * change first), through Shopify's search syntax on updated_at: the orders
 * and products the reconciliation reads again, the customers carried to the
 * ERP.
 */
import type { AdminClient } from "./admin-client.server";
import { LIST_CUSTOMERS, LIST_CUSTOMERS_COST, type ShopifyCustomerNode } from "./graphql/customers/list-customers";
import { LIST_ORDERS_UPDATED_SINCE, LIST_ORDERS_UPDATED_SINCE_COST } from "./graphql/orders/list-orders-updated-since";
import { LIST_PRODUCTS_UPDATED_SINCE, LIST_PRODUCTS_UPDATED_SINCE_COST } from "./graphql/products/list-products-updated-since";
import { paginate } from "./paginate.server";

export type { ShopifyCustomerNode } from "./graphql/customers/list-customers";

/** A record Shopify changed: its GID and when. */
export interface Change {
  id: string;
  updatedAt: string;
}

/** Changed at or after `since` (search: updated_at:>='ISO'). */
const atOrAfter = (since: Date) => `updated_at:>='${since.toISOString()}'`;

export function ordersChangedSince(client: AdminClient, since: Date): AsyncGenerator<Change[]> {
  return paginate(client, LIST_ORDERS_UPDATED_SINCE, { query: atOrAfter(since) }, (result) => result.orders, LIST_ORDERS_UPDATED_SINCE_COST);
}

export function productsChangedSince(client: AdminClient, since: Date): AsyncGenerator<Change[]> {
  return paginate(client, LIST_PRODUCTS_UPDATED_SINCE, { query: atOrAfter(since) }, (result) => result.products, LIST_PRODUCTS_UPDATED_SINCE_COST);
}

/** Every customer, or with `since` those changed after it (search: updated_at:>'ISO'). */
export function customersChangedSince(client: AdminClient, since: Date | null): AsyncGenerator<ShopifyCustomerNode[]> {
  const query = since ? `updated_at:>'${since.toISOString()}'` : null;
  return paginate(client, LIST_CUSTOMERS, { query }, (result) => result.customers, LIST_CUSTOMERS_COST);
}
