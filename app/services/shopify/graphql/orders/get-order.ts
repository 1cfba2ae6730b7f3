/**
 * One order as Ponte keeps it (up to 100 lines, 5 shipping lines): current
 * quantities and totals, each tax line with its title, rate and amount, whole
 * addresses. Estimated cost: 1 + 2 + 2 × 2 + 100 × 7 + 5 × 3 ≈ 722.
 */
export const GET_ORDER = `#graphql
  query GetOrder($id: ID!) {
    order(id: $id) {
      id
      name
      email
      phone
      createdAt
      updatedAt
      cancelledAt
      displayFinancialStatus
      currencyCode
      note
      sourceName
      taxesIncluded
      currentTotalPriceSet {
        shopMoney {
          amount
        }
      }
      currentTotalTaxSet {
        shopMoney {
          amount
        }
      }
      customer {
        id
        firstName
        lastName
        phone
        defaultEmailAddress {
          emailAddress
        }
      }
      shippingAddress {
        name
        firstName
        lastName
        company
        address1
        address2
        city
        province
        provinceCode
        zip
        countryCodeV2
        phone
      }
      billingAddress {
        name
        firstName
        lastName
        company
        address1
        address2
        city
        province
        provinceCode
        zip
        countryCodeV2
        phone
      }
      lineItems(first: 100) {
        nodes {
          id
          sku
          title
          quantity
          currentQuantity
          isGiftCard
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
            title
            rate
            priceSet {
              shopMoney {
                amount
              }
            }
          }
          variant {
            id
          }
          product {
            id
          }
        }
      }
      shippingLines(first: 5, includeRemovals: false) {
        nodes {
          title
          isRemoved
          discountedPriceSet {
            shopMoney {
              amount
            }
          }
          taxLines {
            title
            rate
            priceSet {
              shopMoney {
                amount
              }
            }
          }
        }
      }
    }
  }
`;
export const GET_ORDER_COST = 722;

export interface GetOrderResult {
  order: unknown | null;
}
