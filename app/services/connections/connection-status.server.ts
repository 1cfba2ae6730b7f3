/**
 * The state of Ponte's three connections for one shop: the store (Shopify),
 * the ERP and the POS.
 */
import { AdminClient, ShopifyApiError } from "../shopify/admin-client.server";
import { GET_SHOP_OVERVIEW, GET_SHOP_OVERVIEW_COST, type GetShopOverviewResult } from "../shopify/graphql/shop/get-shop-overview";

export type StoreConnection =
  | { state: "connected"; shop: GetShopOverviewResult["shop"]; locations: GetShopOverviewResult["locations"]["nodes"] }
  | { state: "unreachable"; error: string };

/** ERP and POS connections are set up on their own pages; until then they are not configured. */
export type ExternalConnection = { state: "not_configured" };

export interface ConnectionOverview {
  store: StoreConnection;
  erp: ExternalConnection;
  pos: ExternalConnection;
}

export async function readStoreConnection(shop: string, accessToken: string): Promise<StoreConnection> {
  try {
    const result = await new AdminClient({ shop, accessToken }).request<GetShopOverviewResult>(GET_SHOP_OVERVIEW, undefined, GET_SHOP_OVERVIEW_COST);
    return { state: "connected", shop: result.shop, locations: result.locations.nodes };
  } catch (error) {
    const message = error instanceof ShopifyApiError ? error.message : String(error);
    return { state: "unreachable", error: message };
  }
}

export async function readConnectionOverview(shop: string, accessToken: string): Promise<ConnectionOverview> {
  return {
    store: await readStoreConnection(shop, accessToken),
    erp: { state: "not_configured" },
    pos: { state: "not_configured" },
  };
}
