/** A bulk operation's progress. Estimated cost: 1. */
export const GET_BULK_OPERATION = `#graphql
  query GetBulkOperation($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      url
    }
  }
`;
export const GET_BULK_OPERATION_COST = 1;

export interface BulkOperationState {
  id: string;
  status: "CANCELED" | "CANCELING" | "COMPLETED" | "CREATED" | "EXPIRED" | "FAILED" | "RUNNING";
  errorCode: string | null;
  objectCount: string;
  url: string | null;
}

export interface GetBulkOperationResult {
  bulkOperation: BulkOperationState | null;
}
