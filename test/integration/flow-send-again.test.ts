// GIVEN the app's Flow action route (extensions/send-order-to-erp), the app's secret and a real database and job queue
// WHEN Shopify Flow runs "Send order to the ERP again" on a failed order, signed; or a request comes unsigned, badly
//      signed, or for another action
// THEN the signed run puts the order back in the queue as the Orders page's Retry does (retrying, its export job
//      queued); nothing else is touched by the others, which are answered 401 or 400
import { createHmac } from "node:crypto";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { createTestDatabase } from "../support/test-database";

type RouteAction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;

const root = path.resolve(import.meta.dirname, "../..");
const shop = "flow-shop.myshopify.com";
let db: PrismaClient;
let env: TestAppEnvironment;

beforeAll(async () => {
  const url = await createTestDatabase("flow-send-again");
  env = useTestAppEnvironment(url);
  db = createPrismaClient(url);
  await db.shop.create({ data: { domain: shop } });
});
afterAll(() => db.$disconnect());

async function run(body: unknown, sign: string | null = env.apiSecret): Promise<Response> {
  const { action } = (await import(path.join(root, "app", "routes", "flow.actions.send-order-again.tsx"))) as { action: RouteAction };
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (sign) headers["X-Shopify-Hmac-Sha256"] = createHmac("sha256", sign).update(raw, "utf8").digest("base64");
  return action({
    request: new Request("http://127.0.0.1/flow/actions/send-order-again", { method: "POST", body: raw, headers }),
    params: {},
    context: {},
  });
}

const flowRun = (orderId: number, handle = "send-order-to-erp") => ({
  shop_id: 1,
  shopify_domain: shop,
  action_run_id: `run-${orderId}`,
  action_definition_id: "def-1",
  handle,
  properties: { order_id: orderId },
});

describe("the Flow action Send order to the ERP again", () => {
  it("retries a failed order when Shopify signed the run, and nothing for an unsigned, forged or other action", async () => {
    const orderId = "gid://shopify/Order/4242";
    await db.orderExport.create({ data: { shop, orderId, orderName: "#4242", status: "failed", reason: "the ERP refused the sale", attempts: 1 } });

    expect((await run(flowRun(4242), null)).status).toBe(401);
    expect((await run(flowRun(4242), "not-the-secret")).status).toBe(401);
    expect((await run(flowRun(4242, "another-action"))).status).toBe(400);
    expect((await run({ nothing: true })).status).toBe(400);
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId } } })).toMatchObject({ status: "failed" });

    const answer = await run(flowRun(4242));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ retried: 1 });
    expect(await db.orderExport.findUniqueOrThrow({ where: { shop_orderId: { shop, orderId } } })).toMatchObject({
      status: "retrying",
      reason: "retry asked by the merchant",
    });
  });
});
