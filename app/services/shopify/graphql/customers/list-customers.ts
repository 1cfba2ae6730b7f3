import type { ListCustomersQuery } from "../admin.generated";

/**
 * Customers, 100 a page, oldest change first, optionally only those updated
 * since a time (search syntax: updated_at:>'ISO'). Estimated cost: 1 + 100 × 2 ≈ 202.
 */
export const LIST_CUSTOMERS = `#graphql
  query ListCustomers($query: String, $after: String) {
    customers(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        firstName
        lastName
        updatedAt
        defaultEmailAddress {
          emailAddress
        }
        defaultAddress {
          name
          address1
          city
          zip
          countryCodeV2
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
export const LIST_CUSTOMERS_COST = 202;

export type ShopifyCustomerNode = ListCustomersQuery["customers"]["nodes"][number];
