/** The store itself as Shopify describes it: its name, currency, time zone and locations; its email. */
import type { AdminClient } from "./admin-client.server";
import type { GetShopOverviewQuery } from "./graphql/admin.generated";
import { GET_SHOP_EMAIL, GET_SHOP_EMAIL_COST } from "./graphql/shop/get-shop-email";
import { GET_SHOP_OVERVIEW, GET_SHOP_OVERVIEW_COST } from "./graphql/shop/get-shop-overview";

export interface ShopOverview {
  shop: GetShopOverviewQuery["shop"];
  locations: GetShopOverviewQuery["locations"]["nodes"];
}

export async function readShopOverview(client: AdminClient): Promise<ShopOverview> {
  const result = await client.request(GET_SHOP_OVERVIEW, {}, GET_SHOP_OVERVIEW_COST);
  return { shop: result.shop, locations: result.locations.nodes };
}

/** The store's contact email, or null when it has none. */
export async function readShopEmail(client: AdminClient): Promise<string | null> {
  const { shop } = await client.request(GET_SHOP_EMAIL, {}, GET_SHOP_EMAIL_COST);
  return shop.email || null;
}
