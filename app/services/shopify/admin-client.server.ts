/**
 * The only door to Shopify's Admin GraphQL API: graphql-request against
 * /admin/api/2026-07/graphql.json of the shop (or of the Shopify emulator in
 * sandbox mode), with the shop's offline access token.
 *
 * Every answer's extensions.cost feeds the shop's throttle, and a request
 * waits until the bucket holds its expected cost (the cost Shopify last
 * reported for the same document, else the caller's estimate). A THROTTLED
 * answer waits for the missing points and is sent again, for as long as it
 * takes up to a generous limit: throttling never fails a job. HTTP 429, 5xx
 * and network failures are retried with exponential backoff, then reported
 * as RetryableError; anything else (401, a bad document) is a
 * ShopifyApiError at once. A 429 that lasts (Shopify's resource limits: past
 * 50,000 variants a store may make 1,000 new ones a day) is a
 * ShopifyLimitReachedError, naming when to try again: the run waits for it.
 */
import { ClientError, GraphQLClient } from "graphql-request";
import { ContractViolationError, PermanentError, RetryableError, WaitUntilError } from "../errors";
import { sandboxSettings } from "../sandbox/sandbox-mode";
import type { AdminDocuments } from "./graphql/admin.generated";
import { realClock, throttleFor, type Clock, type ShopThrottle, type ThrottleStatus } from "./shop-throttle";
import type { ShopDomain } from "../ids";

export const ADMIN_API_VERSION = "2026-07";
const DEFAULT_COST_ESTIMATE = 50;
const MAX_TRANSIENT_ATTEMPTS = 6;
const MAX_THROTTLED_WAIT_MS = 15 * 60 * 1000;

/** How long after a lasting 429 (with no Retry-After) a run waits before it tries again (PONTE_SHOPIFY_LIMIT_WAIT_MINUTES). */
export function limitWaitMs(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number.parseInt(env.PONTE_SHOPIFY_LIMIT_WAIT_MINUTES ?? "", 10); // not money: a count of minutes
  return (Number.isInteger(minutes) && minutes > 0 ? minutes : 60) * 60_000;
}

/** A Retry-After longer than this is not waited out inside a request: the run waits instead. */
const LONGEST_WAIT_IN_REQUEST_MS = 30_000;

/** Shopify answers 429 for as long as one of its resource limits holds (new variants a day, past 50,000). */
export class ShopifyLimitReachedError extends WaitUntilError {
  constructor(resumeAt: Date) {
    super("Shopify's limit on new products and variants is reached (a store past 50,000 variants may create 1,000 new ones a day)", resumeAt);
    this.name = "ShopifyLimitReachedError";
  }
}

/** Shopify refused or failed a call for good (after the retries a passing failure gets). */
export class ShopifyApiError extends PermanentError {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ShopifyApiError";
  }
}

export interface AdminClientOptions {
  shop: ShopDomain;
  accessToken: string;
  /** Overrides https://SHOP; only sandbox mode sets it. */
  baseUrl?: string;
  fetch?: typeof fetch;
  throttle?: ShopThrottle;
  clock?: Clock;
}

interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export function adminApiEndpoint(shop: ShopDomain, baseUrl?: string): string {
  const base = baseUrl ?? sandboxSettings()?.shopifyUrl ?? `https://${shop}`;
  return `${base.replace(/\/$/, "")}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

/** A document in app/ that codegen has typed from Shopify's schema (`npm run codegen`). */
export type AdminDocument = keyof AdminDocuments;
export type ResultOf<D extends AdminDocument> = AdminDocuments[D]["result"];
export type VariablesOf<D extends AdminDocument> = AdminDocuments[D]["variables"];

/**
 * A mutation's payload, which the schema allows to be null: Shopify leaves it
 * null only beside top-level errors, and those were already thrown, so a null
 * here is an answer Ponte cannot read.
 */
export function payloadOf<T>(payload: T | null | undefined, field: string): T {
  if (payload === null || payload === undefined) throw new ContractViolationError(`Shopify answered ${field} with no payload and no error`);
  return payload;
}

/** Last requested cost Shopify reported, by document: the next request's estimate. */
const knownCosts = new Map<string, number>();

export class AdminClient {
  private readonly client: GraphQLClient;
  private readonly throttle: ShopThrottle;
  private readonly clock: Clock;

  constructor(readonly options: AdminClientOptions) {
    this.client = new GraphQLClient(adminApiEndpoint(options.shop, options.baseUrl), {
      headers: { "X-Shopify-Access-Token": options.accessToken },
      fetch: options.fetch,
    });
    this.throttle = options.throttle ?? throttleFor(options.shop);
    this.clock = options.clock ?? realClock;
  }

  /** Sends one of the typed documents; its answer has the type codegen made from the schema for it. */
  async request<D extends AdminDocument>(document: D, variables: VariablesOf<D>, costEstimate = DEFAULT_COST_ESTIMATE): Promise<ResultOf<D>> {
    // The one place the answer meets its type: the document was validated against the schema and typed from it.
    return (await this.send(document, variables, costEstimate)) as ResultOf<D>;
  }

  /**
   * Sends a document built at run time (so unknown to codegen), such as one
   * query holding many aliased copies of a typed one; `parse` checks the
   * answer and gives it its type.
   */
  async requestBuilt<T>(
    document: string,
    variables: Record<string, unknown>,
    parse: (data: unknown) => T,
    costEstimate = DEFAULT_COST_ESTIMATE,
  ): Promise<T> {
    return parse(await this.send(document, variables, costEstimate));
  }

  private async send(document: string, variables: Record<string, unknown> | undefined, costEstimate: number): Promise<unknown> {
    const started = this.clock.now();
    let transientFailures = 0;
    for (;;) {
      const estimate = () => knownCosts.get(document) ?? costEstimate;
      // Shopify's figures are taken in before the next request's turn starts.
      const outcome = await this.throttle.run(estimate, async () => {
        const answer = await this.attempt(document, variables);
        if (answer.cost) {
          knownCosts.set(document, answer.cost.requestedQueryCost);
          this.throttle.observe(answer.cost.throttleStatus);
        }
        return answer;
      });
      if (outcome.kind === "data") return outcome.data;
      if (outcome.kind === "throttled") {
        if (this.clock.now() - started > MAX_THROTTLED_WAIT_MS) throw new RetryableError("Shopify kept answering THROTTLED for 15 minutes");
        continue; // the throttle now knows the bucket is low and waits for the missing points
      }
      if (outcome.kind === "transient") {
        transientFailures++;
        const retryAfter = outcome.retryAfterMs;
        if (outcome.limited && retryAfter !== undefined && retryAfter > LONGEST_WAIT_IN_REQUEST_MS)
          throw new ShopifyLimitReachedError(new Date(this.clock.now() + retryAfter));
        if (transientFailures >= MAX_TRANSIENT_ATTEMPTS) {
          if (outcome.limited) throw new ShopifyLimitReachedError(new Date(this.clock.now() + (retryAfter ?? limitWaitMs())));
          throw new RetryableError(`Shopify did not answer after ${transientFailures} attempts: ${outcome.message}`);
        }
        await this.clock.sleep(retryAfter ?? Math.min(30_000, 500 * 2 ** (transientFailures - 1)) + Math.floor(Math.random() * 250));
        continue;
      }
      throw new ShopifyApiError(outcome.message, outcome.status, outcome.code);
    }
  }

  private async attempt(
    document: string,
    variables?: Record<string, unknown>,
  ): Promise<
    | { kind: "data"; data: unknown; cost?: CostExtension }
    | { kind: "throttled"; cost?: CostExtension }
    | { kind: "transient"; message: string; cost?: CostExtension; limited?: boolean; retryAfterMs?: number }
    | { kind: "failed"; message: string; status?: number; code?: string; cost?: CostExtension }
  > {
    try {
      const answer = await this.client.rawRequest<unknown>(document, variables);
      return { kind: "data", data: answer.data, cost: costOf(answer.extensions) };
    } catch (error) {
      if (!(error instanceof ClientError)) {
        return { kind: "transient", message: `Shopify could not be reached: ${(error as Error).message}` };
      }
      const status = error.response.status;
      const cost = costOf((error.response as { extensions?: unknown }).extensions);
      const errors = error.response.errors ?? [];
      if (errors.some((e) => (e.extensions as { code?: string } | undefined)?.code === "THROTTLED")) return { kind: "throttled", cost };
      if (status === 429)
        return { kind: "transient", message: "Shopify answered HTTP 429", cost, limited: true, retryAfterMs: retryAfterMs(error.response.headers) };
      if (status >= 500) return { kind: "transient", message: `Shopify answered HTTP ${status}`, cost };
      const message = errors.map((e) => e.message).join("; ") || `Shopify answered HTTP ${status}`;
      const code = (errors[0]?.extensions as { code?: string } | undefined)?.code;
      return { kind: "failed", message, status, code, cost };
    }
  }
}

/** Retry-After in seconds (Shopify's form), as milliseconds; undefined when absent or unreadable. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get("Retry-After");
  if (!value || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  return Math.ceil(Number(value) * 1000); // not money: seconds
}

function costOf(extensions: unknown): CostExtension | undefined {
  const cost = (extensions as { cost?: CostExtension } | undefined)?.cost;
  return cost && typeof cost.requestedQueryCost === "number" && cost.throttleStatus ? cost : undefined;
}
