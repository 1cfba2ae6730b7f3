import type { AdminClient } from "../../app/services/shopify/admin-client.server";

/**
 * Sends a document written in a test (not one of app/'s typed documents) and
 * gives its answer the type the test states: for probing the emulator.
 */
export function adHocRequest<T = unknown>(
  client: AdminClient,
  document: string,
  variables: Record<string, unknown> = {},
  costEstimate?: number,
): Promise<T> {
  return client.requestBuilt(document, variables, (data) => data as T, costEstimate);
}
