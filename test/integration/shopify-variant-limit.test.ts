// GIVEN a store past Shopify's threshold of variants, whose daily limit on new ones (Shopify's docs: 1,000 a day once a
//       store has 50,000) the emulator sets at 2, and a POS offering five products Shopify does not sell
// WHEN the first product sync runs, and runs again on the following days
// THEN each day it creates what the limit allows and then waits (a "waiting" run, never a failure) with the time it
//      goes on, the Catalog's sync waiting too and the stock push still allowed for what is linked; the run that
//      goes on is queued once for that time; in the end every product exists once. A 429 without Retry-After waits
//      the configured time.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstProductSync } from "../../app/services/catalog/first-product-sync.server";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { shopDomain } from "../../app/services/ids";
import { createAgenda, JOBS_TABLE } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { scheduleRunResume } from "../../app/services/jobs/shop-jobs.server";
import { CassaAdapter } from "../../app/services/pos/cassa/cassa.adapter.server";
import { updatePosData } from "../../app/services/pos/pos-connections.server";
import { runLog, runTracked } from "../../app/services/runs/job-runs.server";
import { PREPARE_RUN } from "../../app/services/sync/run-kinds/index.server";
import { AdminClient } from "../../app/services/shopify/admin-client.server";
import { demoCassaAccount, simpleCassaProduct } from "../../emulators/cassa/demo-account";
import { startCassaEmulator, type CassaEmulator } from "../../emulators/cassa/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { startDemoShopify, type DemoShopify } from "../support/catalog-harness";
import { testActionDependencies } from "../support/action-dependencies";
import { createTestDatabase } from "../support/test-database";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const key = randomBytes(32).toString("base64");
const box = new SecretBox(key);
const NEW_SKUS = ["LIM-1", "LIM-2", "LIM-3", "LIM-4", "LIM-5"];
let db: PrismaClient;
let demo: DemoShopify;
let cassa: CassaEmulator;
let pos: CassaAdapter;
let queue: Agenda;
let databaseUrl: string;

const limit = (body: Record<string, unknown>) =>
  fetch(`${demo.shopify.url}/_control/shops/${shop}/variant-limit`, { method: "POST", body: JSON.stringify(body) }).then(
    (response) => response.json() as Promise<{ variants: number; createdToday: number }>,
  );
const created = () => [...demo.emulatedShop().catalog.variants.values()].filter((variant) => NEW_SKUS.includes(variant.sku)).map((v) => v.sku);

async function syncRun(client = demo.client) {
  const outcome = await runTracked(db, { shop, kind: "product-sync", trigger: "built-in" }, (run) =>
    firstProductSync({ db, source: pos, client }, shop, run),
  );
  const row = await db.jobRun.findUniqueOrThrow({ where: { id: outcome.id } });
  return { outcome, row, log: (await runLog(db, row.id)).map((entry) => entry.message) };
}

beforeAll(async () => {
  databaseUrl = await createTestDatabase("variant-limit");
  db = createPrismaClient(databaseUrl);
  demo = await startDemoShopify();
  const books = demoCassaAccount();
  const [category] = [...books.categories.values()];
  for (const sku of NEW_SKUS) {
    const product = simpleCassaProduct(books, { sku, description: `Prodotto ${sku}`, price: 2, idCategory: category!.id });
    books.products.set(product.id, product);
  }
  cassa = await startCassaEmulator({ apiKey: "limit-key", books });
  const connectorFor = (apiKey: string) => new CassaAdapter({ apiKey, baseUrl: cassa.url });
  pos = connectorFor("limit-key");
  expect(await updatePosData(db, box, shop, { apiKey: "limit-key" }, connectorFor)).toMatchObject({ ok: true });
  queue = createAgenda({ databaseUrl, name: "variant-limit-test" });
  await queue.ready;
});
afterAll(async () => {
  await queue.stop(true).catch(() => {});
  await demo.shopify.close();
  await cassa.close();
  await db.$disconnect();
});

describe("Shopify's daily limit on new variants", () => {
  it("makes the first product sync wait, day after day, never fail, and create every product once", async () => {
    const { variants } = await limit({});
    await limit({ threshold: variants, perDay: 2, retryAfterSeconds: 7_200, newDay: true });

    const first = await syncRun();
    expect(first.row).toMatchObject({ status: "waiting", error: expect.stringMatching(/^Waiting: Shopify's limit on new products and variants/) });
    expect(first.outcome.resumeAt!.getTime() - Date.now()).toBeGreaterThan(7_100_000);
    expect(first.row.resumeAt).toEqual(first.outcome.resumeAt);
    expect(first.log.at(-1)).toMatch(/waiting; it goes on by itself after \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/);
    expect(created()).toEqual(["LIM-1", "LIM-2"]);
    expect(await db.catalogSync.findUnique({ where: { shop } })).toMatchObject({ firstSync: "waiting", resumeAt: first.outcome.resumeAt });
    // Meanwhile (days, at 1,000 a day) what is linked stays in step: the stock push and the refresh may run, a full resync not.
    const actions = testActionDependencies(db, key);
    for (const kind of ["stock-push", "product-refresh"] as const)
      expect(await PREPARE_RUN[kind](actions, shop, { trigger: "manual" })).toHaveProperty("work");
    expect(await PREPARE_RUN["full-resync"](actions, shop, { trigger: "manual" })).toEqual({
      unavailable: "the first product sync has not completed yet",
    });

    // Queued once for that time, however often the run waits.
    await scheduleRunResume(queue, shop, "product-sync", first.outcome.resumeAt!);
    await scheduleRunResume(queue, shop, "product-sync", first.outcome.resumeAt!);
    const resumes = await db.$queryRawUnsafe<Array<{ next_run_at: Date }>>(
      `SELECT next_run_at FROM "${JOBS_TABLE}" WHERE name = $1 AND data->>'shop' = $2 AND data->>'kind' = 'product-sync'`,
      JobNames.runNow,
      shop,
    );
    expect(resumes.map((job) => job.next_run_at.getTime())).toEqual([first.outcome.resumeAt!.getTime()]);

    // The next day: two more, then waiting again; the day after, the last one and completed.
    await limit({ newDay: true });
    expect((await syncRun()).row.status).toBe("waiting");
    expect(created()).toEqual(["LIM-1", "LIM-2", "LIM-3", "LIM-4"]);
    await limit({ newDay: true });
    const last = await syncRun();
    expect(last.row.status).toBe("completed");
    expect(created().sort()).toEqual(NEW_SKUS);
    expect(await db.catalogSync.findUnique({ where: { shop } })).toMatchObject({ firstSync: "completed", resumeAt: null });
  });

  it("waits the configured time when Shopify's 429 names none", async () => {
    await limit({ perDay: 0, retryAfterSeconds: null, newDay: true });
    NEW_SKUS.push("LIM-6");
    const books = cassa.books;
    const [category] = [...books.categories.values()];
    const product = simpleCassaProduct(books, { sku: "LIM-6", description: "Prodotto LIM-6", price: 2, idCategory: category!.id });
    books.products.set(product.id, product);
    // A clock that does not sleep: Ponte's retries of the 429 (about 15 s of backoff) pass at once.
    const client = new AdminClient({
      shop,
      accessToken: DEMO_SHOP.accessToken,
      baseUrl: demo.shopify.url,
      clock: { now: () => Date.now(), sleep: async () => {} },
    });
    process.env.PONTE_SHOPIFY_LIMIT_WAIT_MINUTES = "90";
    try {
      const { row, outcome } = await syncRun(client);
      expect(row.status).toBe("waiting");
      const minutes = (outcome.resumeAt!.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(89);
      expect(minutes).toBeLessThanOrEqual(90);
    } finally {
      delete process.env.PONTE_SHOPIFY_LIMIT_WAIT_MINUTES;
    }
  });
});
