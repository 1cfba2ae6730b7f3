/**
 * The Cassa in Cloud emulator: the paths, shapes, paging, headers and errors
 * of ../shared/pos/cassa-in-cloud.md, over in-memory books, with switchable
 * faults and the two account settings that break connectors. Control API
 * (local use only, no token):
 *
 *   POST /_control/faults     { down, failNext, tokenLifetimeSeconds, latencyMs }
 *   POST /_control/limits     { callsPerWindow, windowSeconds }: the call limit per API (default 360 in 600 s)
 *   POST /_control/settings   { mandatoryTime, minimumOrder }
 *   POST /_control/stock      { salePointId, variantId, quantity }
 *   POST /_control/products   { sku, description, price }: a new product offered to e-commerce, in the first category
 *   GET  /_control/orders     the orders connectors sent
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { readJsonBody, sendJson } from "../json-http";
import { CassaBooks, type CassaOrder, type CassaProduct } from "./cassa-books";
import { simpleCassaProduct } from "./demo-account";

export interface CassaEmulator {
  url: string;
  apiKey: string;
  books: CassaBooks;
  faults: CassaFaults;
  /** Every call seen (method and path), for tests. */
  calls: string[];
  /** The call limit per API; raised by benchmarks as a bigger account would have it. */
  limits: CassaLimits;
  /** The calls answered 429 because their API's limit was reached. */
  limited: string[];
  close(): Promise<void>;
}

/**
 * Cassa's documented limit: about 360 calls per API in 10 minutes (../shared/pos/cassa-in-cloud.md). An API is a
 * path's first part (/products, /stocks/…); every call to it counts, the token's too. The docs do not say how the
 * window runs nor how an over-limit call is answered: the emulator takes the strictest reading (a sliding window)
 * and answers 429 with no Retry-After.
 */
export interface CassaLimits {
  callsPerWindow: number;
  windowSeconds: number;
}

export interface CassaFaults {
  down: boolean;
  failNext: number;
  tokenLifetimeSeconds: number;
  /** Every API answer waits this long first (a slow network or a busy POS). */
  latencyMs: number;
}

const MAX_LIMIT = 100;

const orderSchema = z.object({
  externalId: z.string().min(1),
  isExternalOrder: z.boolean(),
  date: z.string(),
  dueDate: z.string().optional(),
  deliveryMode: z.string().default("PICKUP"),
  status: z.string().default("NOT_PROCESSED"),
  externalWorkflowStatus: z.string().default("REQUESTED"),
  document: z.object({
    idSalesPoint: z.number().int(),
    idCustomer: z.string().optional(),
    amount: z.number(),
    note: z.string().nullish(),
    email: z.string().nullish(),
    rows: z
      .array(
        z.object({
          rowNumber: z.number().int(),
          idProductVariant: z.string(),
          quantity: z.number().positive(),
          price: z.number(),
          note: z.string().nullish(),
        }),
      )
      .min(1),
  }),
});

export async function startCassaEmulator(options: { apiKey: string; books?: CassaBooks; port?: number; host?: string }): Promise<CassaEmulator> {
  const books = options.books ?? new CassaBooks();
  // The product list in the books' order. A catalog of benchmark size (over 10,000) is listed once, the e-commerce
  // products apart, and kept while it holds as many products, so a page is a slice, not a pass over the whole
  // catalog; a product added through the control API lists it again. Smaller books (the tests', which replace and
  // change products in place) are listed on every request.
  let listed: { size: number; all: CassaProduct[]; ecommerce: CassaProduct[] } | null = null;
  const productList = (ecommerceOnly: boolean): CassaProduct[] => {
    if (!listed || listed.size !== books.products.size || books.products.size <= 10_000) {
      const all = [...books.products.values()];
      listed = { size: books.products.size, all, ecommerce: all.filter((p) => p.enableForECommerce) };
    }
    return ecommerceOnly ? listed.ecommerce : listed.all;
  };
  const faults: CassaFaults = { down: false, failNext: 0, tokenLifetimeSeconds: 3600, latencyMs: 0 };
  const tokens = new Map<string, number>();
  const calls: string[] = [];
  const limits: CassaLimits = { callsPerWindow: 360, windowSeconds: 600 };
  const limited: string[] = [];
  const callTimes = new Map<string, number[]>();
  /** Counts a call to its API; false when the API's window is full (the call is not counted then). */
  const withinLimit = (pathname: string): boolean => {
    const api = pathname.split("/").filter(Boolean)[0] ?? "";
    const now = Date.now();
    let times = callTimes.get(api);
    if (!times) callTimes.set(api, (times = []));
    while (times.length > 0 && times[0]! <= now - limits.windowSeconds * 1000) times.shift();
    if (times.length >= limits.callsPerWindow) return false;
    times.push(now);
    return true;
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => sendJson(response, 500, { error: { code: "InternalError", message: error.message } }));
  });

  const fail = (response: ServerResponse, status: number, code: string, message: string) => sendJson(response, status, { error: { code, message } });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://cassa");
    if (url.pathname.startsWith("/_control/")) return control(request, response, url);
    calls.push(`${request.method} ${url.pathname}`);
    if (!withinLimit(url.pathname)) {
      limited.push(`${request.method} ${url.pathname}`);
      return fail(
        response,
        429,
        "TooManyRequests",
        `call limit reached: at most ${limits.callsPerWindow} calls to /${url.pathname.split("/")[1]} in ${limits.windowSeconds} s`,
      );
    }
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.down) return fail(response, 503, "ServiceUnavailable", "Cassa in Cloud is unavailable (emulated)");
    if (faults.failNext > 0) {
      faults.failNext--;
      return fail(response, 500, "InternalError", "emulated failure");
    }
    const body = request.method === "POST" ? await readJsonBody(request) : undefined;

    if (url.pathname === "/apikey/token" && request.method === "POST") {
      if (!request.headers["x-requested-with"]) return fail(response, 400, "InvalidParams", "X-Requested-With header is required");
      const key = z.object({ apiKey: z.string() }).safeParse(body);
      if (!key.success || key.data.apiKey !== options.apiKey) return fail(response, 401, "Unauthorized", "Invalid API key");
      const token = jwtLike({ idsSalesPoint: [...books.salePoints.keys()].join(",") });
      tokens.set(token, Date.now() + faults.tokenLifetimeSeconds * 1000);
      return sendJson(response, 200, { access_token: token, expires_in: faults.tokenLifetimeSeconds, token_type: "Bearer" });
    }

    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    const expiry = token ? tokens.get(token) : undefined;
    if (!expiry || expiry < Date.now()) return fail(response, 401, "Unauthorized", "Invalid or expired token");
    if (!request.headers["x-version"]) return fail(response, 400, "InvalidParams", "X-Version header is required");

    const paging = pagingOf(url);
    if ("error" in paging) return fail(response, 400, "InvalidParams", paging.error);
    const arrays = jsonArraysOf(url, ["ids", "idsSalesPoint", "enabledForChannels", "idProduct", "idProductVariant", "idsCategory"]);
    if ("error" in arrays) return fail(response, 400, "error.expected.jsarray", arrays.error);
    const page = <T>(records: T[]) => ({ records: records.slice(paging.start, paging.start + paging.limit), totalCount: records.length });
    const ecommerceOnly = arrays.values.enabledForChannels?.includes("ECOMMERCE") ?? false;

    if (url.pathname === "/salespoint" && request.method === "GET") {
      const licensed = url.searchParams.get("hasActiveLicense") === "true";
      const { records, totalCount } = page([...books.salePoints.values()].filter((p) => !licensed || p.hasActiveLicense));
      return sendJson(response, 200, { salesPoint: records, totalCount });
    }
    const salePoint = /^\/salespoint\/(\d+)$/.exec(url.pathname);
    if (salePoint && request.method === "GET") {
      const point = books.salePoints.get(Number(salePoint[1]));
      return point ? sendJson(response, 200, { salesPoint: point }) : fail(response, 404, "InvalidId", `no sales point ${salePoint[1]}`);
    }
    if (url.pathname === "/categories" && request.method === "GET") {
      const { records, totalCount } = page([...books.categories.values()].filter((c) => !ecommerceOnly || c.enableForECommerce));
      return sendJson(response, 200, { categories: records, totalCount });
    }
    if (url.pathname === "/products" && request.method === "GET") {
      // `ids` asks for those products by id (of the offered ones when filtered by channel).
      const ids = arrays.values.ids ? new Set(arrays.values.ids) : null;
      const offered = ids
        ? [...ids].flatMap((id) => books.products.get(id) ?? []).filter((p) => !ecommerceOnly || p.enableForECommerce)
        : productList(ecommerceOnly);
      const { records, totalCount } = page(offered);
      return sendJson(response, 200, { products: records, totalCount });
    }
    const stocks = /^\/stocks\/(\d+)$/.exec(url.pathname);
    if (stocks && request.method === "GET") {
      const held = books.stock.get(Number(stocks[1]));
      if (!held) return fail(response, 404, "InvalidId", `no sales point ${stocks[1]}`);
      const variants = arrays.values.idProductVariant;
      const productIds = arrays.values.idProduct;
      // Filtered by product: the stock rows of those products (their variants', or a simple product's own), looked up.
      const rows = productIds
        ? productIds.flatMap((id) => {
            const product = books.products.get(id);
            return product ? [id, ...product.variants.map((v) => v.id)].flatMap((key) => held.get(key) ?? []).filter((s) => s.idProduct === id) : [];
          })
        : [...held.values()];
      const { records, totalCount } = page(rows.filter((s) => !variants || (s.idProductVariant !== null && variants.includes(s.idProductVariant))));
      return sendJson(response, 200, { stocks: records, totalCount });
    }
    if (url.pathname === "/documents/orders/batch" && request.method === "POST") {
      const batch = z.object({ create: z.array(z.unknown()).min(1) }).safeParse(body);
      if (!batch.success) return fail(response, 400, "InvalidParams", 'the body must be {"create": [Order, ...]}');
      if (Buffer.byteLength(JSON.stringify(body)) > 100 * 1024) return fail(response, 413, "InvalidParams", "body above 100 KB");
      const created: CassaOrder[] = [];
      for (const [index, raw] of batch.data.create.entries()) {
        const parsed = orderSchema.safeParse(raw);
        if (!parsed.success)
          return fail(
            response,
            400,
            "InvalidParams",
            `create[${index}]: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
          );
        const order = parsed.data;
        if ([...books.orders.values(), ...created].some((o) => o.externalId === order.externalId))
          return fail(response, 409, "ConflictValue", `externalId ${order.externalId} already exists`);
        if (!books.salePoints.has(order.document.idSalesPoint))
          return fail(response, 400, "InvalidId", `no sales point ${order.document.idSalesPoint}`);
        const unknown = order.document.rows.find((row) => !books.findVariant(row.idProductVariant));
        if (unknown) return fail(response, 400, "InvalidId", `no product variant ${unknown.idProductVariant}`);
        if (order.isExternalOrder && (!order.dueDate || Date.parse(order.dueDate) <= Date.now()))
          return fail(response, 400, "InvalidParams", "dueDate is required for external orders and must be in the future");
        if (books.settings.mandatoryTime) return fail(response, 400, "InvalidParams", "order time is mandatory for this account");
        if (order.document.amount < books.settings.minimumOrder)
          return fail(response, 400, "InvalidParams", `the order amount is below the minimum order of ${books.settings.minimumOrder.toFixed(2)}`);
        created.push({
          ...order,
          id: books.id("ord"),
          dueDate: order.dueDate ?? order.date,
          document: { ...order.document, note: order.document.note ?? null, email: order.document.email ?? null },
        });
      }
      for (const order of created) books.orders.set(order.id, order);
      return sendJson(response, 200, {
        batchResponse: { createDetails: created.map((order, index) => ({ index, id: order.id, externalId: order.externalId })) },
      });
    }
    return fail(response, 404, "NotFound", `no route ${request.method} ${url.pathname}`);
  }

  async function control(request: IncomingMessage, response: ServerResponse, url: URL) {
    const body = request.method === "POST" ? await readJsonBody(request) : undefined;
    if (url.pathname === "/_control/faults" && request.method === "POST") {
      const parsed = z
        .object({
          down: z.boolean().optional(),
          failNext: z.number().int().min(0).optional(),
          tokenLifetimeSeconds: z.number().int().min(1).optional(),
          latencyMs: z.number().int().min(0).max(60_000).optional(),
        })
        .parse(body ?? {});
      Object.assign(faults, Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)));
      return sendJson(response, 200, faults);
    }
    if (url.pathname === "/_control/limits" && request.method === "POST") {
      const parsed = z
        .object({ callsPerWindow: z.number().int().min(1).optional(), windowSeconds: z.number().positive().optional() })
        .parse(body ?? {});
      Object.assign(limits, Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)));
      callTimes.clear();
      return sendJson(response, 200, limits);
    }
    if (url.pathname === "/_control/settings" && request.method === "POST") {
      const parsed = z.object({ mandatoryTime: z.boolean().optional(), minimumOrder: z.number().min(0).optional() }).parse(body ?? {});
      books.settings = { ...books.settings, ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) };
      return sendJson(response, 200, books.settings);
    }
    if (url.pathname === "/_control/stock" && request.method === "POST") {
      const parsed = z.object({ salePointId: z.number().int(), variantId: z.string(), quantity: z.number() }).parse(body ?? {});
      const found = books.findVariant(parsed.variantId);
      if (!found || !books.salePoints.has(parsed.salePointId)) return sendJson(response, 404, { error: "unknown sale point or variant" });
      books.setStock(parsed.salePointId, found.product, found.product.multivariant ? found.variant : null, parsed.quantity);
      return sendJson(response, 200, { ok: true });
    }
    if (url.pathname === "/_control/products" && request.method === "POST") {
      const parsed = z.object({ sku: z.string().min(1), description: z.string().min(1), price: z.number().min(0) }).parse(body ?? {});
      const [category] = [...books.categories.values()];
      if (!category) return sendJson(response, 409, { error: "the books have no category" });
      const product = simpleCassaProduct(books, { ...parsed, idCategory: category.id });
      books.products.set(product.id, product);
      listed = null;
      return sendJson(response, 200, { id: product.id });
    }
    if (url.pathname === "/_control/orders" && request.method === "GET") return sendJson(response, 200, { orders: [...books.orders.values()] });
    return sendJson(response, 404, { error: `no control route ${request.method} ${url.pathname}` });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: options.apiKey,
    books,
    faults,
    calls,
    limits,
    limited,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pagingOf(url: URL): { start: number; limit: number } | { error: string } {
  const start = Number(url.searchParams.get("start") ?? 0);
  const limit = Number(url.searchParams.get("limit") ?? MAX_LIMIT);
  if (!Number.isInteger(start) || start < 0) return { error: "start must be a non-negative integer" };
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return { error: `limit must be between 1 and ${MAX_LIMIT}` };
  return { start, limit };
}

/** List parameters are one JSON array each; a repeated key or a bare value is error.expected.jsarray, as the API answers. */
function jsonArraysOf(url: URL, names: string[]): { values: Record<string, string[] | undefined> } | { error: string } {
  const values: Record<string, string[] | undefined> = {};
  for (const name of names) {
    const all = url.searchParams.getAll(name);
    if (all.length === 0) continue;
    if (all.length > 1) return { error: `${name}: error.expected.jsarray` };
    try {
      const parsed: unknown = JSON.parse(all[0]!);
      if (!Array.isArray(parsed)) return { error: `${name}: error.expected.jsarray` };
      values[name] = parsed.map(String);
    } catch {
      return { error: `${name}: error.expected.jsarray` };
    }
  }
  return { values };
}

function jwtLike(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ ...claims, jti: randomBytes(8).toString("hex") })}.${randomBytes(16).toString("base64url")}`;
}
