/**
 * Cassa in Cloud's REST API at the wire: the access token from the API key
 * (POST /apikey/token, renewed a minute before it expires and once on a
 * 401), the X-Version header on every call, JSON-array list parameters,
 * start/limit paging, Cassa's call limit (cassa-call-limit.ts: each call
 * waits its turn in the API's window; a 429 anyway, from calls made
 * elsewhere with the same key, is waited out and sent again), and errors
 * turned into Ponte's: a refused key is PermanentError, 5xx, network failures
 * and a 429 that lasts PosUnavailableError (retryable), the rest
 * CassaApiError with the API's code and message. A wait of a few seconds or
 * more is told in the log of the run it holds up, and Cancel ends it. The
 * assumptions the public docs leave open (error body shape, over-limit
 * status) live here only.
 */
import { callHttp, type HttpAnswer, type HttpSystem } from "../../edges/http-transport";
import { z } from "zod";
import { parseAnswer, parseJsonAnswer } from "../../edges/parse-answer";
import { PermanentError } from "../../errors";
import { PosUnavailableError } from "../pos-connector";
import { say } from "../../../i18n/merchant-message";
import { currentRun } from "../../runs/current-run";
import { apiOf, callWindowFor, cassaCallLimit, type CallLimit, type CallWindow } from "./cassa-call-limit";

export const CASSA_BASE_URL = "https://api.cassanova.com";
export const CASSA_API_VERSION = "1.0.0";
export const CASSA_MAX_PAGE = 100;
const RENEW_BEFORE_MS = 60_000;
/** A wait for the call limit this long or longer is told in the run's log and the server log. */
const TELL_WAITS_FROM_MS = 5_000;

export interface CassaSettings {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Cassa's call limit per API (default: cassaCallLimit(), 360 calls in 10 minutes). */
  callLimit?: CallLimit;
}

export class CassaApiError extends PermanentError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "CassaApiError";
  }
}

export type QueryValue = string | number | boolean | Array<string | number>;

const CASSA_SYSTEM: HttpSystem = { name: "Cassa in Cloud", unavailable: (message) => new PosUnavailableError(message) };

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

export class CassaClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly baseUrl: string;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly limit: CallLimit;

  constructor(private readonly settings: CassaSettings) {
    this.baseUrl = (settings.baseUrl ?? CASSA_BASE_URL).replace(/\/$/, "");
    this.now = settings.now ?? Date.now;
    this.sleep = settings.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.limit = settings.callLimit ?? cassaCallLimit();
  }

  /** The answer's JSON, unread: the caller parses it with its schema (edges/parse-answer). */
  async get(path: string, query: Record<string, QueryValue | undefined> = {}): Promise<unknown> {
    return this.call("GET", `${path}${queryString(query)}`);
  }

  async post(path: string, body: unknown): Promise<unknown> {
    return this.call("POST", path, body);
  }

  /** Every record of a paged list: `start`/`limit` pages until `totalCount` is reached. Each record is still to be parsed. */
  async getAll(path: string, key: string, query: Record<string, QueryValue | undefined> = {}): Promise<unknown[]> {
    const all: unknown[] = [];
    for await (const records of this.pages(path, key, query)) all.push(...records);
    return all;
  }

  /** The records a page at a time, so a caller can keep what it needs of each and let the raw page go. */
  async *pages(path: string, key: string, query: Record<string, QueryValue | undefined> = {}): AsyncGenerator<unknown[]> {
    const pageSchema = z.object({ [key]: z.array(z.unknown()).default([]), totalCount: z.number().optional() });
    let seen = 0;
    for (let start = 0; ; start += CASSA_MAX_PAGE) {
      const page = parseAnswer(pageSchema, await this.get(path, { ...query, start, limit: CASSA_MAX_PAGE }), `Cassa in Cloud (GET ${path})`);
      const records = page[key] as unknown[];
      seen += records.length;
      yield records;
      const total = typeof page.totalCount === "number" ? page.totalCount : null;
      if (records.length < CASSA_MAX_PAGE || (total !== null && seen >= total)) return;
    }
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const what = `${method} ${path.split("?")[0]}`;
    const api = apiOf(path);
    const window = callWindowFor(this.settings.apiKey, api, this.limit);
    let retriedAuth = false;
    let limitAnswers = 0;
    let waitedMs = 0;
    for (;;) {
      // The turn first: a token taken before a long wait could expire during it.
      const answered = await this.takeTurn(window, api);
      const response = await this.accessToken()
        .then((token) => this.fetch(method, path, { Authorization: `Bearer ${token}`, "X-Version": CASSA_API_VERSION }, body, [429]))
        .finally(() => answered(this.now()));
      if (response.status === 401 && !retriedAuth) {
        this.token = null;
        retriedAuth = true;
        continue;
      }
      if (response.status !== 429) return this.answer(response, what);
      // Over the limit although this process kept to it: the key's calls are shared (another worker, another app).
      // Nothing was done; a tenth of the window, doubling, up to twice the window in all, then the run fails as unavailable.
      const wait = Math.min(this.limit.windowMs, (this.limit.windowMs / 10) * 2 ** limitAnswers++);
      if (waitedMs + wait > 2 * this.limit.windowMs)
        throw new PosUnavailableError(`Cassa in Cloud answered HTTP 429 to ${what} (its call limit) for ${Math.round(waitedMs / 60_000)} minutes`);
      waitedMs += wait;
      await this.waitOut(wait, api, "answered");
    }
  }

  /** Waits until the API's window lets one more call go, and counts it; the function returned is told when it was answered. */
  private async takeTurn(window: CallWindow, api: string): Promise<(answeredAt: number) => void> {
    for (let wait = window.waitFor(this.now()); wait > 0; wait = window.waitFor(this.now())) await this.waitOut(wait, api, "wait");
    return window.take(this.now());
  }

  /** Sleeps `ms` a second at a time, so that Cancel ends the wait; a long wait is told first. */
  private async waitOut(ms: number, api: string, why: "wait" | "answered"): Promise<void> {
    const until = this.now() + ms;
    const run = currentRun();
    if (ms >= TELL_WAITS_FROM_MS) {
      const resumeAt = new Date(until);
      console.warn(JSON.stringify({ event: "cassa-call-limit", api, why, waitMs: Math.round(ms), until: resumeAt.toISOString() }));
      await run?.log(
        say(`runs.log.cassaLimit.${why}`, {
          api: `/${api}`,
          calls: this.limit.calls,
          minutes: Math.round((this.limit.windowMs / 60_000) * 100) / 100,
          at: `${resumeAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
          resumeAt: resumeAt.toISOString(),
        }),
        why === "answered" ? "warning" : "info",
      );
    }
    for (let left = until - this.now(); left > 0; left = until - this.now()) {
      await run?.checkCancelled();
      await this.sleep(Math.min(1000, left));
    }
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - RENEW_BEFORE_MS > this.now()) return this.token.value;
    const response = await this.fetch("POST", "/apikey/token", { "X-Requested-With": "*" }, { apiKey: this.settings.apiKey });
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new PermanentError("Cassa in Cloud refused the API key: check it in Cassa in Cloud (Settings > API keys) and paste it again");
    }
    const answer = parseAnswer(tokenSchema, await this.answer(response, "POST /apikey/token"), "Cassa in Cloud (POST /apikey/token)");
    this.token = { value: answer.access_token, expiresAt: this.now() + answer.expires_in * 1000 };
    return answer.access_token;
  }

  private async fetch(method: string, path: string, headers: Record<string, string>, body?: unknown, readStatuses?: number[]): Promise<HttpAnswer> {
    return callHttp(CASSA_SYSTEM, {
      method,
      url: `${this.baseUrl}${path}`,
      headers,
      body,
      timeoutMs: this.settings.timeoutMs ?? 30_000,
      what: `${method} ${path.split("?")[0]}`,
      readStatuses,
    });
  }

  private async answer(response: HttpAnswer, what: string): Promise<unknown> {
    const text = response.text;
    if (response.ok) return parseJsonAnswer(text, `Cassa in Cloud (${what})`);
    const { code, message } = errorOf(text);
    throw new CassaApiError(`Cassa in Cloud refused ${what}: ${message}`, response.status, code);
  }
}

/** The error body is not documented: `{error: {code, message}}`, `{code, message}` or text are all read. */
function errorOf(text: string): { code: string; message: string } {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const inner = (typeof body.error === "object" && body.error !== null ? body.error : body) as Record<string, unknown>;
    const code = String(inner.code ?? inner.errorCode ?? (typeof body.error === "string" ? body.error : "") ?? "");
    return { code, message: String(inner.message ?? inner.description ?? (code || text)) };
  } catch {
    return { code: "", message: text || "no detail" };
  }
}

/** List parameters travel as one JSON array each (`idsSalesPoint=[101]`); the rest as plain values. */
function queryString(query: Record<string, QueryValue | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(key, Array.isArray(value) ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
