/**
 * The one way Ponte calls a system over HTTP (the HTTP ERP, Tryton's JSON-RPC, Cassa in Cloud): a timeout on every
 * call, and the failures that may pass classified once. No answer (network error, refused connection, timeout) and
 * an answer of 429 or 5xx become the system's UnavailableError; any other answer is returned, read, for the adapter
 * to interpret in its system's terms (a refused key, a validation, a conflict). Nothing is retried here: whether a
 * call is safe to repeat is the adapter's to say.
 */
import type { UnavailableError } from "../errors";

export interface HttpSystem {
  /** Who answers, as a merchant reads it: "the ERP at https://erp.example", "Cassa in Cloud". */
  name: string;
  /** The system's own unavailable error (ErpUnavailableError, PosUnavailableError). */
  unavailable: (message: string) => UnavailableError;
  /** The detail of an error body, when the system gives one. */
  detailOf?: (body: string) => string | null;
  fetch?: typeof fetch;
}

export interface HttpCall {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  timeoutMs: number;
  /** Named in the unavailable message ("to POST /documents/orders/batch"). */
  what?: string;
  /** Statuses the adapter reads itself rather than as unavailable (a 429 whose wait it manages). */
  readStatuses?: readonly number[];
}

export interface HttpAnswer {
  status: number;
  ok: boolean;
  text: string;
}

export async function callHttp(system: HttpSystem, call: HttpCall): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await (system.fetch ?? fetch)(call.url, {
      method: call.method,
      headers: { "Content-Type": "application/json", Accept: "application/json", ...call.headers },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? `timeout after ${call.timeoutMs / 1000} s` : (error as Error).message;
    throw system.unavailable(`${system.name} did not answer (${reason})`);
  }
  const text = await response.text();
  if ((response.status === 429 || response.status >= 500) && !call.readStatuses?.includes(response.status)) {
    const detail = system.detailOf?.(text) ?? null;
    throw system.unavailable(`${system.name} answered HTTP ${response.status}${call.what ? ` to ${call.what}` : ""}${detail ? `: ${detail}` : ""}`);
  }
  return { status: response.status, ok: response.ok, text };
}
