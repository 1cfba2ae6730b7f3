// GIVEN the sources' stock and offer staged for a run, a page at a time, in PostgreSQL
// WHEN a page of the catalog asks what each location should show and which products are offered
// THEN a location shows the sum of the places it is fed from, each at 0 below 0, the last quantity met for a SKU;
//      a location fed from nowhere shows nothing; runs see only their own rows, and a run's rows go when it ends
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dropAbandonedStaged,
  dropStaged,
  stagedOffered,
  stagedWanted,
  stageOfferedProducts,
  stageStockLevels,
} from "../../app/services/catalog/staged-sources.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { stagedSourceCount, stagedSourcePages, stageSourceProducts } from "../../app/services/catalog/staged-catalog.server";
import { afterCheckpoint, inCheckpointOrder } from "../../app/services/catalog/checkpoint-order";
import { createTestDatabase } from "../support/test-database";

let db: PrismaClient;
const level = (at: string, sku: string, quantity: number) => ({ at, sku, variantId: `v-${sku}`, quantity });

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("staged-sources"));
});
afterAll(async () => {
  await db.$disconnect();
});

async function aRun(status: string): Promise<string> {
  return (await db.jobRun.create({ data: { shop: "staged.myshopify.com", kind: "stock-push", trigger: "manual", status } })).id;
}

describe("the sources' stock and offer staged for a run", () => {
  it("gives each location the sum of the places it is fed from, never counting below 0, the last quantity met winning", async () => {
    const run = await aRun("running");
    await stageStockLevels(db, run, [level("101", "CAF", 3), level("101", "TAZ", 1), level("103", "CAF", 6), level("103", "TAZ", -2)]);
    // A later page meets MOKA at 103, and CAF at 101 again (a SKU on two variants): the last one counts.
    await stageStockLevels(db, run, [level("103", "MOKA", 4), level("101", "CAF", 5), level("101", "CAF", 2)]);
    const locations = new Map([
      ["gid://shopify/Location/1", { from: ["101", "103"] }],
      ["gid://shopify/Location/2", { from: ["103"] }],
      ["gid://shopify/Location/3", { from: [] }],
    ]);
    const wanted = await stagedWanted(db, run, locations, ["CAF", "TAZ", "MOKA", "NONE"]);
    expect(Object.fromEntries(wanted)).toEqual({
      "gid://shopify/Location/1": { CAF: 8, TAZ: 1, MOKA: 4 },
      "gid://shopify/Location/2": { CAF: 6, TAZ: 0, MOKA: 4 },
      "gid://shopify/Location/3": {},
    });
    // Only the SKUs asked for.
    expect(Object.fromEntries(await stagedWanted(db, run, locations, ["TAZ"]))).toEqual({
      "gid://shopify/Location/1": { TAZ: 1 },
      "gid://shopify/Location/2": { TAZ: 0 },
      "gid://shopify/Location/3": {},
    });
  });

  it("walks staged source products back in the checkpoint order Ponte uses in memory, a page at a time, after a checkpoint", async () => {
    const run = await aRun("running");
    const ids = ["10", "9", "100", "tpl-10", "tpl-9", "A7", "a7", "prd-00000012-x", "prd-00000002-x", "1"];
    const product = (id: string) => ({ id, name: `P ${id}`, description: "", categoryId: null, variants: [], imageUrls: [] });
    await stageSourceProducts(db, run, ids.slice(0, 5).map(product));
    await stageSourceProducts(db, run, ids.slice(5).map(product));
    const walked = async (after: string | null) => {
      const pages = [];
      for await (const page of stagedSourcePages(db, run, after, 3)) pages.push(page.map((p) => p.id));
      return pages;
    };
    const pages = await walked(null);
    expect(pages.flat()).toEqual(inCheckpointOrder(ids.map((id) => ({ id }))).map((p) => p.id));
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    expect((await walked("9")).flat()).toEqual(afterCheckpoint(inCheckpointOrder(ids.map((id) => ({ id }))), "9").map((p) => p.id));
    expect(await stagedSourceCount(db, run, "9")).toBe((await walked("9")).flat().length);
    await dropStaged(db, run);
    expect(await stagedSourceCount(db, run, null)).toBe(0);
  });

  it("keeps runs apart, and removes a run's rows when it ends and those of runs no longer running", async () => {
    const [running, other, crashed] = [await aRun("running"), await aRun("running"), await aRun("failed")];
    for (const run of [running, other, crashed]) {
      await stageStockLevels(db, run, [level("1", "SKU", run === running ? 7 : 1)]);
      await stageOfferedProducts(db, run, run === running ? ["p1", "p2", "p1"] : ["p3"]);
    }
    const one = new Map([["L", { from: ["1"] }]]);
    expect((await stagedWanted(db, running, one, ["SKU"])).get("L")).toEqual({ SKU: 7 });
    expect([...(await stagedOffered(db, running, ["p1", "p3", "p9"]))]).toEqual(["p1"]);

    await dropAbandonedStaged(db);
    expect(await db.stagedStockLevel.count({ where: { runId: crashed } })).toBe(0);
    expect(await db.stagedOfferedProduct.count({ where: { runId: crashed } })).toBe(0);
    expect(await db.stagedStockLevel.count({ where: { runId: running } })).toBe(1);

    await dropStaged(db, running);
    expect(await db.stagedStockLevel.count({ where: { runId: running } })).toBe(0);
    expect(await db.stagedOfferedProduct.count({ where: { runId: running } })).toBe(0);
    expect([...(await stagedOffered(db, other, ["p3"]))]).toEqual(["p3"]);
  });
});
