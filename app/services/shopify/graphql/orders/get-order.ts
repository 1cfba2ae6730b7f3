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
        ...ShopAmount
      }
      currentTotalTaxSet {
        ...ShopAmount
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
      customAttributes {
        key
        value
      }
      purchasingEntity {
        __typename
        ... on PurchasingCompany {
          location {
            id
          }
        }
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
            ...ShopAmount
          }
          discountAllocations {
            allocatedAmountSet {
              ...ShopAmount
            }
          }
          taxLines {
            ...OrderTaxLine
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
            ...ShopAmount
          }
          taxLines {
            ...OrderTaxLine
          }
        }
      }
    }
  }
  fragment ShopAmount on MoneyBag {
    shopMoney {
      amount
    }
  }
  fragment OrderTaxLine on TaxLine {
    title
    rate
    priceSet {
      ...ShopAmount
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
