// GIVEN the sandbox, and a merchant whose Shopify admin speaks Italian or Brazilian Portuguese
// (Polish too) WHEN they open every page of Ponte from the admin's menu, and a run's page
// THEN every page speaks their language: no sentence of Ponte's English is left on it (names and data aside),
//      and a screenshot of each is kept (test-results/lang-<language>-<page>.png)
// AND WHEN an Italian merchant adds a price rule of 12,5 % and a schedule at 9.30, in Italian
// THEN both are saved as typed: the rule reads "+ 12,5 %" (and a rule below it is said never to apply), the schedule
//      runs at 09:30 in the shop's zone
// AND the schedules table at 1280 px keeps every action inside its card
import type { Environment } from "../../app/services/config/environment";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../app/services/database/embedded-database.server";
import { createI18n } from "../../app/i18n/i18n";
import type { Locale } from "../../app/i18n/locales";
import { CHROME_USER_AGENT, launchChromium } from "../support/browser";
import { startSandbox, type SandboxProcess } from "../support/sandbox-process";
import { englishLeft } from "../support/english-left";
import { processWholeReturn, shipAndReturnFirstLine, type AdminGraphql } from "../support/shopify-returns";
import { DEMO_SHOP } from "../../emulators/shopify/state";

const root = path.resolve(import.meta.dirname, "../..");
const screenshots = path.join(root, "test-results");
const dataDir = mkdtempSync(path.join(tmpdir(), "ponte-languages-e2e-"));
chmodSync(dataDir, 0o755);

let browser: Browser;
let sandbox: SandboxProcess | undefined;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const env: Environment = {
    PONTE_DATA_DIR: dataDir,
    PONTE_APP_PORT: String(await freePort()),
    PONTE_SHOPIFY_PORT: String(await freePort()),
    PONTE_ERP_PORT: String(await freePort()),
    PONTE_CASSA_PORT: String(await freePort()),
  };
  sandbox = await startSandbox(env);
  browser = await launchChromium();
  // A refund on a demo order, so that the Orders page shows one (its line, its state) in each language.
  await refundFirstDemoOrder(`http://127.0.0.1:${env.PONTE_SHOPIFY_PORT}`);
  // And an exchange on another, so that a return with its new items shows in each language too.
  await exchangeOnDemoOrder(`http://127.0.0.1:${env.PONTE_SHOPIFY_PORT}`);
});

/** Ships the first demo order and exchanges its first line for a new product, processed (the sandbox records it). */
async function exchangeOnDemoOrder(shopifyUrl: string): Promise<void> {
  const graphql: AdminGraphql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const answer = await fetch(`${shopifyUrl}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": DEMO_SHOP.accessToken },
      body: JSON.stringify({ query, variables }),
    });
    return ((await answer.json()) as { data: T }).data;
  };
  const product = (await (
    await fetch(`${shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/products`, {
      method: "POST",
      body: JSON.stringify({ title: "Moka 6 tazze", variants: [{ sku: "MOKA-6-LANG", price: "39.00" }] }),
    })
  ).json()) as { variants: Array<{ id: string }> };
  // The first demo order: the one exported (the others wait for payment or were cancelled).
  const { orders } = await graphql<{ orders: { nodes: Array<{ id: string }> } }>("{ orders(first: 1) { nodes { id } } }");
  const made = await shipAndReturnFirstLine(graphql, orders.nodes[0]!.id, product.variants[0]!.id);
  await processWholeReturn(graphql, made);
}

async function refundFirstDemoOrder(shopifyUrl: string): Promise<void> {
  const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
    const answer = await fetch(`${shopifyUrl}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": DEMO_SHOP.accessToken },
      body: JSON.stringify({ query, variables }),
    });
    return ((await answer.json()) as { data: Record<string, unknown> }).data;
  };
  const { orders } = (await graphql(`
    {
      orders(first: 1) {
        nodes {
          id
          lineItems(first: 1) {
            nodes {
              id
            }
          }
        }
      }
    }
  `)) as {
    orders: { nodes: Array<{ id: string; lineItems: { nodes: Array<{ id: string }> } }> };
  };
  const order = orders.nodes[0]!;
  const { refundCreate } = (await graphql(
    `
      mutation R($input: RefundInput!) {
        refundCreate(input: $input) {
          userErrors {
            message
          }
        }
      }
    `,
    {
      input: {
        orderId: order.id,
        refundLineItems: [{ lineItemId: order.lineItems.nodes[0]!.id, quantity: 1, restockType: "NO_RESTOCK" }],
        transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "1.00" }],
      },
    },
  )) as { refundCreate: { userErrors: unknown[] } };
  expect(refundCreate.userErrors).toEqual([]);
}

afterAll(async () => {
  await sandbox?.interrupt();
  await browser?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The demo shop's own names: data, whatever the language. */
const NAMES = ["Ponte Demo", "Milano", "Torino", "Roma", "Cassa in Cloud", "Tryton", "Europe/Rome", "HTTP"];

const PAGES = ["orders", "erp", "pos", "catalog", "stock", "prices", "jobs", "schedules", "activity"] as const;

async function openAdmin(locale: string, width = 1280): Promise<{ page: Page; app: FrameLocator }> {
  const page = await browser.newPage({ userAgent: CHROME_USER_AGENT, viewport: { width, height: 900 }, locale });
  await page.goto(sandbox!.url);
  const app = page.frameLocator("#app-frame");
  await app.locator("h1").first().waitFor({ timeout: 60_000 });
  return { page, app };
}

async function visibleText(app: FrameLocator): Promise<string> {
  return app.locator("body").innerText();
}

describe("every page in the merchant's language", () => {
  for (const [browserLocale, language] of [
    ["it-IT", "it"],
    ["pt-BR", "pt-BR"],
    ["pl-PL", "pl"],
  ] as const) {
    it(`speaks ${language} on every page and on a run's page, with no English left`, async () => {
      const { t } = createI18n(language as Locale);
      const { page, app } = await openAdmin(browserLocale);
      const leftovers: Record<string, string[]> = {};
      const check = async (name: string) => {
        // Let the page settle (its data loaded, its polling answered) before reading it.
        await page.waitForTimeout(500);
        const text = await visibleText(app);
        const left = englishLeft(text, language, NAMES);
        if (left.length) leftovers[name] = left;
        await page.screenshot({ path: path.join(screenshots, `lang-${language}-${name}.png`), fullPage: true });
      };
      expect(await app.locator("html").getAttribute("lang")).toBe(language);
      await check("dashboard");
      for (const name of PAGES) {
        await page
          .locator("#app-menu")
          .getByRole("link", { name: t(`nav.${name}`), exact: true })
          .click();
        await app.getByRole("heading", { name: t(`${name === "stock" ? "stockHistory" : name}.title`), level: 1 }).waitFor({ timeout: 30_000 });
        await check(name);
      }
      // The import of the store's products into the ERP, opened from the ERP page: its preview.
      await page
        .locator("#app-menu")
        .getByRole("link", { name: t("nav.erp"), exact: true })
        .click();
      await app.getByRole("link", { name: t("erpImport.erpCard.open") }).click({ timeout: 30_000 });
      await app.getByRole("heading", { name: t("erpImport.title"), level: 1 }).waitFor({ timeout: 30_000 });
      await app.getByRole("heading", { name: t("erpImport.preview.title") }).waitFor({ timeout: 30_000 });
      await check("erp-import");
      // A run's page: Import orders started by its play button on Jobs, followed to its end.
      await page
        .locator("#app-menu")
        .getByRole("link", { name: t("nav.jobs"), exact: true })
        .click();
      const kind = t("runs.kind.import-orders");
      await app.getByRole("button", { name: t("jobs.runNow", { name: kind }) }).click();
      await app.getByRole("link", { name: t("jobs.followRun") }).click({ timeout: 30_000 });
      await app.getByRole("heading", { name: kind, level: 1 }).waitFor({ timeout: 30_000 });
      const progress = app.getByRole("progressbar", { name: t("runs.page.progressOf", { name: kind }) });
      await expect.poll(() => progress.getAttribute("aria-valuenow"), { timeout: 60_000 }).toBe("100");
      await check("run");

      // Shopify's page of the demo order that went to the ERP, with Ponte's block in the same language.
      await page
        .locator("#app-menu")
        .getByRole("link", { name: t("nav.orders"), exact: true })
        .click();
      const exported = app.getByRole("row").filter({ hasText: t("orders.state.exported") });
      await exported.first().waitFor({ timeout: 30_000 });
      await exported.first().getByRole("link").first().click();
      const block = page.frameLocator("iframe.block").locator("body");
      await block.getByRole("region").getByText(t("orders.state.exported"), { exact: true }).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      const blockText = await block.innerText();
      const leftInBlock = englishLeft(blockText, language, NAMES);
      if (leftInBlock.length) leftovers["order-block"] = leftInBlock;
      await page.screenshot({ path: path.join(screenshots, `lang-${language}-order-block.png`), fullPage: true });
      await page.close();
      expect(leftovers, `English left on the ${language} pages`).toEqual({});
    });
  }

  it("takes an Italian price of 12,5 % and a schedule at 9.30, and keeps every schedule action inside the card at 1280 px", async () => {
    const { t } = createI18n("it");
    const { page, app } = await openAdmin("it-IT", 1280);
    await page
      .locator("#app-menu")
      .getByRole("link", { name: t("nav.prices"), exact: true })
      .click();
    await app.getByLabel(t("prices.add.amount"), { exact: true }).fill("12,5");
    await app.getByRole("button", { name: t("prices.add.submit") }).click();
    await app
      .getByRole("list", { name: t("prices.rules.label") })
      .getByText("Tutti i prodotti: prezzo di listino + 12,5 %")
      .waitFor({ timeout: 30_000 });
    // A rule below one that covers every product can never apply: the list says so.
    await app.getByLabel(t("prices.add.appliesTo"), { exact: true }).selectOption("vendor");
    await app.getByLabel(t("prices.scope.vendor"), { exact: true }).fill("Torrefazione Roma");
    await app.getByLabel(t("prices.add.amount"), { exact: true }).fill("-1,50");
    await app.getByRole("button", { name: t("prices.add.submit") }).click();
    await app.getByText(t("prices.rules.shadowed")).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "lang-it-prices-rules.png"), fullPage: true });

    await page
      .locator("#app-menu")
      .getByRole("link", { name: t("nav.schedules"), exact: true })
      .click();
    await app
      .getByRole("button", { name: t("schedules.create") })
      .first()
      .click();
    // A long name: the actions must still fit.
    const name = "Importazione ordini e stati della sera per tutti i punti vendita";
    await app.getByLabel(t("schedules.form.name"), { exact: true }).fill(name);
    await app.getByLabel(t("runs.kind.import-orders"), { exact: true }).check();
    await app.getByLabel(t("schedules.form.times"), { exact: true }).fill("9.30");
    const preview = app.getByRole("list", { name: t("schedules.form.nextTen") }).getByRole("listitem");
    await expect.poll(() => preview.count()).toBe(10);
    for (const text of await preview.allTextContents()) expect(text).toMatch(/09:30$/);
    await app.getByRole("button", { name: t("schedules.form.saveNew") }).click();
    const row = app.getByRole("row").filter({ hasText: name });
    await row.getByText("Ogni giorno alle 09:30").waitFor({ timeout: 30_000 });

    // Every action of the row is inside the table's card, none past its right edge.
    const card = await app.locator(".Polaris-IndexTable").first().boundingBox();
    for (const label of [t("schedules.runNow"), t("schedules.edit"), t("schedules.disable"), t("schedules.delete")]) {
      const button = await row
        .getByRole("button", { name: new RegExp(label) })
        .first()
        .boundingBox();
      expect(button, label).not.toBeNull();
      expect(button!.x + button!.width, `${label} inside the card`).toBeLessThanOrEqual(card!.x + card!.width + 1);
    }
    await page.screenshot({ path: path.join(screenshots, "lang-it-schedules-1280.png"), fullPage: true });
    await page.close();
  });
});
