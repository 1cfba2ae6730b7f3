/**
 * Which orders changed at or after a moment, oldest change first: the
 * reconciliation poll. Ids and timestamps only. Estimated cost: 2 + 100 = 102.
 */
export const LIST_ORDERS_UPDATED_SINCE = `#graphql
  query ListOrdersUpdatedSince($query: String!, $after: String) {
    orders(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {
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
export const LIST_ORDERS_UPDATED_SINCE_COST = 102;
