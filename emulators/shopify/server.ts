/**
 * The Shopify emulator's HTTP server: the Admin GraphQL API of every seeded
 * shop, and, for the sandbox, the admin frame, session tokens and the App
 * Bridge stand-in.
 *
 *   POST /admin/api/2026-07/graphql.json   X-Shopify-Access-Token picks the shop
 *   GET  /                                 redirects to the first shop's app page
 *   GET  /store/:name/apps/ponte           the admin frame around the app
 *   GET  /store/:name/orders[/:id]         Shopify's orders list and order page, with the app's order blocks
 *   GET  /sandbox/extensions/:handle/host  an admin UI extension hosted as the admin does (script.js: its build)
 *   POST /sandbox/session-token?shop=      a fresh session token (JWT)
 *   GET  /sandbox/app-bridge.js            the App Bridge stand-in
 *   POST /_staged-uploads/                 the staged upload bucket (bulk mutation variables)
 *   GET  /_bulk/:id.jsonl                  a bulk operation's result file
 *   /_control/...                          see control-api.ts
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ADMIN_API_VERSION } from "./admin-schema";
import { adminLocaleOf, renderAdminFrame } from "./admin-frame";
import { ORDER_BLOCK_TARGET, renderExtensionHost, renderOrderPage, renderOrdersIndex, type HostedUiExtension } from "./admin-order-pages";
import { restoreFromFile, saveToFile } from "./state-file";
import { handleControl, type ShopFaults } from "./control-api";
import { hasResultFile, newBulkOperation, runBulkQuery, type BulkOperationRecord } from "./bulk-operations";
import { checkBulkMutation, runBulkMutationLines, StagedUploads } from "./bulk-mutations";
import { RESOURCE_LIMIT_CODE } from "./mutations/product-set";
import { executeAdminGraphQL, fieldResolver, type GraphQLRequest } from "./graphql-executor";
import { gid } from "./store/ids";
import { LeakyBucket, STANDARD_PLAN_BUCKET, type BucketSettings } from "./leaky-bucket";
import { mintSessionToken } from "./session-token";
import { EmulatorState, type EmulatedShop, type ShopSeed } from "./state";
import { WebhookSender, type WebhookSubscription } from "./webhook-sender";
import type { EventSubscription } from "./order-events";

export interface EmulatedApp {
  name: string;
  apiKey: string;
  apiSecret: string;
  /** The app's own URL (SHOPIFY_APP_URL). */
  url: string;
}

export interface ShopifyEmulatorOptions {
  port?: number;
  host?: string;
  app: EmulatedApp;
  shops: ShopSeed[];
  /** Each shop's leaky bucket; Shopify's Standard plan unless given. */
  bucket?: BucketSettings;
  /** The app's webhook subscriptions (topic and path), as in shopify.app.toml. */
  webhookSubscriptions?: WebhookSubscription[];
  /** The app's Events subscriptions and their API version ([events] in shopify.app.toml: eventSubscriptionsFromToml). */
  eventSubscriptions?: { apiVersion: string; subscriptions: EventSubscription[] } | null;
  webhookRetryDelaysMs?: number[];
  /** Where the shops are kept between runs (the sandbox): read at start when it exists, written after each change. */
  stateFile?: string;
  /** The app's built admin UI extensions, rendered on the admin's pages (the sandbox). */
  uiExtensions?: HostedUiExtension[];
}

export interface ShopifyEmulator {
  url: string;
  state: EmulatorState;
  webhooks: WebhookSender;
  bucket(shopDomain: string): LeakyBucket;
  server: Server;
  close(): Promise<void>;
  /** Whether the shops came back from the state file (then nothing needs seeding). */
  restored: boolean;
}

const APP_BRIDGE_STAND_IN = readFileSync(path.join(import.meta.dirname, "app-bridge-stand-in.js"), "utf8");
const UI_EXTENSION_HOST = readFileSync(path.join(import.meta.dirname, "ui-extension-host.js"), "utf8");
const MAX_BODY_BYTES = 1_000_000;

export async function startShopifyEmulator(options: ShopifyEmulatorOptions): Promise<ShopifyEmulator> {
  const state = new EmulatorState();
  for (const seed of options.shops) state.addShop(seed);
  const restored = options.stateFile ? restoreFromFile(state, options.stateFile) : false;
  // Written a moment after a change (requests come in bursts), and on close.
  let saveTimer: NodeJS.Timeout | null = null;
  const save = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (options.stateFile) saveToFile(state, options.stateFile);
  };
  const scheduleSave = () => {
    if (options.stateFile && !saveTimer) saveTimer = setTimeout(save, 250);
  };
  const firstShop = options.shops[0]?.myshopifyDomain;
  let emulatorUrl = "";
  const buckets = new Map<number, LeakyBucket>();
  const faults = new Map<number, ShopFaults>();
  const throttled = new Map<number, number>();
  const stagedUploads = new StagedUploads();
  const bucketOf = (shop: EmulatedShop) => {
    if (!buckets.has(shop.id)) buckets.set(shop.id, new LeakyBucket({ ...(options.bucket ?? STANDARD_PLAN_BUCKET) }));
    return buckets.get(shop.id)!;
  };
  const faultsOf = (shop: EmulatedShop) => {
    if (!faults.has(shop.id)) faults.set(shop.id, { latencyMs: 0, failRequests: 0, failStatus: 503, throttledAnswers: 0, bulkSliceDelayMs: 0 });
    return faults.get(shop.id)!;
  };
  const webhooks = new WebhookSender({
    appUrl: options.app.url,
    apiSecret: options.app.apiSecret,
    apiVersion: ADMIN_API_VERSION,
    subscriptions: options.webhookSubscriptions ?? [],
    eventSubscriptions: options.eventSubscriptions?.subscriptions ?? [],
    ...(options.eventSubscriptions ? { eventsApiVersion: options.eventSubscriptions.apiVersion } : {}),
    retryDelaysMs: options.webhookRetryDelaysMs,
  });

  const server = createServer((request, response) => {
    // A GraphQL call may be a mutation; a control call may add an order: anything but a GET may change the shops.
    if (request.method !== "GET") response.once("finish", scheduleSave);
    route(request, response).catch((error: Error) => sendJson(response, 500, { errors: `emulator error: ${error.message}` }));
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://emulator");
    const graphqlPath = url.pathname.match(/^\/admin\/api\/([^/]+)\/graphql\.json$/);
    if (graphqlPath && request.method === "POST") return adminGraphQL(request, response, graphqlPath[1] ?? "");
    if (url.pathname === "/" && firstShop) return redirect(response, `/store/${storeName(firstShop)}/apps/ponte`);
    const appPage = url.pathname.match(/^\/store\/([^/]+)\/apps\/ponte\/?$/);
    if (appPage && request.method === "GET")
      return adminFrame(response, `${appPage[1]}.myshopify.com`, adminLocaleOf(url.searchParams.get("locale"), request.headers["accept-language"]));
    const ordersPage = url.pathname.match(/^\/store\/([^/]+)\/orders(?:\/(\d+))?\/?$/);
    if (ordersPage && request.method === "GET") {
      const locale = adminLocaleOf(url.searchParams.get("locale"), request.headers["accept-language"]);
      return orderPages(response, `${ordersPage[1]}.myshopify.com`, ordersPage[2] ? Number(ordersPage[2]) : null, locale);
    }
    const extensionPage = url.pathname.match(/^\/sandbox\/extensions\/([a-z0-9-]+)\/(host|script\.js)$/);
    if (extensionPage && request.method === "GET") return extensionFile(response, extensionPage[1]!, extensionPage[2]!, url.searchParams);
    if (url.pathname === "/sandbox/ui-extension-host.js") return sendScript(response, UI_EXTENSION_HOST);
    if (url.pathname === "/sandbox/session-token" && request.method === "POST") {
      return sessionToken(response, url.searchParams.get("shop") ?? "");
    }
    if (url.pathname === "/_staged-uploads/" && request.method === "POST") return stagedUploads.receive(request, response);
    const bulkFile = url.pathname.match(/^\/_bulk\/(\d+)\.jsonl$/);
    if (bulkFile && request.method === "GET") {
      const operation = state
        .allShops()
        .flatMap((shop) => [...shop.bulkOperations.values()])
        .find((op) => op.id === Number(bulkFile[1]));
      if (!operation || !hasResultFile(operation)) return sendJson(response, 404, { errors: "Not Found" });
      response.writeHead(200, { "Content-Type": "application/jsonl" });
      for (const line of operation.lines) response.write(`${line}\n`);
      response.end();
      return;
    }
    if (url.pathname.startsWith("/_control/")) {
      const raw = request.method === "POST" ? await readBody(request) : "";
      let answer;
      try {
        answer = handleControl(request.method ?? "GET", url.pathname, raw ? JSON.parse(raw) : undefined, {
          shop: (domain) => state.shop(domain),
          faults: faultsOf,
          bucket: bucketOf,
          throttledAnswers: (shop) => throttled.get(shop.id) ?? 0,
          webhooks,
        });
      } catch (error) {
        answer = { status: 400, body: { error: (error as Error).message } };
      }
      return sendJson(response, answer.status, answer.body);
    }
    if (url.pathname === "/sandbox/app-bridge.js") return sendScript(response, APP_BRIDGE_STAND_IN);
    sendJson(response, 404, { errors: "Not Found" });
  }

  async function adminGraphQL(request: IncomingMessage, response: ServerResponse, version: string): Promise<void> {
    const shop = state.shopByAccessToken(String(request.headers["x-shopify-access-token"] ?? ""));
    if (!shop) {
      return sendJson(response, 401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
    const shopFaults = faultsOf(shop);
    if (shopFaults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, shopFaults.latencyMs));
    if (shopFaults.failRequests > 0) {
      shopFaults.failRequests--;
      return sendJson(response, shopFaults.failStatus, { errors: "Internal Server Error (injected by the emulator)" });
    }
    if (version !== ADMIN_API_VERSION) {
      return sendJson(response, 404, { errors: `The Shopify emulator serves API version ${ADMIN_API_VERSION} only, not ${version}` });
    }
    let body: GraphQLRequest;
    try {
      body = JSON.parse(await readBody(request)) as GraphQLRequest;
    } catch {
      return sendJson(response, 400, { errors: { query: "Required parameter missing or invalid" } });
    }
    if (typeof body.query !== "string") return sendJson(response, 400, { errors: { query: "Required parameter missing or invalid" } });
    const result = await executeAdminGraphQL(
      body,
      {
        shop,
        baseUrl: emulatorUrl,
        startBulkOperation,
        startBulkMutation,
        cancelBulkOperation,
        stagedUploads,
        emit: (topic, payload) => webhooks.emit(shop.myshopifyDomain, topic, payload),
        subscriptions: options.webhookSubscriptions ?? [],
      },
      bucketOf(shop),
    );
    if (result.errors?.some((error) => error.extensions?.code === "THROTTLED")) throttled.set(shop.id, (throttled.get(shop.id) ?? 0) + 1);
    // Shopify's resource limits (new variants a day past 50,000) answer the whole request with HTTP 429.
    if (result.errors?.some((error) => error.extensions?.code === RESOURCE_LIMIT_CODE)) {
      const retryAfter = shop.variantLimit.retryAfterSeconds;
      if (retryAfter !== null) response.setHeader("Retry-After", String(retryAfter));
      return sendJson(response, 429, { errors: [{ message: "Exceeded the daily limit on new variants for this store" }] });
    }
    sendJson(response, 200, result);
  }

  function adminFrame(response: ServerResponse, shopDomain: string, locale: string | undefined): void {
    const shop = state.shop(shopDomain);
    if (!shop) return sendJson(response, 404, { errors: `no shop ${shopDomain} in the emulator` });
    const html = renderAdminFrame({
      shopDomain,
      shopName: shop.name,
      appName: options.app.name,
      appUrl: options.app.url,
      idToken: mint(shopDomain),
      sessionTokenPath: "/sandbox/session-token",
      locale,
    });
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    response.end(html);
  }

  function orderPages(response: ServerResponse, shopDomain: string, orderId: number | null, locale: string | undefined): void {
    const shop = state.shop(shopDomain);
    if (!shop) return sendJson(response, 404, { errors: `no shop ${shopDomain} in the emulator` });
    const context = { shopDomain, shopName: shop.name, appName: options.app.name, locale };
    let html: string;
    if (orderId === null) html = renderOrdersIndex(context, [...shop.orders.orders.values()]);
    else {
      const order = shop.orders.orders.get(orderId);
      if (!order) return sendJson(response, 404, { errors: "Not Found" });
      html = renderOrderPage(
        context,
        order,
        (options.uiExtensions ?? []).filter((extension) => extension.target === ORDER_BLOCK_TARGET),
      );
    }
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    response.end(html);
  }

  function extensionFile(response: ServerResponse, handle: string, file: string, params: URLSearchParams): void {
    const extension = options.uiExtensions?.find((one) => one.handle === handle);
    if (!extension) return sendJson(response, 404, { errors: `no extension ${handle} in the sandbox (npm run build:extensions)` });
    if (file === "script.js") return sendScript(response, readFileSync(extension.script, "utf8"));
    const shopDomain = params.get("shop") ?? "";
    const orderId = params.get("order") ?? "";
    if (!state.shop(shopDomain) || !/^gid:\/\/shopify\/Order\/\d+$/.test(orderId))
      return sendJson(response, 400, { errors: "shop and order are required" });
    const html = renderExtensionHost(extension, {
      appUrl: options.app.url,
      shopDomain,
      orderId,
      locale: params.get("locale") ?? undefined,
      sessionTokenPath: "/sandbox/session-token",
    });
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    response.end(html);
  }

  function sendScript(response: ServerResponse, script: string): void {
    response.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" });
    response.end(script);
  }

  function sessionToken(response: ServerResponse, shopDomain: string): void {
    if (!state.shop(shopDomain)) return sendJson(response, 404, { error: `no shop ${shopDomain} in the emulator` });
    sendJson(response, 200, { token: mint(shopDomain) });
  }

  function mint(shopDomain: string): string {
    return mintSessionToken({ shop: shopDomain, apiKey: options.app.apiKey, userId: "1" }, options.app.apiSecret);
  }

  async function startBulkOperation(shop: EmulatedShop, query: string): Promise<BulkOperationRecord> {
    const operation = newBulkOperation(state.ids.take(), shop, query, "QUERY", "RUNNING");
    setTimeout(() => {
      runBulkQuery(shop, query, fieldResolver)
        .then(({ lines, rootObjectCount }) => Object.assign(operation, { status: "COMPLETED", lines, rootObjectCount, objectCount: lines.length }))
        .catch(() => Object.assign(operation, { status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR" }))
        .finally(() => finishBulkOperation(shop, operation));
    }, 50);
    return operation;
  }

  async function startBulkMutation(shop: EmulatedShop, mutation: string, stagedUploadPath: string) {
    const checked = checkBulkMutation(shop, stagedUploads, mutation, stagedUploadPath);
    if (!checked.ok) return checked;
    const operation = newBulkOperation(state.ids.take(), shop, mutation, "MUTATION", "CREATED");
    const context = { shop, baseUrl: emulatorUrl, emit: (topic: string, payload: unknown) => webhooks.emit(shop.myshopifyDomain, topic, payload) };
    setTimeout(() => {
      runBulkMutationLines(operation, checked.document, checked.lines, context, fieldResolver, () => faultsOf(shop).bulkSliceDelayMs)
        .then(() => {
          operation.status = operation.status === "CANCELING" ? "CANCELED" : "COMPLETED";
        })
        .catch(() => Object.assign(operation, { status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR" }))
        .finally(() => finishBulkOperation(shop, operation));
    }, 50);
    return { ok: true as const, operation };
  }

  /** bulkOperationCancel: a running operation stops after the line it is on (CANCELING, then CANCELED). */
  function cancelBulkOperation(operation: BulkOperationRecord): string | null {
    if (operation.status === "CREATED" || operation.status === "RUNNING") {
      operation.status = "CANCELING";
      return null;
    }
    return `A bulk operation cannot be canceled when it is ${operation.status.toLowerCase()}`;
  }

  function finishBulkOperation(shop: EmulatedShop, operation: BulkOperationRecord): void {
    operation.completedAt = new Date().toISOString();
    webhooks.emit(shop.myshopifyDomain, "bulk_operations/finish", {
      admin_graphql_api_id: gid("BulkOperation", operation.id),
      completed_at: operation.completedAt,
      created_at: operation.createdAt,
      error_code: operation.errorCode?.toLowerCase() ?? null,
      status: operation.status.toLowerCase(),
      type: operation.type.toLowerCase(),
    });
  }

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  emulatorUrl = `http://${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    state,
    webhooks,
    bucket: (domain) => bucketOf(state.shop(domain)!),
    server,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          save();
          resolve();
        }),
      ),
    restored,
  };
}

function storeName(shopDomain: string): string {
  return shopDomain.replace(/\.myshopify\.com$/, "");
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { Location: location });
  response.end();
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}
