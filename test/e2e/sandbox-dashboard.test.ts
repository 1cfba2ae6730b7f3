// GIVEN a fresh machine's first command, `npm run sandbox`
// WHEN a person opens the URL it prints, uses the dashboard by keyboard, stops it and starts it again
// THEN the embedded app shows the demo shop and the health of database and workers, and the data survives the restart
// AND WHEN its worker is killed and its ERP stops answering
// THEN the worker is started again and counted on the Workers card, and the ERP card says since when it is unavailable
//      and how many orders wait, until it answers again
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
  // The watch on an unavailable ERP asks every 2 s instead of 30.
  env = {
    PONTE_DATA_DIR: dataDir,
    PONTE_APP_PORT: String(await freePort()),
    PONTE_SHOPIFY_PORT: String(await freePort()),
    PONTE_ERP_PROBE_MS: "2000",
  };
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
    port: number;
    user: string;
    password: string;
    database: string;
  };
  return `postgresql://${settings.user}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${settings.database}`;
}

describe("the sandbox", () => {
  it("starts with one command and prints one local URL that shows the embedded dashboard", async () => {
    sandbox = await startSandbox(env);
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/store\/ponte-demo\/apps\/ponte$/);

    const { page, app } = await openDashboard(sandbox.url);
    // The app sits inside the admin frame and went through authenticate.admin with a real session token.
    const frameUrl = new URL(
      page
        .frames()
        .find((frame) => frame.name() === "app-iframe")!
        .url(),
    );
    expect(frameUrl.pathname).toBe("/app");
    expect(frameUrl.searchParams.get("id_token")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The access log names the request, never the token it carried.
    await expect.poll(() => sandbox!.output(), { timeout: 10_000 }).toMatch(/GET \/app 200/);
    expect(sandbox.output()).not.toContain(frameUrl.searchParams.get("id_token")!);
    expect(sandbox.output()).not.toMatch(/id_token=/);

    await app.getByText("Ponte Demo Store").waitFor();
    await app.getByText("ponte-demo.myshopify.com · Basic plan").waitFor();
    await app.getByText("EUR · Europe/Rome · 2 locations").waitFor();
    // The sandbox connects the demo shop to its ERP emulator; the POS is left to the merchant. The ERP card says what
    // was measured: "Connected" once the worker's first import has sent it the demo orders.
    await expect
      .poll(
        async () => {
          if ((await app.getByText("Connected", { exact: true }).count()) < 2) await page.reload();
          return app.getByText("Connected", { exact: true }).count();
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toBe(2);
    await app.getByText(/^Last answered \d\d:\d\d$/).waitFor();
    expect(await app.getByText("Not configured", { exact: true }).count()).toBe(1);
    await app.getByText("Embedded PostgreSQL").waitFor();
    await app.getByText("Healthy", { exact: true }).waitFor();
    await app.getByText(/^Version 17\.\d+ · answered in \d+ ms · \d+ migrations? applied$/).waitFor();
    // The worker's first heartbeat may land just after the page's first load.
    await expect
      .poll(
        async () => {
          if ((await app.getByText("1 running", { exact: true }).count()) === 0) await page.reload();
          return app.getByText("1 running", { exact: true }).count();
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toBe(1);

    // The worker's first reconciliation brings in the demo shop's orders and products.
    await expect
      .poll(
        async () => {
          if ((await app.getByText("3 orders and 5 products received from Shopify").count()) === 0) await page.reload();
          return app.getByText("3 orders and 5 products received from Shopify").count();
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toBe(1);

    // By keyboard only: Tab to "Check a worker", press Enter, read the answer.
    let focused = "";
    for (let presses = 0; presses < 40 && focused !== "Check a worker"; presses++) {
      await page.keyboard.press("Tab");
      focused =
        (await app
          .locator(":focus")
          .textContent({ timeout: 500 })
          .catch(() => "")) ?? "";
    }
    expect(focused).toBe("Check a worker");
    await page.keyboard.press("Enter");
    await app.getByText(/^A worker answered in \d+ ms \(/).waitFor({ timeout: 60_000 });

    await page.screenshot({ path: path.join(screenshots, "sandbox-dashboard.png"), fullPage: true });
    await page.close();
  });

  it("speaks the admin's language: Italian, Polish and Brazilian Portuguese on the menu and the dashboard, times in the shop's zone", async () => {
    const cases = [
      {
        locale: "it-IT",
        lang: "it",
        menu: ["Ordini", "Pianificazioni", "Registro attività"],
        words: ["Collegato", "Funzionante", "Verifica un processo"],
        stock: { menu: "Storico giacenze", words: ["Cerca", "Nessuna giacenza ancora inviata."] },
      },
      {
        locale: "pl-PL",
        lang: "pl",
        menu: ["Zamówienia", "Harmonogramy", "Historia stanów"],
        words: ["Połączono", "Działa", "Sprawdź proces roboczy"],
        stock: { menu: "Historia stanów", words: ["Szukaj", "Nie wysłano jeszcze stanów."] },
      },
      {
        locale: "pt-BR",
        lang: "pt-BR",
        menu: ["Pedidos", "Agendamentos", "Tabela de preços"],
        words: ["Conectado", "Funcionando", "Verificar um processo"],
        stock: { menu: "Histórico de estoque", words: ["Buscar", "Nenhum estoque enviado ainda."] },
      },
    ];
    for (const { locale, lang, menu, words, stock } of cases) {
      // The browser speaks the language; the admin stand-in passes it to the app as Shopify's `locale` parameter.
      const page = await browser.newPage({ userAgent: CHROME_USER_AGENT, viewport: { width: 1280, height: 860 }, locale });
      await page.goto(sandbox!.url);
      const app = page.frameLocator("#app-frame");
      await app.getByText(words[2]!, { exact: true }).waitFor({ timeout: 60_000 });
      expect(await app.locator("html").getAttribute("lang")).toBe(lang);
      for (const name of menu) await page.locator("#app-menu").getByRole("link", { name, exact: true }).waitFor();
      for (const word of words) expect(await app.getByText(word, { exact: true }).count(), `${locale}: ${word}`).toBeGreaterThan(0);
      // The times' zone is said once, under the title; no English is left in the dashboard's own words.
      await app
        .getByText(/Europe\/Rome/)
        .first()
        .waitFor();
      const text = (await app.locator("body").innerText()).replace(/\s+/g, " ");
      for (const english of [
        "Connected",
        "Healthy",
        "Check a worker",
        "Store sync",
        "Workers",
        "Last answered",
        "received from Shopify",
        "Dashboard",
      ])
        expect(text, `${locale} still shows "${english}"`).not.toContain(english);
      await page.screenshot({ path: path.join(screenshots, `sandbox-dashboard-${lang}.png`), fullPage: true });
      // The app's own links do not carry `locale`: the language is remembered as the merchant moves on.
      await page.locator("#app-menu").getByRole("link", { name: stock.menu, exact: true }).click();
      await app.getByRole("heading", { name: stock.menu, level: 1 }).waitFor({ timeout: 30_000 });
      expect(await app.locator("html").getAttribute("lang")).toBe(lang);
      for (const word of stock.words) await app.getByText(word, { exact: true }).first().waitFor();
      await page.screenshot({ path: path.join(screenshots, `sandbox-stock-history-${lang}.png`), fullPage: true });
      await page.close();
    }
  });

  it("starts a killed worker again and counts it; says when the ERP stopped answering and how many orders wait", async () => {
    const client = new pg.Client({ connectionString: embeddedDatabaseUrl() });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>(
      `select pid from "WorkerHeartbeat" where "stoppedAt" is null order by "lastSeenAt" desc limit 1`,
    );
    process.kill(rows[0]!.pid, "SIGKILL");
    await expect.poll(() => sandbox!.output(), { timeout: 20_000 }).toMatch(/worker exited unexpectedly \(signal SIGKILL\); restart 1 in 1 s/);
    await expect
      .poll(
        async () =>
          (
            await client.query(
              `select count(*)::int as n from "WorkerHeartbeat" where "stoppedAt" is null and pid <> $1 and "lastSeenAt" > now() - interval '10 seconds'`,
              [rows[0]!.pid],
            )
          ).rows[0].n,
        { timeout: 60_000 },
      )
      .toBe(1);

    const erpUrl = sandbox!.output().match(/ERP emulator on (\S+)/)![1]!;
    const shopifyUrl = sandbox!.output().match(/Shopify emulator on (\S+)/)![1]!;
    await fetch(`${erpUrl}/_control/faults`, { method: "POST", body: JSON.stringify({ down: true }) });
    for (const n of [1, 2]) {
      await fetch(`${shopifyUrl}/_control/shops/ponte-demo.myshopify.com/orders`, {
        method: "POST",
        body: JSON.stringify({
          customer: { email: `rossi${n}@example.it`, firstName: "Marta", lastName: "Rossi" },
          lines: [{ sku: "MOKA-3", title: "Moka 3 tazze", quantity: 1, price: "29.00" }],
          financialStatus: "PAID",
        }),
      });
    }
    await expect
      .poll(async () => (await client.query(`select count(*)::int as n from "OrderExport" where status = 'retrying'`)).rows[0].n, { timeout: 60_000 })
      .toBe(2);

    const { page, app } = await openDashboard(sandbox!.url);
    await app.getByText("Unavailable", { exact: true }).waitFor();
    await app.getByText(/^Unavailable since \d\d:\d\d, 2 orders waiting$/).waitFor();
    await app.getByText(/^worker restarted 1 time, last at [\d:]+ \(signal SIGKILL\)$/).waitFor();
    // The killed worker is no longer listed: only its successor runs.
    await app.getByText("1 running", { exact: true }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-dashboard-erp-down-worker-restarted.png"), fullPage: true });

    // The ERP answers again: the watch sends the two orders, and the card is well again.
    await fetch(`${erpUrl}/_control/faults`, { method: "POST", body: JSON.stringify({ down: false }) });
    await expect
      .poll(async () => (await client.query(`select count(*)::int as n from "OrderExport" where status = 'retrying'`)).rows[0].n, { timeout: 90_000 })
      .toBe(0);
    await client.end();
    await expect
      .poll(
        async () => {
          await page.reload();
          await app.getByRole("heading", { name: "Ponte", level: 1 }).waitFor({ timeout: 60_000 });
          return app.getByText("Unavailable", { exact: true }).count();
        },
        { timeout: 30_000, interval: 2000 },
      )
      .toBe(0);
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

    // Shopify's side came back too: the demo order keeps its date, and the next order takes the next number and exports.
    const shopifyUrl = sandbox.output().match(/Shopify emulator on (\S+)/)![1]!;
    const db = new pg.Client({ connectionString: embeddedDatabaseUrl() });
    await db.connect();
    try {
      const known = await db.query<{ orderId: string; createdAt: string }>(
        `select "orderId", "order"->>'createdAt' as "createdAt" from "OrderSnapshot" where name = '#1001'`,
      );
      const demo = (await (
        await fetch(`${shopifyUrl}/_control/shops/ponte-demo.myshopify.com/orders/${/(\d+)$/.exec(known.rows[0]!.orderId)![1]}`)
      ).json()) as {
        created_at: string;
      };
      expect(new Date(demo.created_at).toISOString()).toBe(known.rows[0]!.createdAt);
      const highest = await db.query<{ n: number }>(`select max(substring(name from 2)::int) as n from "OrderSnapshot"`);
      const created = (await (
        await fetch(`${shopifyUrl}/_control/shops/ponte-demo.myshopify.com/orders`, {
          method: "POST",
          body: JSON.stringify({
            customer: { email: "bianchi@example.it", firstName: "Luca", lastName: "Bianchi" },
            lines: [{ sku: "MOKA-3", title: "Moka 3 tazze", quantity: 1, price: "29.00" }],
            financialStatus: "PAID",
          }),
        })
      ).json()) as { legacyResourceId: number; name: string };
      expect(created.name).toBe(`#${highest.rows[0]!.n + 1}`);
      await expect
        .poll(
          async () =>
            (
              await db.query(`select status from "OrderExport" where "orderId" in ($1, $2)`, [
                String(created.legacyResourceId),
                `gid://shopify/Order/${created.legacyResourceId}`,
              ])
            ).rows[0]?.status,
          { timeout: 60_000, interval: 1000 },
        )
        .toBe("exported");
    } finally {
      await db.end();
    }
  });
});
