// GIVEN the Cassa in Cloud emulator enforcing Cassa's documented call limit (about 360 calls per API in 10 minutes;
//       set smaller here), and a catalog of 1,050 products (11 pages)
// WHEN Ponte's Cassa client reads it, alone or while calls made elsewhere with the same key use the limit up, inside
//      a run or outside one
// THEN the emulator answers 429 past the limit, per API; the client keeps to the limit by itself, waits out a 429
//      it could not foresee and reads everything; a long wait is told in the run's log with when it goes on, and
//      Cancel ends it; a 429 that lasts fails the run as unavailable (retried later), never as a wrong answer
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { shopDomain } from "../../app/services/ids";
import { CassaAdapter } from "../../app/services/pos/cassa/cassa.adapter.server";
import { cassaCallLimit, type CallLimit } from "../../app/services/pos/cassa/cassa-call-limit";
import { PosUnavailableError } from "../../app/services/pos/pos-connector";
import { runTracked } from "../../app/services/runs/job-runs.server";
import { demoCassaAccount, simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator, type CassaEmulator } from "../../emulators/cassa/server";
import { createTestDatabase } from "../support/test-database";

const shop = shopDomain("cassa-limit.myshopify.com");
const API_KEY = "cic-limit-key";
let cassa: CassaEmulator;
let db: PrismaClient;
let ecommerceProducts: number;

/** A clock whose sleep only moves time on: the client's waits take no real time. */
const fakeClock = () => {
  const clock = { at: Date.now(), slept: 0, now: () => clock.at, sleep: async (ms: number) => void ((clock.at += ms), (clock.slept += ms)) };
  return clock;
};
const limitsOf = async (limits: { callsPerWindow: number; windowSeconds: number }) =>
  fetch(`${cassa.url}/_control/limits`, { method: "POST", body: JSON.stringify(limits), headers: { "Content-Type": "application/json" } });
/** Each adapter a limit object of its own, so that its window is its own (as another process's would be). */
const adapter = (callLimit: CallLimit, clock?: ReturnType<typeof fakeClock>) =>
  new CassaAdapter({ apiKey: API_KEY, baseUrl: cassa.url, callLimit, ...(clock ? { now: clock.now, sleep: clock.sleep } : {}) });
const logOf = async (runId: string) =>
  (await db.jobRunLogEntry.findMany({ where: { runId }, orderBy: { id: "asc" } })).map((line) => ({
    level: line.level,
    key: line.key,
    message: line.message,
    params: line.params as Record<string, unknown> | null,
  }));

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("cassa-call-limit"));
  const books = demoCassaAccount();
  const [category] = [...books.categories.values()];
  for (let n = 0; n < 1_050; n++) {
    const product = simpleCassaProduct(books, { sku: `LIM-${n}`, description: `Prodotto ${n}`, price: 1, idCategory: category!.id });
    books.products.set(product.id, product);
  }
  ecommerceProducts = [...books.products.values()].filter((p) => p.enableForECommerce).length;
  cassa = await startCassaEmulator({ apiKey: API_KEY, books });
});
afterAll(async () => {
  await cassa.close();
  await db.$disconnect();
});
beforeEach(async () => {
  cassa.limited.length = 0;
  cassa.calls.length = 0;
});

describe("Cassa in Cloud's call limit", () => {
  it("is the documented 360 calls per API in 10 minutes, in the emulator and in Ponte's client", () => {
    expect(cassa.limits).toEqual({ callsPerWindow: 360, windowSeconds: 600 });
    expect(cassaCallLimit({})).toEqual({ calls: 360, windowMs: 600_000 });
    expect(cassaCallLimit({ PONTE_CASSA_CALLS_PER_WINDOW: "5000", PONTE_CASSA_WINDOW_SECONDS: "60" })).toEqual({ calls: 5000, windowMs: 60_000 });
    expect(cassaCallLimit({ PONTE_CASSA_CALLS_PER_WINDOW: "-3", PONTE_CASSA_WINDOW_SECONDS: "soon" })).toEqual({ calls: 360, windowMs: 600_000 });
  });

  it("the emulator answers 429 past the limit, counting each API apart, and lets calls through again as the window moves", async () => {
    await limitsOf({ callsPerWindow: 3, windowSeconds: 1 });
    const tokenAnswer = await fetch(`${cassa.url}/apikey/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Requested-With": "*" },
      body: JSON.stringify({ apiKey: API_KEY }),
    });
    const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
    const get = (path: string) => fetch(`${cassa.url}${path}`, { headers: { Authorization: `Bearer ${token}`, "X-Version": "1.0.0" } });
    const statuses = [];
    for (let n = 0; n < 4; n++) statuses.push((await get("/categories")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await get("/categories");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(await refused.json()).toEqual({
      error: { code: "TooManyRequests", message: "call limit reached: at most 3 calls to /categories in 1 s" },
    });
    expect((await get("/salespoint")).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await get("/categories")).status).toBe(200);
    expect(cassa.limited).toEqual(["GET /categories", "GET /categories"]);
  });

  it("the client keeps to the limit by itself: 11 pages at 4 calls a second, no call refused", async () => {
    await limitsOf({ callsPerWindow: 4, windowSeconds: 1 });
    const started = Date.now();
    const products = await adapter({ calls: 4, windowMs: 1_000 }).listProducts();
    expect(products).toHaveLength(ecommerceProducts);
    expect(cassa.calls.filter((call) => call === "GET /products")).toHaveLength(11);
    expect(cassa.limited).toEqual([]);
    // 11 calls, at most 4 in any second: the 9th cannot go before 2 seconds have passed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
  });

  it("waits out a 429 it could not foresee (calls made elsewhere with the key) and still reads everything", async () => {
    await limitsOf({ callsPerWindow: 4, windowSeconds: 1 });
    // This client believes it may make 100 calls a second: the emulator refuses some, the client waits and asks again.
    const products = await adapter({ calls: 100, windowMs: 1_000 }).listProducts();
    expect(products).toHaveLength(ecommerceProducts);
    expect(cassa.limited.length).toBeGreaterThan(0);
    expect(cassa.calls.filter((call) => call === "GET /products")).toHaveLength(11 + cassa.limited.length);
  });

  it("tells a long wait in the run's log, with when it goes on, and goes on by itself", async () => {
    await limitsOf({ callsPerWindow: 360, windowSeconds: 600 });
    const clock = fakeClock();
    const run = await runTracked(db, { shop, kind: "product-refresh", trigger: "manual" }, async () => {
      const products = await adapter({ calls: 5, windowMs: 60_000 }, clock).listProducts();
      return { read: products.length };
    });
    expect(run).toMatchObject({ status: "completed", counts: { read: ecommerceProducts } });
    // 11 pages at 5 a minute: the 6th and the 11th waited a minute each.
    expect(clock.slept).toBe(120_000);
    const waits = (await logOf(run.id)).filter((line) => line.key === "runs.log.cassaLimit.wait");
    expect(waits).toHaveLength(2);
    expect(waits[0]).toMatchObject({
      level: "info",
      params: { api: "/products", calls: 5, minutes: 1, resumeAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
    expect(waits[0]!.message).toMatch(
      /^Cassa in Cloud allows about 5 calls to \/products in 1 min: the next call waits; it goes on by itself after /,
    );
    expect(cassa.limited).toEqual([]);
  });

  it("lets Cancel end a wait: the run is cancelled and the call never made", async () => {
    const clock = fakeClock();
    const run = await runTracked(db, { shop, kind: "product-refresh", trigger: "manual" }, async (handle) => {
      // A limit of its own: the window is not the one the test before filled.
      const client = adapter({ calls: 5, windowMs: 30_000 }, clock);
      const pages = client.productPages();
      for (let n = 0; n < 5; n++) await pages.next();
      await db.jobRun.update({ where: { id: handle.id }, data: { cancelRequested: true } });
      await pages.next();
      return {};
    });
    expect(run.status).toBe("cancelled");
    expect(cassa.calls.filter((call) => call === "GET /products")).toHaveLength(5);
  });

  it("fails as unavailable when 429 lasts for two windows: the run is retried later, nothing is read wrong", async () => {
    await limitsOf({ callsPerWindow: 1, windowSeconds: 600 });
    const clock = fakeClock();
    const outcome = runTracked(db, { shop, kind: "product-refresh", trigger: "manual" }, async () => {
      const products = await adapter({ calls: 360, windowMs: 600_000 }, clock).listProducts();
      return { read: products.length };
    });
    await expect(outcome).rejects.toBeInstanceOf(PosUnavailableError);
    await expect(outcome).rejects.toThrow(/^Cassa in Cloud answered HTTP 429 to GET \/products \(its call limit\) for 15 minutes$/);
    const run = await db.jobRun.findFirstOrThrow({ where: { shop }, orderBy: { startedAt: "desc" } });
    expect(run.status).toBe("failed");
    // Waited a tenth of the window, doubling (1, 2, 4, 8 minutes), then gave up rather than wait past two windows.
    const answered = (await logOf(run.id)).filter((line) => line.key === "runs.log.cassaLimit.answered");
    expect(answered.map((line) => line.level)).toEqual(["warning", "warning", "warning", "warning"]);
    expect(clock.slept).toBe(15 * 60_000);
  });
});
