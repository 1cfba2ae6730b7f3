// GIVEN a fresh machine's first command, `npm run sandbox`
// WHEN a person opens the URL it prints, uses the dashboard by keyboard, stops it and starts it again
// THEN the embedded app shows the demo shop and the health of database and workers, and the data survives the restart
import type { Environment } from "../../app/services/config/environment";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/services/database/embedded-database.server";
import { CHROME_USER_AGENT, launchChromium } from "../support/browser";
import { portAnswers } from "../support/ports";
import { startSandbox, type SandboxProcess } from "../support/sandbox-process";

const root = path.resolve(import.meta.dirname, "../..");
const screenshots = path.join(root, "test-results");
const dataDir = mkdtempSync(path.join(tmpdir(), "ponte-sandbox-e2e-"));
chmodSync(dataDir, 0o755);

let browser: Browser;
let sandbox: SandboxProcess | undefined;
let env: Environment;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  env = { PONTE_DATA_DIR: dataDir, PONTE_APP_PORT: String(await freePort()), PONTE_SHOPIFY_PORT: String(await freePort()) };
  browser = await launchChromium();
});

afterAll(async () => {
  await sandbox?.interrupt();
  await browser?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openDashboard(url: string): Promise<{ page: Page; app: FrameLocator }> {
  const page = await browser.newPage({ userAgent: CHROME_USER_AGENT, viewport: { width: 1280, height: 860 } });
  await page.goto(url);
  const app = page.frameLocator("#app-frame");
  await app.getByRole("heading", { name: "Ponte", level: 1 }).waitFor({ timeout: 60_000 });
  return { page, app };
}

function embeddedDatabaseUrl(): string {
  const settings = JSON.parse(readFileSync(path.join(dataDir, "postgres", "embedded-database.json"), "utf8")) as {
    port: number; user: string; password: string; database: string;
  };
  return `postgresql://${settings.user}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${settings.database}`;
}


describe("the sandbox", () => {
  it("starts with one command and prints one local URL that shows the embedded dashboard", async () => {
    sandbox = await startSandbox(env);
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/store\/ponte-demo\/apps\/ponte$/);

    const { page, app } = await openDashboard(sandbox.url);
    // The app sits inside the admin frame and went through authenticate.admin with a real session token.
    const frameUrl = new URL(page.frames().find((frame) => frame.name() === "app-iframe")!.url());
    expect(frameUrl.pathname).toBe("/app");
    expect(frameUrl.searchParams.get("id_token")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    await app.getByText("Ponte Demo Store").waitFor();
    await app.getByText("ponte-demo.myshopify.com · Basic plan").waitFor();
    await app.getByText("EUR · Europe/Rome · 2 locations").waitFor();
    expect(await app.getByText("Connected", { exact: true }).count()).toBe(1);
    // The sandbox connects the demo shop to its ERP emulator; the POS is left to the merchant.
    expect(await app.getByText("Configured", { exact: true }).count()).toBe(1);
    expect(await app.getByText("Not configured", { exact: true }).count()).toBe(1);
    await app.getByText("Embedded PostgreSQL").waitFor();
    await app.getByText("Healthy", { exact: true }).waitFor();
    await app.getByText(/^Version 17\.\d+ · answered in \d+ ms · \d+ migrations? applied$/).waitFor();
    // The worker's first heartbeat may land just after the page's first load.
    await expect.poll(async () => {
      if ((await app.getByText("1 running", { exact: true }).count()) === 0) await page.reload();
      return app.getByText("1 running", { exact: true }).count();
    }, { timeout: 60_000, interval: 2000 }).toBe(1);

    // The worker's first reconciliation brings in the demo shop's orders and products.
    await expect.poll(async () => {
      if ((await app.getByText("3 orders and 5 products received from Shopify").count()) === 0) await page.reload();
      return app.getByText("3 orders and 5 products received from Shopify").count();
    }, { timeout: 60_000, interval: 2000 }).toBe(1);

    // By keyboard only: Tab to "Check a worker", press Enter, read the answer.
    let focused = "";
    for (let presses = 0; presses < 40 && focused !== "Check a worker"; presses++) {
      await page.keyboard.press("Tab");
      focused = (await app.locator(":focus").textContent({ timeout: 500 }).catch(() => "")) ?? "";
    }
    expect(focused).toBe("Check a worker");
    await page.keyboard.press("Enter");
    await app.getByText(/^A worker answered in \d+ ms \(/).waitFor({ timeout: 60_000 });

    await page.screenshot({ path: path.join(screenshots, "sandbox-dashboard.png"), fullPage: true });
    await page.close();
  });

  it("stops cleanly on Ctrl-C, with the database stopped last", async () => {
    const databasePort = new URL(embeddedDatabaseUrl()).port;
    await sandbox!.interrupt();
    const output = sandbox!.output();
    sandbox = undefined;
    expect(output).not.toMatch(/exited with code/);
    expect(output).toMatch(/worker .* stopped/);
    expect(output).toMatch(/embedded PostgreSQL stopped[\s\S]*\[sandbox\] stopped/);
    expect(await portAnswers(Number(databasePort))).toBe(false);
  });

  it("keeps its data when started again", async () => {
    sandbox = await startSandbox(env);
    expect(sandbox.output()).toMatch(/sandbox build is up to date/);
    expect(sandbox.output()).not.toMatch(/initialising embedded PostgreSQL/);

    const client = new pg.Client({ connectionString: embeddedDatabaseUrl() });
    await client.connect();
    const probes = await client.query("select count(*)::int as n from \"WorkerProbeRun\" where shop = 'ponte-demo.myshopify.com'");
    await client.end();
    expect(probes.rows[0].n).toBe(1);

    const { page, app } = await openDashboard(sandbox.url);
    await app.getByText("Ponte Demo Store").waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-dashboard-after-restart.png"), fullPage: true });
    await page.close();
  });
});
