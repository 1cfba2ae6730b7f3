// GIVEN the production build (`npm run build`) started with `npm start` on the embedded database
// WHEN every sandbox switch is set in its environment
// THEN none takes effect: App Bridge comes from Shopify's CDN and the Admin API is the shop's own
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

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "ponte-production-"));
chmodSync(dataDir, 0o755);
const identity = { apiKey: "prod-test-key", apiSecret: randomBytes(16).toString("hex"), encryptionKey: randomBytes(32).toString("base64") };

let emulator: ShopifyEmulator;
let appUrl: string;
let output = "";
let server: ReturnType<typeof spawn>;

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
      // Every sandbox switch, which a production build must ignore:
      PONTE_SANDBOX: "1",
      PONTE_SANDBOX_SHOPIFY_URL: emulator.url,
    },
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(async () => output, (text) => /Ponte is serving on port/.test(text) || server.exitCode !== null, 180_000, "npm start");
  expect(output).toMatch(/Ponte is serving on port/);

  const settings = JSON.parse(readFileSync(path.join(dataDir, "postgres", "embedded-database.json"), "utf8"));
  const db = createPrismaClient(`postgresql://${settings.user}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${settings.database}`);
  await seedSandbox(db, identity.encryptionKey, DEMO_SHOP);
  await db.$disconnect();
});

afterAll(async () => {
  if (server?.exitCode === null) {
    const closed = new Promise((resolve) => server.stdout?.once("close", resolve));
    process.kill(-server.pid!, "SIGINT");
    await closed;
  }
  await emulator?.close();
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
});
