/**
 * Shopify's global ids (`gid://shopify/Order/1001`), built and read here only. A GID is branded with its resource
 * type, so an order's id cannot be passed where a customer's is expected.
 */
export type ShopifyResource =
  | "Order"
  | "Customer"
  | "Product"
  | "ProductVariant"
  | "Location"
  | "LineItem"
  | "InventoryItem"
  | "BulkOperation"
  | "CompanyLocation"
  | "Refund"
  | "Return";

export type ShopifyGid<R extends ShopifyResource = ShopifyResource> = string & { readonly __shopifyResource: R };

/** The GID of a resource from its numeric (REST, webhook) id. */
export function shopifyGid<R extends ShopifyResource>(resource: R, legacyId: number | string): ShopifyGid<R> {
  const id = String(legacyId);
  if (!/^\d+$/.test(id)) throw new Error(`not a Shopify ${resource} id: ${JSON.stringify(legacyId)}`);
  return `gid://shopify/${resource}/${id}` as ShopifyGid<R>;
}

const GID_PATTERN = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/;

/** The GID as a branded value, or null when it is not a GID of that resource. */
export function parseShopifyGid<R extends ShopifyResource>(resource: R, value: string): ShopifyGid<R> | null {
  const match = GID_PATTERN.exec(value);
  return match && match[1] === resource ? (value as ShopifyGid<R>) : null;
}

/** The numeric id inside a GID ("1001" of gid://shopify/Order/1001). */
export function legacyIdOf(gid: string): string {
  const match = GID_PATTERN.exec(gid);
  if (!match) throw new Error(`not a Shopify GID: ${JSON.stringify(gid)}`);
  return match[2]!;
}

/** A location's GID prefix, for inputs that must name a location. */
export const LOCATION_GID_PREFIX = "gid://shopify/Location/";

/** The order's page in the Shopify admin, as an embedded app links to it (`shopify://admin/orders/1001`, opened by App Bridge). */
export function shopifyOrderUrl(orderId: string): string {
  const match = GID_PATTERN.exec(orderId);
  return `shopify://admin/orders/${match ? match[2] : orderId.replace(/\D/g, "")}`;
}
