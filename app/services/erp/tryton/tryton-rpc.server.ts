/**
 * Tryton's JSON-RPC, as trytond serves it on /DATABASE/: a login gives
 * [userId, session]; later calls send `Authorization: Session
 * base64(login:userId:session)`; model calls take their arguments then a
 * context; decimals travel as {"__class__": "Decimal", "decimal": "19.90"};
 * errors come back as {"error": [kind, [message, description, ...]]}.
 */
import { callHttp } from "../../edges/http-transport";
import { z } from "zod";
import { parseAnswer, parseJsonAnswer } from "../../edges/parse-answer";
import { PermanentError, RefusedError, RetryableError } from "../../errors";
import { ErpUnavailableError } from "../erp-connector";

/** A JSON-RPC answer: a result, or an error as [kind, detail]. */
const rpcAnswerSchema = z.object({ result: z.unknown().optional(), error: z.tuple([z.string(), z.unknown()]).rest(z.unknown()).nullish() });

export interface TrytonSettings {
  url: string;
  database: string;
  login: string;
  password: string;
  timeoutMs?: number;
}

/** Tryton's UserError: a refusal its rules mean (a required field, a state it will not leave). */
export class TrytonUserError extends RefusedError {
  constructor(message: string) {
    super(message);
    this.name = "TrytonUserError";
  }
}

/** A Tryton warning: the operation goes through once the user (here, Ponte) accepts it by name. */
export class TrytonWarning extends Error {
  constructor(
    readonly warningName: string,
    message: string,
  ) {
    super(message);
    this.name = "TrytonWarning";
  }
}

export const decimal = (value: string | number) => ({ __class__: "Decimal", decimal: String(value) });

/** Turns Tryton's encoded values (Decimal, dates) into plain JSON: decimals as strings. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record.__class__ === "Decimal") return String(record.decimal);
    if (record.__class__ === "date" || record.__class__ === "datetime") return record;
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export class TrytonRpc {
  private session: string | null = null;
  userId: number | null = null;
  private context: Record<string, unknown> = {};
  private nextId = 1;

  constructor(private readonly settings: TrytonSettings) {}

  /** Reads records (`read`, `search_read`) and parses each with its schema: what Tryton answered, or a ContractViolationError. */
  async records<S extends z.ZodType>(schema: S, model: string, method: "read" | "search_read", ...args: unknown[]): Promise<Array<z.output<S>>> {
    return parseAnswer(z.array(schema), await this.model<unknown>(model, method, ...args), `Tryton (${model}.${method})`);
  }

  /** Record ids (`search`, `create`), parsed. */
  async ids(model: string, method: "search" | "create", ...args: unknown[]): Promise<number[]> {
    return parseAnswer(z.array(z.number().int()), await this.model<unknown>(model, method, ...args), `Tryton (${model}.${method})`);
  }

  /** Calls `model.<model>.<method>` with the user's context appended. */
  async model<T>(model: string, method: string, ...args: unknown[]): Promise<T> {
    await this.ensureSession();
    return this.call<T>(`model.${model}.${method}`, [...args, this.context]);
  }

  /** Calls `model.<model>.<method>` with the user's context and `extra` (e.g. stock `locations`). */
  async modelIn<T>(extra: Record<string, unknown>, model: string, method: string, ...args: unknown[]): Promise<T> {
    await this.ensureSession();
    return this.call<T>(`model.${model}.${method}`, [...args, { ...this.context, ...extra }]);
  }

  /** Runs a model call, accepting (once each, by name) the warnings Tryton raises on the way. */
  async modelAcceptingWarnings<T>(model: string, method: string, ...args: unknown[]): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.model<T>(model, method, ...args);
      } catch (error) {
        if (!(error instanceof TrytonWarning) || attempt >= 10) throw error;
        await this.model("res.user.warning", "create", [{ user: this.userId, name: error.warningName, always: false }]);
      }
    }
  }

  async ensureSession(): Promise<void> {
    if (this.session) return;
    const result = await this.call<[number, string]>("common.db.login", [this.settings.login, { password: this.settings.password }, "en"], false);
    if (!Array.isArray(result)) throw new PermanentError("Tryton refused the login and password");
    this.userId = result[0];
    this.session = Buffer.from(`${this.settings.login}:${result[0]}:${result[1]}`).toString("base64");
    const preferences = await this.call<Record<string, unknown>>("model.res.user.get_preferences", [true, {}]);
    this.context = { company: preferences.company, language: preferences.language ?? "en" };
  }

  private async call<T>(method: string, params: unknown[], authenticated = true): Promise<T> {
    const url = `${this.settings.url.replace(/\/$/, "")}/${encodeURIComponent(this.settings.database)}/`;
    const response = await callHttp(
      { name: `Tryton at ${this.settings.url}`, unavailable: (message) => new ErpUnavailableError(message) },
      {
        method: "POST",
        url,
        headers: authenticated && this.session ? { Authorization: `Session ${this.session}` } : {},
        body: { id: this.nextId++, method, params },
        timeoutMs: this.settings.timeoutMs ?? 30_000,
      },
    );
    if (response.status === 401 || response.status === 403) {
      this.session = null;
      throw new RetryableError("Tryton's session expired; a new one is opened on the next call");
    }
    const body = parseAnswer(rpcAnswerSchema, parseJsonAnswer(response.text, `Tryton (${method})`), `Tryton (${method})`);
    if (body.error) {
      const [kind, detail] = body.error;
      const message = Array.isArray(detail) ? String(detail[0]) : String(detail);
      if (kind === "UserWarning" && Array.isArray(detail)) throw new TrytonWarning(String(detail[0]), String(detail[1] ?? detail[0]));
      if (kind === "UserError" || kind === "AccessError") throw new TrytonUserError(message);
      if (kind === "LoginException" || kind === "NotLogged") throw new PermanentError("Tryton refused the login and password");
      throw new RetryableError(`Tryton failed: ${kind}: ${message}`);
    }
    return decode(body.result) as T;
  }
}
