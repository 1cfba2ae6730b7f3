/**
 * Bulk queries: start one, wait for it to finish (polling; the
 * bulk_operations/finish webhook lands in the inbox as well), and read its
 * JSONL result as a stream, one parsed line at a time, holding no more than
 * the line being read, whatever the file's size.
 */
import { PermanentError, RetryableError } from "../errors";
import { parseJsonAnswer } from "../edges/parse-answer";
import { payloadOf, type AdminClient } from "./admin-client.server";
import { GET_BULK_OPERATION, GET_BULK_OPERATION_COST, type BulkOperationState } from "./graphql/bulk/get-bulk-operation";
import { RUN_BULK_QUERY, RUN_BULK_QUERY_COST } from "./graphql/bulk/run-bulk-query";

export interface BulkQueryOptions {
  pollIntervalMs?: number;
  timeoutMs?: number;
}

const ENDED = ["COMPLETED", "FAILED", "CANCELED", "EXPIRED"];

export async function runBulkQuery(client: AdminClient, query: string, options: BulkQueryOptions = {}): Promise<BulkOperationState> {
  const started = await client.request(RUN_BULK_QUERY, { query }, RUN_BULK_QUERY_COST);
  const { bulkOperation, userErrors } = payloadOf(started.bulkOperationRunQuery, "bulkOperationRunQuery");
  if (!bulkOperation) throw new PermanentError(`Shopify refused the bulk query: ${userErrors.map((e) => e.message).join("; ")}`);
  const state = await waitForBulkOperation(client, bulkOperation.id, options);
  if (state.status !== "COMPLETED") {
    throw new RetryableError(`bulk operation ${state.id} ended ${state.status}${state.errorCode ? ` (${state.errorCode})` : ""}`);
  }
  return state;
}

/**
 * Polls a bulk operation until it has ended (completed, failed, canceled or expired) and returns its last state.
 * Polls start at the interval given and stretch to a tenth of the time waited so far (at most 10 s), so a long
 * operation costs a few dozen polls, not one every interval.
 */
export async function waitForBulkOperation(
  client: AdminClient,
  id: string,
  options: BulkQueryOptions & { between?: (state: BulkOperationState) => Promise<void> } = {},
): Promise<BulkOperationState> {
  const startedAt = Date.now();
  const deadline = startedAt + (options.timeoutMs ?? 24 * 60 * 60 * 1000);
  const firstInterval = options.pollIntervalMs ?? 1000;
  for (;;) {
    const { bulkOperation: state } = await client.request(GET_BULK_OPERATION, { id }, GET_BULK_OPERATION_COST);
    if (!state) throw new PermanentError(`bulk operation ${id} vanished`);
    if (ENDED.includes(state.status)) return state;
    if (Date.now() > deadline) throw new RetryableError(`bulk operation ${state.id} still ${state.status} at the deadline`);
    await options.between?.(state);
    const interval = Math.min(Math.max(firstInterval, (Date.now() - startedAt) / 10), Math.max(firstInterval, 10_000));
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Each line of a JSONL file, read through `parse`, as it streams in. */
export async function* readJsonl<T>(url: string, parse: (line: unknown) => T, fetchImpl: typeof fetch = fetch): AsyncGenerator<T> {
  const response = await fetchImpl(url);
  if (!response.ok || !response.body) throw new RetryableError(`bulk result download answered HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    partial += decoder.decode(chunk, { stream: true });
    let newline = partial.indexOf("\n");
    while (newline >= 0) {
      const line = partial.slice(0, newline).trim();
      partial = partial.slice(newline + 1);
      if (line) yield parse(parseJsonAnswer(line, "Shopify's bulk result"));
      newline = partial.indexOf("\n");
    }
  }
  partial += decoder.decode();
  if (partial.trim()) yield parse(parseJsonAnswer(partial, "Shopify's bulk result"));
}
