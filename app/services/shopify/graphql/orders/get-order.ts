/** One order as Ponte keeps it (up to 100 lines). Estimated cost: 1 + 2 + 2 + 100 × 4 ≈ 405. */
export const GET_ORDER = `#graphql
  query GetOrder($id: ID!) {
    order(id: $id) {
      id
      name
      email
      createdAt
      updatedAt
      cancelledAt
      displayFinancialStatus
      currencyCode
      customer {
        id
        firstName
        lastName
        defaultEmailAddress {
          emailAddress
        }
      }
      shippingAddress {
        name
        address1
        city
        zip
        countryCodeV2
      }
      lineItems(first: 100) {
        nodes {
          id
          sku
          title
          quantity
          originalUnitPriceSet {
            shopMoney {
              amount
            }
          }
          variant {
            id
          }
        }
      }
    }
  }
`;
export const GET_ORDER_COST = 405;

export interface GetOrderResult {
  order: unknown | null;
}
