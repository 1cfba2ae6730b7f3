/**
 * One order as Ponte keeps it: current quantities and totals, each tax line
 * with its title, rate and amount, whole addresses; 50 of its lines (from
 * `$after`: an order of more lines is read again for each next page, see
 * order-reader.server.ts) and 5 shipping lines. Kept under Shopify's
 * single-query limit of 1,000. Estimated cost: about 620.
 */
export const GET_ORDER = `#graphql
  query GetOrder($id: ID!, $after: String) {
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
        ...OrderAddress
      }
      billingAddress {
        ...OrderAddress
      }
      lineItems(first: 50, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
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
  fragment OrderAddress on MailingAddress {
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
`;
export const GET_ORDER_COST = 620;
