/** Starts a bulk query. Estimated cost: 10 (a mutation). */
export const RUN_BULK_QUERY = `#graphql
  mutation RunBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;
export const RUN_BULK_QUERY_COST = 10;
