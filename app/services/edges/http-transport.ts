/**
 * The one way Ponte calls a system over HTTP (the HTTP ERP, Tryton's JSON-RPC, Cassa in Cloud): a timeout on every
 * call, and the failures that may pass classified once. No answer (network error, refused connection, timeout) and
 * an answer of 429 or 5xx become the system's UnavailableError; any other answer is returned, read, for the adapter
 * to interpret in its system's terms (a refused key, a validation, a conflict). Nothing the server read is retried
 * here: whether a call is safe to repeat is the adapter's to say (the one call sent again is one a server reset on a
 * kept-open connection before answering, below).
 *
 * Calls go through Node's own HTTP client, on connections kept open between calls. The global fetch costs several
 * times its CPU a call (0.47-0.58 ms against 0.08-0.19 ms for a small JSON POST on loopback, measured side by side),
 * and an order's export makes three calls. What fetch did that matters is kept: a timeout on the whole call, the body
 * read as UTF-8 (a byte-order mark dropped), and a redirect followed (a 303, or a 301/302 after a POST, as a GET; a
 * 307/308 as it was), but only within the address's own origin: a key entered for one server is never sent to another.
 * A kept-open connection is closed after 4 s idle, and a call whose reused connection is reset before any answer is
 * sent once more on a new one.
 */
import http from "node:http";
import https from "node:https";
import type { UnavailableError } from "../errors";

export interface HttpSystem {
  /** Who answers, as a merchant reads it: "the ERP at https://erp.example", "Cassa in Cloud". */
  name: string;
  /** The system's own unavailable error (ErpUnavailableError, PosUnavailableError). */
  unavailable: (message: string) => UnavailableError;
  /** The detail of an error body, when the system gives one. */
  detailOf?: (body: string) => string | null;
  /** Calls go through this fetch instead (a test's recording one). */
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
  let answer: { status: number; text: string };
  try {
    answer = system.fetch ? await viaFetch(system.fetch, call) : await viaNodeHttp(call);
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? `timeout after ${call.timeoutMs / 1000} s` : (error as Error).message;
    throw system.unavailable(`${system.name} did not answer (${reason})`);
  }
  const { status, text } = answer;
  if ((status === 429 || status >= 500) && !call.readStatuses?.includes(status)) {
    const detail = system.detailOf?.(text) ?? null;
    throw system.unavailable(`${system.name} answered HTTP ${status}${call.what ? ` to ${call.what}` : ""}${detail ? `: ${detail}` : ""}`);
  }
  return { status, ok: status >= 200 && status < 300, text };
}

const REQUEST_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };

async function viaFetch(fetchFn: typeof fetch, call: HttpCall): Promise<{ status: number; text: string }> {
  const response = await fetchFn(call.url, {
    method: call.method,
    headers: { ...REQUEST_HEADERS, ...call.headers },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    signal: AbortSignal.timeout(call.timeoutMs),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * Connections kept open between calls, for each scheme. An idle one is closed after IDLE_CONNECTION_MS, before the
 * usual servers close theirs (Node's and Apache's after 5 s, nginx's after 75 s).
 */
const IDLE_CONNECTION_MS = 4_000;
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
  "https:": new https.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
};
const MAX_REDIRECTS = 5;

class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** A reset on a reused connection before any answer came. */
class ClosedWhileIdle extends Error {}

async function viaNodeHttp(call: HttpCall): Promise<{ status: number; text: string }> {
  const deadline = Date.now() + call.timeoutMs;
  let url = new URL(call.url);
  let method = call.method.toUpperCase();
  let body = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body), "utf8");
  const headers = { ...REQUEST_HEADERS, ...call.headers };
  for (let hop = 0; ; hop++) {
    const send = () => oneRequest(url, method, headers, body, deadline - Date.now());
    const answer = await send().catch((error: Error) => {
      // A kept-open connection reset before any answer: the server closed it, idle, just as the call went out on it
      // (the race Node's documentation names for request.reusedSocket). The call is sent once more, on a new connection.
      if (!(error instanceof ClosedWhileIdle)) throw error;
      return send();
    });
    const location = answer.location;
    if (![301, 302, 303, 307, 308].includes(answer.status) || !location || hop === MAX_REDIRECTS) return answer;
    const next = new URL(location, url);
    // Another origin is answered with the redirect itself: the call's headers (its key) are for this one only.
    if (next.origin !== url.origin) return answer;
    if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === "POST")) {
      method = "GET";
      body = undefined;
    }
    url = next;
  }
}

function oneRequest(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string; location: string | undefined }> {
  const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
  if (!client) return Promise.reject(new Error(`${url.protocol} addresses are not supported`));
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = client.request(
      url,
      {
        method,
        agent: agents[url.protocol as keyof typeof agents],
        headers: body === undefined ? headers : { ...headers, "Content-Length": String(body.length) },
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", fail);
        response.on("end", () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: response.statusCode ?? 0,
            text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
            location: response.headers.location,
          });
        });
      },
    );
    // The timeout covers the whole call, the answer's body read included.
    const timer = setTimeout(() => request.destroy(new TimeoutError("timeout")), Math.max(0, timeoutMs));
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on("error", (error: NodeJS.ErrnoException) =>
      fail(request.reusedSocket && !answered && error.code === "ECONNRESET" ? new ClosedWhileIdle(error.message) : error),
    );
    request.end(body);
  });
}
