// GIVEN the production build (`npm run build`) started with `npm start` on the embedded database
// WHEN every sandbox switch is set in its environment
// THEN none takes effect: App Bridge comes from Shopify's CDN and the Admin API is the shop's own
// AND WHEN its worker is killed (kill -9) in the middle of an order's export
// THEN the app goes on answering, the supervisor starts a new worker (logged, counted on the dashboard), and the new
//      worker finishes the export: one ERP sale
import os from "node:os";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/services/database/embedded-database.server";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { appLaunchUrl } from "../../emulators/shopify/admin-frame";
import { startShopifyEmulator, type ShopifyEmulator } from "../../emulators/shopify/server";
import { mintSessionToken } from "../../emulators/shopify/session-token";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { seedSandbox } from "../../scripts/lib/seed-sandbox";
import { CHROME_USER_AGENT } from "../support/browser";
import { waitFor } from "../support/worker-processes";
import type { PrismaClient } from "@prisma/client";
import { SecretBox } from "../../app/services/crypto/secret-box.server";
import { saveErpConnection } from "../../app/services/erp/erp-connections.server";
import { startErpEmulator, type ErpEmulator } from "../../emulators/erp/server";
import { capturedOrders } from "../support/captured-orders";
import { signedWebhookRequest } from "../support/signed-webhook";
import { shopDomain } from "../../app/services/ids";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "ponte-production-"));
chmodSync(dataDir, 0o755);
const identity = { apiKey: "prod-test-key", apiSecret: randomBytes(16).toString("hex"), encryptionKey: randomBytes(32).toString("base64") };

let emulator: ShopifyEmulator;
let appUrl: string;
let output = "";
let server: ReturnType<typeof spawn>;
let erp: ErpEmulator;
let db: PrismaClient;

beforeAll(async () => {
  const build = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8" });
  expect(build.status, build.stderr).toBe(0);

  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  emulator = await startShopifyEmulator({ app: { name: "Ponte", ...identity, url: appUrl }, shops: [DEMO_SHOP] });
  const env = { ...process.env };
  delete env.DATABASE_URL;
  server = spawn("npm", ["start"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      PONTE_DATA_DIR: dataDir,
      PORT: String(port),
      SHOPIFY_API_KEY: identity.apiKey,
      SHOPIFY_API_SECRET: identity.apiSecret,
      SHOPIFY_APP_URL: appUrl,
      PONTE_ENCRYPTION_KEY: identity.encryptionKey,
      // A dead worker's export is handed on after seconds instead of minutes: the drain's own (it exports what its
      // webhooks bring) after 6 s, an export job's after 4 s.
      PONTE_INBOX_LEASE_MS: "6000",
      PONTE_EXPORT_LOCK_MS: "4000",
      // Every sandbox switch, which a production build must ignore:
      PONTE_SANDBOX: "1",
      PONTE_SANDBOX_SHOPIFY_URL: emulator.url,
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    async () => output,
    (text) => /Ponte is serving on port/.test(text) || server.exitCode !== null,
    180_000,
    "npm start",
  );
  expect(output).toMatch(/Ponte is serving on port/);

  const settings = JSON.parse(readFileSync(path.join(dataDir, "postgres", "embedded-database.json"), "utf8"));
  db = createPrismaClient(`postgresql://${settings.user}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${settings.database}`);
  await seedSandbox(db, identity.encryptionKey, DEMO_SHOP);
  erp = await startErpEmulator({ apiKey: "production-erp-key" });
  await saveErpConnection(db, new SecretBox(identity.encryptionKey), shopDomain(DEMO_SHOP.myshopifyDomain), {
    kind: "http",
    url: erp.url,
    secret: erp.apiKey,
  });
  await db.shopSettings.create({ data: { shop: DEMO_SHOP.myshopifyDomain, ordersToErp: "all" } });
});

afterAll(async () => {
  if (server?.exitCode === null) {
    const closed = new Promise((resolve) => server.stdout?.once("close", resolve));
    process.kill(-server.pid!, "SIGINT");
    await closed;
  }
  await emulator?.close();
  await erp?.close();
  await db?.$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the production build", () => {
  it("serves the embedded app with Shopify's App Bridge and the shop's own Admin API, whatever the environment says", async () => {
    const token = mintSessionToken({ shop: DEMO_SHOP.myshopifyDomain, apiKey: identity.apiKey, userId: "1" }, identity.apiSecret);
    const response = await fetch(appLaunchUrl(appUrl, DEMO_SHOP.myshopifyDomain, token), { headers: { "User-Agent": CHROME_USER_AGENT } });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("https://cdn.shopify.com/shopifycloud/app-bridge.js");
    expect(html).not.toContain("/sandbox/app-bridge.js");
    expect(response.headers.get("link")).toContain("cdn.shopify.com");
    expect(response.headers.get("content-security-policy")).not.toContain(emulator.url);
    // The store is asked at https://ponte-demo.myshopify.com, unreachable here, never at the emulator.
    expect(html).toContain("Unreachable");
    expect(html).not.toContain("Ponte Demo Store</");
  });

  it("refuses to start without the app's configuration, naming what is missing", () => {
    const env = { ...process.env, PONTE_DATA_DIR: dataDir, SHOPIFY_API_KEY: "", SHOPIFY_API_SECRET: "", PONTE_ENCRYPTION_KEY: "" };
    const result = spawnSync("npm", ["start"], { cwd: root, env, encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/SHOPIFY_API_KEY is required/);
    expect(result.stderr).toMatch(/PONTE_ENCRYPTION_KEY is required/);
  });

  it("restarts a worker killed with kill -9 mid-export: the app keeps answering and the new worker books the order once", async () => {
    const shop = shopDomain(DEMO_SHOP.myshopifyDomain);
    const first = await waitFor(
      () => db.workerHeartbeat.findMany({ where: { stoppedAt: null } }),
      (rows) => rows.length === 1,
      60_000,
      "the first worker's heartbeat",
    );
    // The worker runs the JavaScript `npm run build` compiled, not TypeScript through tsx.
    const command = readFileSync(`/proc/${first[0]!.pid}/cmdline`, "utf8").split("\0");
    expect(command.some((arg) => arg.endsWith("build/production/worker/worker.mjs"))).toBe(true);
    expect(command).not.toContain("tsx");
    // With V8's heap growing by half its live size (WORKER_V8_FLAGS), so garbage does not set its peak memory.
    expect(command).toContain("--heap-growing-percent=50");
    // Its database work runs at its priority too: the embedded PostgreSQL's backends serving it are as nice as it is.
    const workerNiceness = os.getPriority(first[0]!.pid);
    expect(workerNiceness).toBeGreaterThanOrEqual(10);
    const nicenessOf = (pid: number) => {
      try {
        return os.getPriority(pid);
      } catch {
        return workerNiceness; // ended meanwhile
      }
    };
    await waitFor(
      () => db.$queryRaw<Array<{ pid: number }>>`select pid from pg_stat_activity where application_name = 'ponte-worker'`,
      (rows) => rows.length > 0 && rows.every((row) => nicenessOf(row.pid) === workerNiceness),
      30_000,
      "the worker's database backends at its niceness",
    );
    expect(output).toContain(`database backends serving workers run at niceness ${workerNiceness}`);
    const order = capturedOrders()[0]!.payload;
    const reference = `ponte-demo ${String(order.name)}`;
    // Each ERP call takes a second: the export is still under way when the worker dies.
    erp.faults.latencyMs = 1_000;
    const delivered = await fetch(
      signedWebhookRequest({ topic: "orders/create", shop, payload: order, secret: identity.apiSecret, url: `${appUrl}/webhooks/orders/create` }),
    );
    expect(delivered.status).toBe(200);
    await waitFor(
      () => db.orderExport.findFirst({ where: { shop } }),
      (row) => row !== null,
      60_000,
      "the export under way",
    );
    process.kill(first[0]!.pid, "SIGKILL");
    output += "\n[test] worker killed\n";

    // The app answers while the worker is down and after.
    const answer = await fetch(`${appUrl}/`, { headers: { "User-Agent": CHROME_USER_AGENT } });
    expect(answer.status).toBeLessThan(500);
    await waitFor(
      async () => output,
      (text) => /worker-1 exited unexpectedly \(signal SIGKILL\); restart 1 in 1 s/.test(text),
      20_000,
      "the supervisor's log line",
    );
    const second = await waitFor(
      () =>
        db.workerHeartbeat.findMany({ where: { stoppedAt: null, pid: { not: first[0]!.pid }, lastSeenAt: { gte: new Date(Date.now() - 10_000) } } }),
      (rows) => rows.length === 1,
      60_000,
      "a new worker",
    );
    erp.faults.latencyMs = 0;
    const exported = await waitFor(
      () => db.orderExport.findFirst({ where: { shop } }),
      (row) => row?.status === "exported",
      90_000,
      "the order exported by the new worker",
    );
    expect(exported?.erpReference).toBe(reference);
    expect([...erp.books.salesOrders.values()].filter((sale) => sale.reference === reference)).toHaveLength(1);
    expect(second[0]!.pid).not.toBe(first[0]!.pid);
    expect(server.exitCode).toBeNull();

    // The dashboard's Workers card counts the restart.
    const token = mintSessionToken({ shop, apiKey: identity.apiKey, userId: "1" }, identity.apiSecret);
    const html = await (await fetch(appLaunchUrl(appUrl, shop, token), { headers: { "User-Agent": CHROME_USER_AGENT } })).text();
    expect(html).toMatch(/worker-1 restarted 1 time, last at [\d:]+ \(signal SIGKILL\)/);
    console.log(
      `killed worker ${first[0]!.pid} mid-export; worker ${second[0]!.pid} took over; 1 sale ${reference} in the ERP; the app answered throughout`,
    );
  }, 240_000);
});
