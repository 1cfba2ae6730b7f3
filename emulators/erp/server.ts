/**
 * The generic HTTP ERP emulator: implements docs/erp-http-contract.openapi.yaml
 * over in-memory books (kept in a file when `stateFile` is given), with
 * switchable faults (down, slow, 5xx, sales orders refused) for the sandbox
 * and the tests. Its control API (no key, local use only):
 *
 *   POST /_control/faults                      { down, latencyMs, failNext, refuseSalesOrders }
 *   POST /_control/setup                       { currencies, taxRates }: the currencies the ERP books in (null: any)
 *                                              and, by tax title, the rate the ERP's own tax has (as a merchant set it up)
 *   POST /_control/sales-orders/:id/ship       { carrier, trackingNumber }: what an ERP user does
 *   POST /_control/sales-orders/:id/invoice    { number?, date?, documentId?, documentUrl? }: the invoice (numbered by the ERP when not given)
 *   GET  /_control/books                       customers, articles and sales orders
 *   POST /_control/catalog/products            a product offered to e-commerce (added or replaced)
 *   POST /_control/catalog/categories          { id, name }
 *   POST /_control/warehouses                  { id, name }
 *   POST /_control/stock                       { warehouseId, sku, quantity }: what a stock move does
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { readJsonBody, sendJson } from "../json-http";
import { addressSchema, erpTaxIdentifierSchema, salesOrderLineSchema } from "../../app/services/erp/erp.types";
import { ErpBooks } from "./erp-state";
import { pageOf } from "./erp-catalog";
import { sourceCategorySchema, sourceProductSchema } from "../../app/services/sources/product-source.types";
import { warehouseSchema } from "../../app/services/erp/erp.types";
import { loadErpContract } from "./openapi-contract";
import { erpRecordIdSchema } from "../../app/services/ids";

export interface ErpFaults {
  /** Answer 503 to everything. */
  down: boolean;
  latencyMs: number;
  /** The next N calls answer 500. */
  failNext: number;
  /** When set, creating a sales order is refused (422 invalid) with this message, as an ERP refuses a blocked customer. */
  refuseSalesOrders: string | null;
}

export interface ErpEmulator {
  url: string;
  apiKey: string;
  books: ErpBooks;
  faults: ErpFaults;
  close(): Promise<void>;
}

const customerAddressSchema = addressSchema.extend({ invoice: z.boolean().default(true), delivery: z.boolean().default(true) });
const newCustomerSchema = z.object({
  name: z.string().min(1),
  email: z.string().nullable(),
  phone: z.string().nullish(),
  externalRef: z.string().nullable(),
  addresses: z.array(customerAddressSchema),
  taxIdentifiers: z.array(erpTaxIdentifierSchema).optional(),
  pec: z.string().nullish(),
  sdiCode: z.string().nullish(),
});
const newArticleSchema = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  listPrice: z.string().regex(/^-?\d+(\.\d+)?$/),
  code: z.string().optional(),
  service: z.boolean().optional(),
  category: z.string().min(1).nullish(),
});
const newSalesOrderSchema = z.object({
  reference: z.string().min(1),
  shopifyName: z.string().optional(),
  customerId: erpRecordIdSchema("customer"),
  currency: z.string().length(3),
  taxesIncluded: z.boolean().optional(),
  lines: z.array(salesOrderLineSchema.extend({ quantity: z.number().positive() })).min(1),
  shippingAddress: addressSchema.nullable(),
  billingAddress: addressSchema.nullish(),
  note: z.string().nullable(),
});
const newCreditNoteSchema = z.object({
  reference: z.string().min(1),
  saleId: erpRecordIdSchema("sale").nullable(),
  customerId: erpRecordIdSchema("customer"),
  currency: z.string().length(3),
  note: z.string(),
  lines: z
    .array(salesOrderLineSchema.extend({ quantity: z.number().positive(), restockWarehouseId: erpRecordIdSchema("warehouse").nullable() }))
    .min(1),
});
const bookingNeedsSchema = z.object({
  currency: z.string().length(3),
  taxes: z.array(z.object({ title: z.string(), rate: z.string().regex(/^\d+(\.\d+)?$/) })),
});
const setupSchema = z.object({
  currencies: z.array(z.string().length(3)).nullable().optional(),
  taxRates: z.record(z.string(), z.string().regex(/^\d+(\.\d+)?$/)).optional(),
});

const faultsSchema = z.object({
  down: z.boolean().optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  failNext: z.number().int().min(0).optional(),
  refuseSalesOrders: z.string().min(1).nullable().optional(),
});
const stockSchema = z.object({ warehouseId: z.string().min(1), sku: z.string().min(1), quantity: z.number() });
/** The contract's page size: 100 unless asked, at most 500. */
const limitSchema = z.coerce.number().int().min(1).max(500).default(100);
const shipSchema = z.object({ carrier: z.string().min(1), trackingNumber: z.string().min(1) });
const deliverSchema = z.object({ deliveredAt: z.string().datetime({ offset: true }).or(z.string().date()).optional() });
const invoiceSchema = z.object({
  number: z.string().min(1).optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  documentId: z.string().min(1).optional(),
  documentUrl: z.url().optional(),
});

export async function startErpEmulator(options: { apiKey: string; port?: number; host?: string; stateFile?: string }): Promise<ErpEmulator> {
  const books =
    options.stateFile && existsSync(options.stateFile) ? ErpBooks.fromJSON(JSON.parse(readFileSync(options.stateFile, "utf8"))) : new ErpBooks();
  const contract = loadErpContract();
  const faults: ErpFaults = { down: false, latencyMs: 0, failNext: 0, refuseSalesOrders: null };
  const keep = () => options.stateFile && writeFileSync(options.stateFile, JSON.stringify(books));

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => sendJson(response, 500, { error: { code: "internal", message: error.message } }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    if (request.url?.startsWith("/_control/")) return control(request, response);
    await serve(request, response);
    if (request.method !== "GET") keep();
  }

  async function control(request: IncomingMessage, response: ServerResponse) {
    const path = new URL(request.url ?? "/", "http://erp").pathname;
    const body = request.method === "POST" ? await readJsonBody(request) : undefined;
    if (path === "/_control/faults" && request.method === "POST") {
      const parsed = faultsSchema.safeParse(body ?? {});
      if (!parsed.success) return sendJson(response, 422, { error: { code: "invalid", message: parsed.error.message } });
      Object.assign(faults, Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined)));
      return sendJson(response, 200, faults);
    }
    if (path === "/_control/setup" && request.method === "POST") {
      const parsed = setupSchema.safeParse(body ?? {});
      if (!parsed.success) return sendJson(response, 422, { error: { code: "invalid", message: parsed.error.message } });
      if (parsed.data.currencies !== undefined) books.setup.currencies = parsed.data.currencies;
      if (parsed.data.taxRates !== undefined) books.setup.taxRates = parsed.data.taxRates;
      keep();
      return sendJson(response, 200, books.setup);
    }
    if (path === "/_control/books" && request.method === "GET") return sendJson(response, 200, books);
    const catalogInput: Record<string, z.ZodType> = {
      "/_control/catalog/products": sourceProductSchema,
      "/_control/catalog/categories": sourceCategorySchema,
      "/_control/warehouses": warehouseSchema,
      "/_control/stock": stockSchema,
    };
    if (catalogInput[path] && request.method === "POST") {
      const parsed = catalogInput[path].safeParse(body ?? {});
      if (!parsed.success) return sendJson(response, 422, { error: { code: "invalid", message: parsed.error.message } });
      const input = parsed.data as never;
      if (path === "/_control/catalog/products") books.catalog.products.set((input as { id: string }).id, input);
      if (path === "/_control/catalog/categories") books.catalog.categories.set((input as { id: string }).id, input);
      if (path === "/_control/warehouses") books.catalog.warehouses.set((input as { id: string }).id, input);
      if (path === "/_control/stock") {
        const level = input as z.infer<typeof stockSchema>;
        if (!books.catalog.warehouses.has(level.warehouseId))
          return sendJson(response, 404, { error: { code: "not_found", message: `no warehouse ${level.warehouseId}` } });
        books.catalog.setStock(level.warehouseId, level.sku, level.quantity);
      }
      keep();
      return sendJson(response, 200, input);
    }
    const step = /^\/_control\/sales-orders\/([^/]+)\/(ship|invoice|deliver)$/.exec(path);
    if (step && request.method === "POST") {
      if (!books.salesOrders.has(step[1]!)) return sendJson(response, 404, { error: { code: "not_found", message: `no sales order ${step[1]}` } });
      if (step[2] === "invoice") {
        const parsed = invoiceSchema.safeParse(body ?? {});
        if (!parsed.success) return sendJson(response, 422, { error: { code: "invalid", message: parsed.error.message } });
        const order = books.invoice(step[1]!, parsed.data);
        keep();
        return sendJson(response, 200, order);
      }
      if (step[2] === "deliver") {
        const parsed = deliverSchema.safeParse(body ?? {});
        if (!parsed.success) return sendJson(response, 422, { error: { code: "invalid", message: parsed.error.message } });
        const order = books.deliver(step[1]!, parsed.data.deliveredAt);
        if (order === "not shipped")
          return sendJson(response, 409, { error: { code: "not_shipped", message: `sales order ${step[1]} is not shipped` } });
        keep();
        return sendJson(response, 200, order);
      }
      const parsed = shipSchema.safeParse(body ?? {});
      if (!parsed.success) return sendJson(response, 422, { error: { code: "invalid", message: parsed.error.message } });
      const order = books.ship(step[1]!, parsed.data.carrier, parsed.data.trackingNumber);
      keep();
      return sendJson(response, 200, order);
    }
    return sendJson(response, 404, { error: { code: "not_found", message: `no control route ${request.method} ${path}` } });
  }

  async function serve(request: IncomingMessage, response: ServerResponse) {
    if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.down) return sendJson(response, 503, { error: { code: "unavailable", message: "the ERP is down (emulated)" } });
    if (faults.failNext > 0) {
      faults.failNext--;
      return sendJson(response, 500, { error: { code: "internal", message: "emulated failure" } });
    }
    if (request.headers.authorization !== `Bearer ${options.apiKey}`)
      return sendJson(response, 401, { error: { code: "unauthorized", message: "wrong API key" } });
    const url = new URL(request.url ?? "/", "http://erp");
    const body = request.method === "POST" || request.method === "PUT" || request.method === "PATCH" ? await readJsonBody(request) : undefined;
    // The published contract decides what a body may be, before anything of Ponte's is looked at.
    const refusal = body === undefined ? null : contract.checkBody(request.method ?? "GET", url.pathname, body);
    if (refusal) return sendJson(response, 422, { error: { code: "invalid", message: `not as the contract says: ${refusal}` } });
    const [, resource, id, action] = url.pathname.split("/");
    const bad = (error: z.ZodError) =>
      sendJson(response, 422, { error: { code: "invalid", message: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") } });

    if (resource === "health" && request.method === "GET") return sendJson(response, 200, { name: "Ponte ERP emulator", version: "1.0.0" });
    if (resource === "customers") {
      if (!id && request.method === "GET") {
        const customers = books.findCustomers({
          email: url.searchParams.get("email"),
          externalRef: url.searchParams.get("externalRef"),
          taxIdType: url.searchParams.get("taxIdType"),
          taxId: url.searchParams.get("taxId"),
        });
        return sendJson(response, 200, { customers });
      }
      if (!id && request.method === "POST") {
        const parsed = newCustomerSchema.safeParse(body);
        return parsed.success ? sendJson(response, 201, books.createCustomer(parsed.data)) : bad(parsed.error);
      }
      if (id && request.method === "GET") {
        const customer = books.customers.get(id);
        return customer ? sendJson(response, 200, customer) : sendJson(response, 404, { error: { code: "not_found", message: `no customer ${id}` } });
      }
      if (id && request.method === "PATCH") {
        const customer = books.customers.get(id);
        if (!customer) return sendJson(response, 404, { error: { code: "not_found", message: `no customer ${id}` } });
        const parsed = newCustomerSchema.partial().safeParse(body);
        if (!parsed.success) return bad(parsed.error);
        const { addresses, taxIdentifiers, ...fields } = parsed.data;
        Object.assign(customer, fields);
        books.addTaxIdentifiers(customer, taxIdentifiers);
        for (const address of addresses ?? []) {
          if (!customer.addresses.some((held) => held.street === address.street && held.city === address.city && held.zip === address.zip))
            customer.addresses.push(address);
        }
        return sendJson(response, 200, customer);
      }
    }
    if (resource === "articles") {
      if (request.method === "GET")
        return sendJson(response, 200, { articles: [...books.articles.values()].filter((a) => a.sku === url.searchParams.get("sku")) });
      if (request.method === "POST") {
        const parsed = newArticleSchema.safeParse(body);
        if (!parsed.success) return bad(parsed.error);
        if (books.articleWithSku(parsed.data.sku))
          return sendJson(response, 409, { error: { code: "duplicate_sku", message: `an article with SKU ${parsed.data.sku} exists` } });
        return sendJson(response, 201, books.createArticle(parsed.data));
      }
    }
    if (resource === "sales-orders") {
      if (!id && request.method === "GET")
        return sendJson(response, 200, {
          salesOrders: [...books.salesOrders.values()].filter((o) => o.reference === url.searchParams.get("reference")),
        });
      if (id === "check" && !action && request.method === "POST") {
        const parsed = bookingNeedsSchema.safeParse(body);
        if (!parsed.success) return bad(parsed.error);
        const refusal = books.cannotBook(parsed.data);
        return refusal ? sendJson(response, 409, { error: { code: "cannot_book", message: refusal } }) : sendJson(response, 200, { ok: true });
      }
      if (!id && request.method === "POST") {
        const parsed = newSalesOrderSchema.safeParse(body);
        if (!parsed.success) return bad(parsed.error);
        if (faults.refuseSalesOrders) return sendJson(response, 422, { error: { code: "invalid", message: faults.refuseSalesOrders } });
        const result = books.createSalesOrder(parsed.data);
        if ("conflict" in result) return sendJson(response, 409, { error: { code: "duplicate_reference", message: result.conflict } });
        if ("invalid" in result) return sendJson(response, 422, { error: { code: "invalid", message: result.invalid } });
        return sendJson(response, 201, result.order);
      }
      if (id && !action && request.method === "GET") {
        const order = books.salesOrders.get(id);
        return order ? sendJson(response, 200, order) : sendJson(response, 404, { error: { code: "not_found", message: `no sales order ${id}` } });
      }
      if (id && !action && request.method === "PUT") {
        const parsed = newSalesOrderSchema.safeParse(body);
        if (!parsed.success) return bad(parsed.error);
        const result = books.update(id, parsed.data);
        if (!result) return sendJson(response, 404, { error: { code: "not_found", message: `no sales order ${id}` } });
        if ("refused" in result) return sendJson(response, 409, { error: { code: "not_editable", message: result.refused } });
        if ("invalid" in result) return sendJson(response, 422, { error: { code: "invalid", message: result.invalid } });
        return sendJson(response, 200, result.order);
      }
      if (id && action === "cancel" && request.method === "POST") {
        const result = books.cancel(id);
        if (!result) return sendJson(response, 404, { error: { code: "not_found", message: `no sales order ${id}` } });
        if ("refused" in result) return sendJson(response, 409, { error: { code: "not_cancellable", message: result.refused } });
        return sendJson(response, 200, result.order);
      }
    }
    if (resource === "credit-notes") {
      if (!id && request.method === "GET")
        return sendJson(response, 200, {
          creditNotes: [...books.creditNotes.values()].filter((note) => note.reference === url.searchParams.get("reference")),
        });
      if (!id && request.method === "POST") {
        const parsed = newCreditNoteSchema.safeParse(body);
        if (!parsed.success) return bad(parsed.error);
        const result = books.createCreditNote(parsed.data);
        if ("conflict" in result) return sendJson(response, 409, { error: { code: "duplicate_reference", message: result.conflict } });
        if ("invalid" in result) return sendJson(response, 422, { error: { code: "invalid", message: result.invalid } });
        return sendJson(response, 201, result.note);
      }
    }
    if (resource === "warehouses" && !id && request.method === "POST") {
      const parsed = z.object({ name: z.string().trim().min(1) }).safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      const known = [...books.catalog.warehouses.values()].find((warehouse) => warehouse.name === parsed.data.name);
      if (known) return sendJson(response, 200, known);
      const made = { id: erpRecordIdSchema("warehouse").parse(`WH-${books.catalog.warehouses.size + 1}`), name: parsed.data.name };
      books.catalog.warehouses.set(made.id, made);
      keep();
      return sendJson(response, 201, made);
    }
    if ((resource === "catalog" || resource === "warehouses") && request.method === "GET") {
      const limit = limitSchema.safeParse(url.searchParams.get("limit") ?? undefined);
      if (!limit.success) return bad(limit.error);
      const cursor = url.searchParams.get("cursor");
      if (cursor !== null && !/^\d+$/.test(cursor))
        return sendJson(response, 422, { error: { code: "invalid", message: "cursor: not one this ERP gave" } });
      if (resource === "catalog" && id === "products") {
        const page = pageOf([...books.catalog.products.values()], limit.data, cursor);
        return sendJson(response, 200, { products: page.items, nextCursor: page.nextCursor });
      }
      if (resource === "catalog" && id === "categories") return sendJson(response, 200, { categories: [...books.catalog.categories.values()] });
      if (resource === "warehouses" && !id) return sendJson(response, 200, { warehouses: [...books.catalog.warehouses.values()] });
      if (resource === "warehouses" && id && action === "stock") {
        const levels = books.catalog.levelsAt(id);
        if (!levels) return sendJson(response, 404, { error: { code: "not_found", message: `no warehouse ${id}` } });
        const page = pageOf(levels, limit.data, cursor);
        return sendJson(response, 200, { levels: page.items, nextCursor: page.nextCursor });
      }
    }
    return sendJson(response, 404, { error: { code: "not_found", message: `no route ${request.method} ${url.pathname}` } });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: options.apiKey,
    books,
    faults,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
