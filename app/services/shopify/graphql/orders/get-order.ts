/** One order as Ponte keeps it (up to 100 lines, 5 shipping lines). Estimated cost: 1 + 2 + 2 + 100 × 5 + 5 × 2 ≈ 515. */
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
      note
      taxesIncluded
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
      billingAddress {
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
          discountAllocations {
            allocatedAmountSet {
              shopMoney {
                amount
              }
            }
          }
          taxLines {
            rate
          }
          variant {
            id
          }
        }
      }
      shippingLines(first: 5) {
        nodes {
          title
          discountedPriceSet {
            shopMoney {
              amount
            }
          }
          taxLines {
            rate
          }
        }
      }
    }
  }
`;
export const GET_ORDER_COST = 515;

export interface GetOrderResult {
  order: unknown | null;
}
