/**
 * The generic HTTP ERP adapter: speaks docs/erp-http-contract.openapi.yaml.
 * Answers are parsed with schemas; 404 is "not found", 409 a refusal in the
 * ERP's own terms, 401 a PermanentError (the key), 429/5xx/network failures
 * RetryableError. The API key never appears in an error or a log line.
 */
import { callHttp } from "../edges/http-transport";
import { parseAnswer } from "../edges/parse-answer";
import { z } from "zod";
import {
  sourceCategorySchema,
  sourceProductSchema,
  sourceStockLevelSchema,
  type SourceCategory,
  type SourceProduct,
  type SourceStockLevel,
  type StockPage,
} from "../sources/product-source.types";
import { PermanentError, RetryableError } from "../errors";
import { ErpRefusedError, ErpUnavailableError, type ErpConnector } from "./erp-connector";
import {
  articleSchema,
  customerSchema,
  warehouseSchema,
  salesOrderSchema,
  creditNoteSchema,
  type ErpCreditNote,
  type NewErpCreditNote,
  type BookingNeeds,
  type ConnectionCheck,
  type CustomerQuery,
  type ErpArticle,
  type ErpCustomer,
  type ErpSalesOrder,
  type ErpWarehouse,
  type NewErpArticle,
  type NewErpCustomer,
  type NewErpSalesOrder,
} from "./erp.types";
import type { ErpRecordId } from "../ids";

export interface HttpErpSettings {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Items asked for per page of the catalog reads; the contract allows up to 500. */
const PAGE_SIZE = 500;

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export class HttpErpAdapter implements ErpConnector {
  readonly kind = "http";
  readonly sourceName = "ERP";

  constructor(private readonly settings: HttpErpSettings) {}

  async testConnection(): Promise<ConnectionCheck> {
    try {
      const health = parseAnswer(z.object({ name: z.string(), version: z.string().optional() }), await this.call("GET", "/health"), "the HTTP ERP");
      return { ok: true, detail: `${health.name}${health.version ? ` ${health.version}` : ""}` };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async findCustomer(query: CustomerQuery): Promise<ErpCustomer | null> {
    const params = new URLSearchParams();
    if (query.externalRef) params.set("externalRef", query.externalRef);
    if (query.email) params.set("email", query.email);
    if (query.taxId) {
      params.set("taxIdType", query.taxId.type);
      params.set("taxId", query.taxId.value);
    }
    const { customers } = parseAnswer(
      z.object({ customers: z.array(customerSchema) }),
      await this.call("GET", `/customers?${params}`),
      "the HTTP ERP",
    );
    return customers[0] ?? null;
  }

  async getCustomer(id: ErpRecordId<"customer">): Promise<ErpCustomer | null> {
    const answer = await this.call("GET", `/customers/${encodeURIComponent(id)}`, undefined, { notFoundIsNull: true });
    return answer === null ? null : parseAnswer(customerSchema, answer, "the HTTP ERP");
  }

  async createCustomer(customer: NewErpCustomer): Promise<ErpCustomer> {
    return parseAnswer(customerSchema, await this.createOrRetry("customer", "/customers", customer), "the HTTP ERP");
  }

  /**
   * A 409 on creating a customer or an article means the ERP refused a
   * duplicate another export was creating at the same moment: a passing
   * failure (the retry finds what the other one made), never a failed order.
   */
  private async createOrRetry(what: string, path: string, body: unknown): Promise<unknown> {
    try {
      return await this.call("POST", path, body);
    } catch (error) {
      if (error instanceof ErpRefusedError)
        throw new RetryableError(`the ERP refused a new ${what} another export was creating at the same moment (${error.message}); trying again`, {
          cause: error,
        });
      throw error;
    }
  }

  async updateCustomer(id: ErpRecordId<"customer">, change: Partial<NewErpCustomer>): Promise<ErpCustomer> {
    return parseAnswer(customerSchema, await this.call("PATCH", `/customers/${encodeURIComponent(id)}`, change), "the HTTP ERP");
  }

  async findArticleBySku(sku: string): Promise<ErpArticle | null> {
    const { articles } = parseAnswer(
      z.object({ articles: z.array(articleSchema) }),
      await this.call("GET", `/articles?${new URLSearchParams({ sku })}`),
      "the HTTP ERP",
    );
    return articles[0] ?? null;
  }

  async createArticle(article: NewErpArticle): Promise<ErpArticle> {
    return parseAnswer(articleSchema, await this.createOrRetry("article", "/articles", article), "the HTTP ERP");
  }

  /** POST /sales-orders/check; an ERP service written before the check (404) books what it receives and refuses on create. */
  async checkCanBook(needs: BookingNeeds): Promise<void> {
    await this.call("POST", "/sales-orders/check", needs, { notFoundIsNull: true });
  }

  async findSalesOrderByReference(reference: string): Promise<ErpSalesOrder | null> {
    const { salesOrders } = parseAnswer(
      z.object({ salesOrders: z.array(salesOrderSchema) }),
      await this.call("GET", `/sales-orders?${new URLSearchParams({ reference })}`),
      "the HTTP ERP",
    );
    return salesOrders[0] ?? null;
  }

  async createSalesOrder(order: NewErpSalesOrder): Promise<ErpSalesOrder> {
    return parseAnswer(salesOrderSchema, await this.call("POST", "/sales-orders", order), "the HTTP ERP");
  }

  async getSalesOrder(id: ErpRecordId<"sale">): Promise<ErpSalesOrder | null> {
    const answer = await this.call("GET", `/sales-orders/${encodeURIComponent(id)}`, undefined, { notFoundIsNull: true });
    return answer === null ? null : parseAnswer(salesOrderSchema, answer, "the HTTP ERP");
  }

  async updateSalesOrder(id: ErpRecordId<"sale">, order: NewErpSalesOrder): Promise<ErpSalesOrder> {
    return parseAnswer(salesOrderSchema, await this.call("PUT", `/sales-orders/${encodeURIComponent(id)}`, order), "the HTTP ERP");
  }

  async cancelSalesOrder(id: ErpRecordId<"sale">): Promise<ErpSalesOrder> {
    return parseAnswer(salesOrderSchema, await this.call("POST", `/sales-orders/${encodeURIComponent(id)}/cancel`), "the HTTP ERP");
  }

  async findCreditNoteByReference(reference: string): Promise<ErpCreditNote | null> {
    const { creditNotes } = parseAnswer(
      z.object({ creditNotes: z.array(creditNoteSchema) }),
      await this.call("GET", `/credit-notes?reference=${encodeURIComponent(reference)}`),
      "the HTTP ERP",
    );
    return creditNotes[0] ?? null;
  }

  async createCreditNote(note: NewErpCreditNote): Promise<ErpCreditNote> {
    return parseAnswer(creditNoteSchema, await this.call("POST", "/credit-notes", note), "the HTTP ERP");
  }

  async listProducts(): Promise<SourceProduct[]> {
    return this.allPages("/catalog/products", "products", sourceProductSchema);
  }

  productPages(): AsyncGenerator<SourceProduct[]> {
    return this.pages("/catalog/products", "products", sourceProductSchema);
  }

  async listCategories(): Promise<SourceCategory[]> {
    return parseAnswer(z.object({ categories: z.array(sourceCategorySchema) }), await this.call("GET", "/catalog/categories"), "the HTTP ERP")
      .categories;
  }

  async listWarehouses(): Promise<ErpWarehouse[]> {
    return parseAnswer(z.object({ warehouses: z.array(warehouseSchema) }), await this.call("GET", "/warehouses"), "the HTTP ERP").warehouses;
  }

  /** POST /warehouses { name }: 200 with the warehouse of that name, or 201 with the one it made. */
  async ensureWarehouse(name: string): Promise<{ warehouse: ErpWarehouse; made: boolean }> {
    const { status, body } = await this.callWithStatus("POST", "/warehouses", { name });
    return { warehouse: parseAnswer(warehouseSchema, body, "the HTTP ERP"), made: status === 201 };
  }

  async stockAt(warehouseId: ErpRecordId<"warehouse">): Promise<SourceStockLevel[]> {
    return this.allPages(`/warehouses/${encodeURIComponent(warehouseId)}/stock`, "levels", sourceStockLevelSchema);
  }

  async *stockPages(warehouseIds: Array<ErpRecordId<"warehouse">>): AsyncGenerator<StockPage> {
    for (const warehouseId of warehouseIds)
      for await (const levels of this.pages(`/warehouses/${encodeURIComponent(warehouseId)}/stock`, "levels", sourceStockLevelSchema))
        yield { levels: levels.map((level) => ({ ...level, at: warehouseId })) };
  }

  private async allPages<T>(path: string, key: string, item: z.ZodType<T>): Promise<T[]> {
    const all: T[] = [];
    for await (const records of this.pages(path, key, item)) all.push(...records);
    return all;
  }

  /** Follows the contract's cursor (`nextCursor`) until the last page, a page at a time. */
  private async *pages<T>(path: string, key: string, item: z.ZodType<T>): AsyncGenerator<T[]> {
    const page = z.object({ [key]: z.array(item), nextCursor: z.string().nullable() });
    let cursor: string | null = null;
    do {
      const answer = parseAnswer(
        page,
        await this.call("GET", `${path}?${new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) })}`),
        "the HTTP ERP",
      );
      yield answer[key] as T[];
      cursor = answer.nextCursor as string | null;
    } while (cursor);
  }

  private async call(method: string, path: string, body?: unknown, options: { notFoundIsNull?: boolean } = {}): Promise<unknown> {
    return (await this.callWithStatus(method, path, body, options)).body;
  }

  /** A call, and the status it was answered with (a 201 says the ERP made what was asked for). */
  private async callWithStatus(
    method: string,
    path: string,
    body?: unknown,
    options: { notFoundIsNull?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> {
    const url = `${this.settings.baseUrl.replace(/\/$/, "")}${path}`;
    const system = {
      name: `the ERP at ${this.settings.baseUrl}`,
      unavailable: (message: string) => new ErpUnavailableError(message),
      detailOf: (text: string) => {
        const detail = errorSchema.safeParse(safeJson(text));
        return detail.success ? detail.data.error.message : null;
      },
      fetch: this.settings.fetch,
    };
    const response = await callHttp(system, {
      method,
      url,
      headers: { Authorization: `Bearer ${this.settings.apiKey}` },
      body,
      timeoutMs: this.settings.timeoutMs ?? 20_000,
    });
    const text = response.text;
    const json = text ? safeJson(text) : null;
    if (response.ok) return { status: response.status, body: json };
    const detail = errorSchema.safeParse(json);
    const message = detail.success ? detail.data.error.message : `HTTP ${response.status}`;
    if (response.status === 404 && options.notFoundIsNull) return { status: response.status, body: null };
    if (response.status === 401 || response.status === 403) throw new PermanentError(`the ERP refused Ponte's API key (${message})`);
    if (response.status === 409) throw new ErpRefusedError(message, detail.success ? detail.data.error.code : "conflict");
    // A sale the ERP will not take: its own words name the fix, and the order's reason says whose sale it was.
    if (isSalesOrderPath(path) && response.status < 500) throw new ErpRefusedError(message, detail.success ? detail.data.error.code : "refused");
    throw new PermanentError(`the ERP refused ${subjectOf(path)}: ${message}`);
  }
}

const isSalesOrderPath = (path: string) => path.split("?")[0]!.split("/")[1] === "sales-orders";

/** What a call was about, in a merchant's words: "the sale", "the customer". */
function subjectOf(path: string): string {
  const resource = path.split("?")[0]!.split("/")[1] ?? "";
  return { "sales-orders": "the sale", customers: "the customer", articles: "the article" }[resource] ?? `the request ${path.split("?")[0]}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
