/**
 * Icecat's live JSON interface (docs/icecat.md): one data-sheet per request, by GTIN or by Brand + ProductCode, in one
 * language, as the Open Icecat user (`shopname`) with the account's API access token in the `Api-Token` header when
 * the merchant has one. A sheet Icecat does not have is "missing"; one the account may not read (a brand that Open
 * Icecat does not carry) is "denied"; a wrong user or language is a PermanentError (the connection must be fixed);
 * no answer, 429 or 5xx is a RetryableError. The token is sent nowhere else and never logged.
 */
import { callHttp } from "../edges/http-transport";
import { parseAnswer } from "../edges/parse-answer";
import { PermanentError, UnavailableError } from "../errors";
import { icecatAnswerSchema, icecatErrorSchema, sheetOf, type IcecatSheet } from "./icecat-sheet";

export const ICECAT_URL = "https://live.icecat.biz";

export class IcecatUnavailableError extends UnavailableError {
  constructor(message: string) {
    super(message);
    this.name = "IcecatUnavailableError";
  }
}

export type SheetLookup = { gtin: string } | { brand: string; productCode: string };
export type SheetAnswer = { found: IcecatSheet } | { missing: string } | { denied: string };

export interface IcecatAccount {
  userName: string;
  token: string | null;
  /** Icecat's language code ("EN", "IT", "PL", "BR" for Brazilian Portuguese…). */
  language: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export async function fetchIcecatSheet(account: IcecatAccount, lookup: SheetLookup): Promise<SheetAnswer> {
  const query = new URLSearchParams({ lang: account.language, shopname: account.userName });
  if ("gtin" in lookup) query.set("GTIN", lookup.gtin);
  else {
    query.set("Brand", lookup.brand);
    query.set("ProductCode", lookup.productCode);
  }
  query.set("content", "");
  const answer = await callHttp(
    { name: "Icecat", unavailable: (message) => new IcecatUnavailableError(message), fetch: account.fetch },
    {
      method: "GET",
      url: `${(account.baseUrl ?? ICECAT_URL).replace(/\/$/, "")}/api?${query}`,
      headers: account.token ? { "Api-Token": account.token } : {},
      timeoutMs: 20_000,
      what: "a product sheet",
    },
  );
  const body = safeJson(answer.text);
  if (answer.ok) return { found: sheetOf(parseAnswer(icecatAnswerSchema, body, "Icecat (product sheet)")) };
  const error = icecatErrorSchema.safeParse(body);
  const message = (error.success ? (error.data.Message ?? error.data.message) : null) ?? `HTTP ${answer.status}`;
  const code = error.success ? error.data.StatusCode : undefined;
  if (answer.status === 404 || code === 8) return { missing: message };
  if (answer.status === 403 || code === 9 || code === 12) return { denied: message };
  // A wrong user, language or key (1–3, 5–7, 10): no sheet can be read until the merchant fixes the connection.
  throw new PermanentError(`Icecat refused the request: ${message}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
