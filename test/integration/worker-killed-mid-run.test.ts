// GIVEN real worker processes with short run leases and job locks, the Shopify emulator, and a slow HTTP ERP
//       whose 24 customers are linked to Shopify's
// WHEN a worker is killed (SIGKILL) in the middle of a customer sync run, and another worker is running
// THEN the dead run does not stay "running": it ends as failed with the reason once its lease expires; the job's
//      lock expires too and the other worker runs the work again to completion; the failure's alert closes.
//      Cancel on a running run stops it at its next customer, as cancelled.
import type { PrismaClient } from "@prisma/client";
import type { Agenda } from "agenda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { bind, erpLinkSystem } from "../../app/services/bindings/binder.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { HttpErpAdapter } from "../../app/services/erp/http-erp.adapter.server";
import { requestCancel, WORKER_STOPPED, runLog } from "../../app/services/runs/job-runs.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { createAgenda } from "../../app/services/jobs/agenda.server";
import { JobNames } from "../../app/services/jobs/job-names";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { useTestAppEnvironment, type TestAppEnvironment } from "../support/app-environment";
import { createTestDatabase } from "../support/test-database";
import { startSandboxWorker, waitFor, type WorkerProcess } from "../support/worker-processes";
import { shopDomain } from "../../app/services/ids";

const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
const CUSTOMERS = 24;
let db: PrismaClient;
let databaseUrl: string;
let env: TestAppEnvironment;
let shopify: ShopifyEmulator;
let erpEmulator: ErpEmulator;
let queue: Agenda;
const workers: WorkerProcess[] = [];

async function startWorker(id: string): Promise<WorkerProcess> {
  const worker = await startSandboxWorker(id, {
    databaseUrl,
    encryptionKey: env.encryptionKey,
    shopifyUrl: shopify.url,
    env: { PONTE_RUN_LEASE_MS: "3000", PONTE_JOB_LOCK_MS: "5000" },
  });
  workers.push(worker);
  return worker;
}

beforeAll(async () => {
  databaseUrl = await createTestDatabase("worker-killed");
  env = useTestAppEnvironment(databaseUrl);
  db = createPrismaClient(databaseUrl);
  shopify = await startShopifyEmulator({
    app: { name: "Ponte", apiKey: env.apiKey, apiSecret: env.apiSecret, url: "http://127.0.0.1:9" },
    shops: [DEMO_SHOP],
  });
  erpEmulator = await startErpEmulator({ apiKey: "killed-run-key" });
  await seedSandbox(db, env.encryptionKey, DEMO_SHOP);
  const { id: erpId } = await saveErpConnection(db, new SecretBox(env.encryptionKey), shop, {
    kind: "http",
    url: erpEmulator.url,
    secret: erpEmulator.apiKey,
  });
  // 24 Shopify customers, each already known to the ERP and linked to it.
  const erp = new HttpErpAdapter({ baseUrl: erpEmulator.url, apiKey: erpEmulator.apiKey });
  for (let n = 0; n < CUSTOMERS; n++) {
    await fetch(`${shopify.url}/_control/shops/${shop}/orders`, {
      method: "POST",
      body: JSON.stringify({
        customer: { email: `client${n}@example.it`, firstName: "Client", lastName: `N${n}` },
        lines: [{ sku: "A", title: "A", quantity: 1, price: "1.00" }],
      }),
    });
  }
  for (const customer of shopify.state.shop(shop)!.orders.customers.values()) {
    const shopifyId = `gid://shopify/Customer/${customer.id}`;
    const created = await erp.createCustomer({ name: "Old name", email: customer.email ?? null, externalRef: shopifyId, addresses: [] });
    await bind(db, { shop, system: erpLinkSystem(erpId), entity: "customer" }, shopifyId, created.id);
  }
  // Every ERP call now takes half a second: the sync of 24 customers takes over 12 seconds.
  erpEmulator.faults.latencyMs = 500;
  queue = createAgenda({ databaseUrl, name: "worker-killed-test" });
  await queue.ready;
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.terminate();
  await queue?.stop(true).catch(() => {});
  await shopify?.close();
  await erpEmulator?.close();
  await db?.$disconnect();
});

const runsOfSync = () => db.jobRun.findMany({ where: { shop, kind: "customers-sync" }, orderBy: { startedAt: "asc" } });

describe("a worker killed in the middle of a run", () => {
  it("leaves no run running once the lease expires, and another worker runs the work again to completion", async () => {
    const doomed = await startWorker("doomed-worker");
    await queue.now(JobNames.syncCustomers, { shop, mode: "all" });
    const [started] = await waitFor(runsOfSync, (runs) => runs.length === 1 && runs[0]!.status === "running", 60_000, "the customer sync to start");
    // Some customers are updated, far from all, when the worker dies.
    const updatedInErp = () => [...erpEmulator.books.customers.values()].filter((c) => c.name !== "Old name").length;
    await waitFor(
      async () => updatedInErp(),
      (updated) => updated >= 2,
      30_000,
      "a few updates",
    );
    doomed.child.kill("SIGKILL");
    await new Promise((resolve) => doomed.child.once("exit", resolve));
    expect((await db.jobRun.findUniqueOrThrow({ where: { id: started!.id } })).status).toBe("running");
    expect(updatedInErp()).toBeLessThan(CUSTOMERS);

    await startWorker("surviving-worker");
    const runs = await waitFor(
      runsOfSync,
      (all) => all.length === 2 && all[1]!.status === "completed",
      120_000,
      "the work to run again to completion",
    );
    expect(runs[0]).toMatchObject({ id: started!.id, status: "failed", error: WORKER_STOPPED });
    expect(runs[1]).toMatchObject({ status: "completed", trigger: "manual", counts: { read: CUSTOMERS, updated: CUSTOMERS, "not in the ERP": 0 } });
    expect(await db.jobRun.count({ where: { shop, status: "running" } })).toBe(0);
    expect([...erpEmulator.books.customers.values()].every((c) => c.name.startsWith("Client N"))).toBe(true);
    // The dead run opened a failure streak; the completed one closed it (the worker closes it just after the run's row says completed).
    const alert = await waitFor(
      () => db.runAlert.findUnique({ where: { shop_kind: { shop, kind: "customers-sync" } } }),
      (found) => found?.closedAt != null,
      30_000,
      "the failure streak to close",
    );
    expect(alert).toMatchObject({ failures: 1, lastError: WORKER_STOPPED, closedAt: expect.any(Date) });
  });

  it("ends a long run on a worker as cancelled soon after Cancel, keeping the customers it finished and leaving the rest", async () => {
    for (const customer of erpEmulator.books.customers.values()) customer.name = "Old name";
    const before = (await runsOfSync()).length;
    await queue.now(JobNames.syncCustomers, { shop, mode: "all" });
    const running = await waitFor(
      runsOfSync,
      (runs) => runs.length === before + 1 && runs.at(-1)!.status === "running",
      60_000,
      "the next customer sync to start",
    );
    const runId = running.at(-1)!.id;
    const updatedInErp = () => [...erpEmulator.books.customers.values()].filter((c) => c.name !== "Old name").length;
    await waitFor(
      async () => updatedInErp(),
      (updated) => updated >= 2,
      30_000,
      "a few updates",
    );
    expect(await requestCancel(db, shop, runId)).toBe(true);

    const ended = await waitFor(
      () => db.jobRun.findUniqueOrThrow({ where: { id: runId } }),
      (run) => run.status !== "running",
      30_000,
      "the run to stop",
    );
    expect(ended.status).toBe("cancelled");
    expect((await runLog(db, ended.id)).at(-1)?.message).toBe("Cancelled by the merchant.");
    // It stopped at the next customer: what it finished stays done, the rest was never sent.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const updated = updatedInErp();
    expect(updated).toBeGreaterThanOrEqual(2);
    expect(updated).toBeLessThan(CUSTOMERS);
    expect(await db.jobLease.count({ where: { shop, kind: "customers-sync" } })).toBe(0);
  });
});
