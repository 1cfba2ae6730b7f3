/** The store's email, where alerts go unless the merchant chose another address. Estimated cost: 1 point. */
export const GET_SHOP_EMAIL = `#graphql
  query GetShopEmail {
    shop {
      email
    }
  }
`;
export const GET_SHOP_EMAIL_COST = 1;

export interface GetShopEmailResult {
  shop: { email: string | null };
}
