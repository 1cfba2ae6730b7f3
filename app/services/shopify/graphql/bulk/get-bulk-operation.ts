import type { GetBulkOperationQuery } from "../admin.generated";

/** A bulk operation's progress. Estimated cost: 1. */
export const GET_BULK_OPERATION = `#graphql
  query GetBulkOperation($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      url
      partialDataUrl
    }
  }
`;
export const GET_BULK_OPERATION_COST = 1;

export type BulkOperationState = NonNullable<GetBulkOperationQuery["bulkOperation"]>;
