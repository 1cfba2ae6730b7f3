/**
 * A bulk mutation's three steps (Shopify's bulk import guide): a staged upload
 * target for the JSONL of variables, then the operation that runs the
 * mutation once per line; and its cancel. Estimated cost of each: 10 (a mutation).
 */
export const CREATE_BULK_UPLOAD = `#graphql
  mutation CreateBulkUpload($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets {
        url
        parameters {
          name
          value
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;
export const CREATE_BULK_UPLOAD_COST = 10;

export const RUN_BULK_MUTATION = `#graphql
  mutation RunBulkMutation($mutation: String!, $stagedUploadPath: String!, $clientIdentifier: String) {
    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $stagedUploadPath, clientIdentifier: $clientIdentifier) {
      bulkOperation {
        id
        status
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
export const RUN_BULK_MUTATION_COST = 10;

export const CANCEL_BULK_OPERATION = `#graphql
  mutation CancelBulkOperation($id: ID!) {
    bulkOperationCancel(id: $id) {
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
export const CANCEL_BULK_OPERATION_COST = 10;
