/**
 * Cassa in Cloud's REST API at the wire: the access token from the API key
 * (POST /apikey/token, renewed a minute before it expires and once on a
 * 401), the X-Version header on every call, JSON-array list parameters,
 * start/limit paging, and errors turned into Ponte's: a refused key is
 * PermanentError, 429/5xx and network failures PosUnavailableError (retryable), the rest
 * CassaApiError with the API's code and message. The assumptions the public
 * docs leave open (error body shape, over-limit status) live here only.
 */
import { callHttp, type HttpAnswer, type HttpSystem } from "../../edges/http-transport";
import { z } from "zod";
import { parseAnswer, parseJsonAnswer } from "../../edges/parse-answer";
import { PermanentError } from "../../errors";
import { PosUnavailableError } from "../pos-connector";

export const CASSA_BASE_URL = "https://api.cassanova.com";
export const CASSA_API_VERSION = "1.0.0";
export const CASSA_MAX_PAGE = 100;
const RENEW_BEFORE_MS = 60_000;

export interface CassaSettings {
  apiKey: string;
  baseUrl?: string;
  timeoutMs?: number;
  now?: () => number;
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

  constructor(private readonly settings: CassaSettings) {
    this.baseUrl = (settings.baseUrl ?? CASSA_BASE_URL).replace(/\/$/, "");
    this.now = settings.now ?? Date.now;
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

  private async call(method: string, path: string, body?: unknown, retriedAuth = false): Promise<unknown> {
    const token = await this.accessToken();
    const response = await this.fetch(method, path, { Authorization: `Bearer ${token}`, "X-Version": CASSA_API_VERSION }, body);
    if (response.status === 401 && !retriedAuth) {
      this.token = null;
      return this.call(method, path, body, true);
    }
    return this.answer(response, `${method} ${path.split("?")[0]}`);
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

  private async fetch(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<HttpAnswer> {
    return callHttp(CASSA_SYSTEM, {
      method,
      url: `${this.baseUrl}${path}`,
      headers,
      body,
      timeoutMs: this.settings.timeoutMs ?? 30_000,
      what: `${method} ${path.split("?")[0]}`,
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
