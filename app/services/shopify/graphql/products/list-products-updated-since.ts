/** Which products changed at or after a moment, oldest change first. Estimated cost: 2 + 100 = 102. */
export const LIST_PRODUCTS_UPDATED_SINCE = `#graphql
  query ListProductsUpdatedSince($query: String!, $after: String) {
    products(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        updatedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
export const LIST_PRODUCTS_UPDATED_SINCE_COST = 102;
