// GIVEN `npm run sandbox` with the Cassa in Cloud and ERP emulators
// WHEN a merchant pastes the POS key and orders the sale points, runs the first product sync and a stock push,
//      keeps a price list, and takes stock from the ERP's warehouses instead
// THEN the POS page unlocks the sale points for a good key only and keeps their order and switches; the Catalog
//      page goes from red to green; the stock history shows the summed stock; prices change in Shopify as
//      previewed; the ERP's warehouse stock reaches Shopify
import path from "node:path";
import type { FrameLocator, Page, Route } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CASSA_API_KEY } from "../../emulators/cassa/demo-account";
import { screenshots, useAdminWalk } from "../support/admin-walk";
import { DEMO_SHOP } from "../../emulators/shopify/state";

const walk = useAdminWalk("pos-catalog-prices");
const { shopifyPrice, tabTo, waitOrDebug, follow, openFromAdminNav } = walk;
let page: Page;
let app: FrameLocator;
beforeAll(() => {
  ({ page, app } = walk);
});

describe("the POS, Catalog, Stock history and Price list pages", () => {
  it("unlocks the sale points with a good key only, and keeps their order changed by drag and drop and by keyboard, and their switches, after a reload", async () => {
    await openFromAdminNav("POS", "POS");
    await app.getByText("Sale points appear once a valid API key is saved.").waitFor();
    // No key typed: nothing is sent, and the field says so.
    await app.getByRole("button", { name: "Update data" }).click();
    await app.getByText("Paste the Cassa in Cloud API key first.").waitFor({ timeout: 30_000 });
    expect(await app.getByText("Cassa in Cloud did not accept the key").count()).toBe(0);

    await app.getByLabel("API key").fill("not-a-cassa-key");
    await app.getByRole("button", { name: "Update data" }).click();
    await app.getByText("Cassa in Cloud did not accept the key").waitFor({ timeout: 30_000 });
    await app.getByText(/refused the API key/).waitFor();
    expect(await app.locator("li[data-sale-point]").count()).toBe(0);

    await app.getByLabel("API key").fill(SANDBOX_CASSA_API_KEY);
    await app.getByRole("button", { name: "Update data" }).click();
    await app.getByText("3 sale points found.").waitFor({ timeout: 60_000 });
    const order = () => app.locator("li[data-sale-point]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-sale-point")));
    await expect.poll(order, { timeout: 30_000 }).toEqual(["101", "102", "103"]);

    // Each change is saved at once; the list counts the saves it has finished.
    const saves = (count: number) => app.locator(`ol[data-saved="${count}"]`).waitFor({ timeout: 30_000 });
    // Drag Roma Prati onto the first place.
    await app.locator('li[data-sale-point="103"]').dragTo(app.locator('li[data-sale-point="101"]'));
    await saves(1);
    await expect.poll(order).toEqual(["103", "101", "102"]);
    // By keyboard: Torino up one place, with the change announced.
    await tabTo(/Move Torino Centro up/);
    await page.keyboard.press("Enter");
    await saves(2);
    await app.getByText("Torino Centro is now number 2 of 3").waitFor();
    await expect.poll(order).toEqual(["103", "102", "101"]);
    // And switch Milano off, by keyboard.
    await app.getByLabel("Active: Milano Brera").focus();
    await page.keyboard.press("Space");
    await saves(3);
    await app.getByRole("listitem").filter({ hasText: "Milano Brera" }).getByText("Off", { exact: true }).waitFor();

    await page.reload();
    await app.getByRole("heading", { name: "Ponte", level: 1 }).waitFor({ timeout: 60_000 });
    await openFromAdminNav("POS", "POS");
    await expect.poll(order, { timeout: 30_000 }).toEqual(["103", "102", "101"]);
    expect(await app.getByLabel("Active: Milano Brera").isChecked()).toBe(false);
    expect(await app.getByLabel("Active: Roma Prati").isChecked()).toBe(true);
    await app.getByText("1. Roma Prati").waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-pos-page.png"), fullPage: true });
    // With a POS connected, the Jobs page offers the job that sends orders to it.
    await openFromAdminNav("Jobs", "Jobs");
    await app
      .getByRole("row")
      .filter({ has: app.getByText("Send orders to POS", { exact: true }) })
      .waitFor({ timeout: 30_000 });

    // A new paid order of 8 kg of beans goes to the sale points in their order: Roma Prati has 6, Torino Centro the
    // other 2 (Milano Brera is off). The Orders page shows the two POS orders, one per sale point.
    const placed = await walk.post(`${walk.shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      customer: { email: "giulia@example.it", firstName: "Giulia", lastName: "Neri" },
      lines: [{ sku: "CAF-GRANI-1KG", title: "Caffè in grani 1 kg", quantity: 8, price: "18.90" }],
    });
    await openFromAdminNav("Orders", "Orders");
    await app.getByLabel("Search orders").fill(String(placed.name));
    await page.keyboard.press("Enter");
    const row = app.getByRole("row").filter({ hasText: String(placed.name) });
    await waitOrDebug(row.getByText(/^Roma Prati: POS order \S+ \(6 items\)$/), "orders-pos", 90_000);
    await row.getByText(/^Torino Centro: POS order \S+ \(2 items\)$/).waitFor();
    await row.getByText("Sent", { exact: true }).waitFor();
    // Its number opens it in the Shopify admin (App Bridge's shopify://admin link).
    expect(await row.getByRole("link", { name: `Open order ${String(placed.name)} in Shopify` }).getAttribute("href")).toMatch(
      /^shopify:\/\/admin\/orders\/\d+$/,
    );
    await page.screenshot({ path: path.join(screenshots, "sandbox-orders-pos.png"), fullPage: true });
  });

  it("runs the first product sync from the Catalog page (red banner, then green), pushes stock, and shows it in the stock history", async () => {
    await openFromAdminNav("Catalog", "Catalog");
    await waitOrDebug(app.getByText("First product sync not completed"), "catalog-first-sync-pending", 30_000);
    // Milano shows the sum of the active sale points' stock (chosen from the keyboard), Torino the Torino sale point's.
    await app.getByLabel("Milano Centro", { exact: true }).focus();
    await app.getByLabel("Milano Centro", { exact: true }).selectOption("sum");
    await app.getByLabel("Torino Porta Nuova", { exact: true }).selectOption("102");
    await expect.poll(() => app.getByLabel("Torino Porta Nuova", { exact: true }).inputValue(), { timeout: 30_000 }).toBe("102");
    // Every write in bulk, however few: the sync below goes through Shopify's bulk operations. A wrong number is refused.
    await app.getByLabel("Send in bulk above").fill("-1");
    await app.getByLabel("Send in bulk above").press("Enter");
    await app.getByText("Send in bulk above: give 0 or more products").waitFor({ timeout: 30_000 });
    await app.getByLabel("Send in bulk above").fill("0");
    await app.getByLabel("Send in bulk above").press("Enter");
    await waitOrDebug(app.getByText("Saved."), "catalog-bulk-saved", 30_000);
    await page.screenshot({ path: path.join(screenshots, "sandbox-catalog-first-sync-pending.png"), fullPage: true });
    // The POS offers a product Shopify does not sell, in a store past Shopify's threshold whose new variants for the
    // day are used up: the sync links the rest and waits for Shopify's daily limit, it does not fail.
    await walk.post(`${walk.cassaUrl}/_control/products`, { sku: "ZUC-LIMIT-1", description: "Zucchero del giorno dopo", price: 2.5 });
    await walk.post(`${walk.shopifyUrl}/_control/shops/ponte-demo.myshopify.com/variant-limit`, { threshold: 0, perDay: 0, newDay: true });
    await app.getByRole("button", { name: "Start first product sync" }).click();
    await follow("Follow the run", "Product sync");
    await app.getByRole("heading", { name: "Product sync", level: 1 }).waitFor({ timeout: 30_000 });
    await app.getByText("Waiting", { exact: true }).first().waitFor({ timeout: 90_000 });
    await app
      .getByRole("list", { name: "Run log" })
      .getByText(/Shopify did not make 1 product \(.*\): waiting; it goes on by itself after/)
      .waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-product-sync-waiting.png"), fullPage: true });
    await openFromAdminNav("Catalog", "Catalog");
    await app.getByText("First product sync waiting for Shopify's daily limit").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-catalog-first-sync-waiting.png"), fullPage: true });

    // The next day (here: the merchant resumes it once Shopify allows again), it creates the product and completes.
    await walk.post(`${walk.shopifyUrl}/_control/shops/ponte-demo.myshopify.com/variant-limit`, { threshold: 50_000, perDay: 1_000, newDay: true });
    await app.getByRole("button", { name: "Resume first product sync" }).click();
    await follow("Follow the run", "Product sync");
    await expect
      .poll(() => app.getByRole("progressbar", { name: "Product sync progress" }).getAttribute("aria-valuenow"), { timeout: 90_000 })
      .toBe("100");
    await app
      .getByRole("list", { name: "Run log" })
      .getByText(/Completed: \d+ read, \d+ linked, 1 created/)
      .waitFor();
    await app.getByRole("list", { name: "Run log" }).getByText("1 product to make in Shopify: more than 0, so they go in bulk operations.").waitFor();

    await openFromAdminNav("Catalog", "Catalog");
    await app.getByText("First product sync completed").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-catalog-first-sync-done.png"), fullPage: true });
    // The 5-minute stock push may have started on its own once the first sync completed: the button is then disabled
    // and the page links to that push instead (and the link goes once that push ends, so the button is pressed again).
    await follow("Follow the stock push", "Push stock", () =>
      app
        .getByRole("button", { name: "Push stock now" })
        .click({ timeout: 5_000 })
        .catch(() => {}),
    );
    await app.getByRole("heading", { name: "Push stock", level: 1 }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => app.getByRole("progressbar", { name: "Push stock progress" }).getAttribute("aria-valuenow"), { timeout: 90_000 })
      .toBe("100");

    await openFromAdminNav("Stock history", "Stock history");
    await app.getByLabel("SKU", { exact: true }).fill("CAF-GRANI");
    await page.keyboard.press("Enter");
    // The search applied: the other SKUs' changes are gone from the list.
    await expect.poll(() => app.getByRole("row").filter({ hasText: "MOKA-3" }).count(), { timeout: 30_000 }).toBe(0);
    // Caffè in grani: Torino 10 + Roma 6 = 16 at Milano Centro (Milano Brera was switched off above, so its 3 do
    // not count); Torino's own 10 at Torino Porta Nuova.
    const grani = app.getByRole("row").filter({ hasText: "CAF-GRANI-1KG" });
    await grani.filter({ hasText: "Milano Centro" }).getByText("16", { exact: true }).waitFor({ timeout: 30_000 });
    await grani.filter({ hasText: "Torino Porta Nuova" }).getByText("10", { exact: true }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-stock-history.png"), fullPage: true });

    // A full resync warns first; Cancel starts nothing.
    await openFromAdminNav("Catalog", "Catalog");
    await app.getByRole("button", { name: "Full resync…" }).click();
    await app.getByText("A full resync is long and heavy").waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-catalog-full-resync-warning.png"), fullPage: true });
    await app.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => app.getByText("A full resync is long and heavy").count()).toBe(0);
    await app.getByRole("button", { name: "Full resync…" }).click();
    await app.getByRole("button", { name: "Start full resync" }).click();
    await follow("Follow the full resync", "Full resync");
    await app
      .getByRole("heading", { name: "Full resync", level: 1 })
      .waitFor({ timeout: 60_000 })
      .catch(async (error: Error) => {
        await page.screenshot({ path: path.join(screenshots, "debug-full-resync.png"), fullPage: true });
        throw error;
      });
    await expect
      .poll(() => app.getByRole("progressbar", { name: "Full resync progress" }).getAttribute("aria-valuenow"), { timeout: 90_000 })
      .toBe("100");
    await app
      .getByRole("list", { name: "Run log" })
      .getByText(/Completed: \d+ read, \d+ updated/)
      .waitFor();
  });

  it("keeps a price list: adds a rule from the keyboard, previews what it changes, recalculates, and switches the rule off", async () => {
    await openFromAdminNav("Price list", "Price list");
    await app.getByText("No rule yet: products sell at the source's list price.").waitFor({ timeout: 30_000 });
    await app.getByLabel("Applies to", { exact: true }).selectOption("collection");
    await app.getByLabel("Collection", { exact: true }).fill("Colazione");
    await app.getByLabel("Amount", { exact: true }).fill("20");
    await app.getByLabel("Rounding", { exact: true }).selectOption("0.90");
    // Enter in the form adds the rule, as a keyboard user does.
    await app.getByLabel("Amount", { exact: true }).press("Enter");
    const rules = app.getByRole("list", { name: "Price rules" });
    await rules.getByText("Collection “Colazione”: list price + 20 %, rounded up to .90").waitFor({ timeout: 30_000 });

    await tabTo(/^ ?Preview changes/);
    await page.keyboard.press("Enter");
    // The demo shop's "Colazione" holds the coffee beans (18.90 at the POS) and the ground coffee (5.40).
    const beans = app.getByRole("row").filter({ hasText: "CAF-GRANI-1KG" });
    // Prices in the shop's currency, as the merchant's language writes them.
    await beans.getByText("€22.90", { exact: true }).waitFor({ timeout: 60_000 });
    await app.getByRole("row").filter({ hasText: "CAF-MOKA-250" }).getByText("€6.90", { exact: true }).waitFor();
    await app.getByText(/^2 prices would change/).waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-price-list-preview.png"), fullPage: true });

    // A heavy action asks first: the dialog's own button starts it.
    await follow("Follow the price recalculation", "Recalculate prices", async () => {
      await app
        .getByRole("button", { name: "Recalculate prices" })
        .first()
        .click({ timeout: 5_000 })
        .catch(() => {});
      await app
        .getByRole("dialog")
        .getByRole("button", { name: "Recalculate prices" })
        .click({ timeout: 5_000 })
        .catch(() => {});
    });
    await expect
      .poll(() => app.getByRole("progressbar", { name: "Recalculate prices progress" }).getAttribute("aria-valuenow"), { timeout: 90_000 })
      .toBe("100");
    await app
      .getByRole("list", { name: "Run log" })
      .getByText(/CAF-GRANI-1KG: 18\.90 → 22\.90/)
      .waitFor();
    expect(await shopifyPrice("CAF-GRANI-1KG")).toBe("22.90");

    await openFromAdminNav("Price list", "Price list");
    await rules.getByText("On", { exact: true }).waitFor({ timeout: 30_000 });
    await tabTo(/Switch off: Collection “Colazione”/);
    await page.keyboard.press("Enter");
    await rules.getByText("Off", { exact: true }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-price-list.png"), fullPage: true });
  });

  it("takes stock from the ERP's warehouses: the source switched, a location mapped to a warehouse, its stock pushed", async () => {
    await openFromAdminNav("Catalog", "Catalog");
    await app.getByLabel("Stock comes from", { exact: true }).selectOption("erp");
    // Once the choice is saved, the locations offer the ERP's warehouses instead of the sale points.
    const milano = app.getByLabel("Milano Centro", { exact: true });
    await expect
      .poll(() => milano.locator("option").allTextContents(), { timeout: 30_000 })
      .toEqual(["Not synced", "Magazzino Milano", "Magazzino Torino"]);
    await milano.selectOption("warehouse:WH-MI");
    await app.getByLabel("Torino Porta Nuova", { exact: true }).selectOption("none");
    await expect.poll(() => milano.inputValue(), { timeout: 30_000 }).toBe("warehouse:WH-MI");
    await page.screenshot({ path: path.join(screenshots, "sandbox-catalog-stock-from-erp.png"), fullPage: true });
    await follow("Follow the stock push", "Push stock", () =>
      app
        .getByRole("button", { name: "Push stock now" })
        .click({ timeout: 5_000 })
        .catch(() => {}),
    );
    await expect
      .poll(() => app.getByRole("progressbar", { name: "Push stock progress" }).getAttribute("aria-valuenow"), { timeout: 90_000 })
      .toBe("100");
    await openFromAdminNav("Stock history", "Stock history");
    await app.getByLabel("SKU", { exact: true }).fill("CAF-GRANI");
    await page.keyboard.press("Enter");
    // Magazzino Milano holds 40 of the coffee beans.
    await app
      .getByRole("row")
      .filter({ hasText: "CAF-GRANI-1KG" })
      .filter({ hasText: "Milano Centro" })
      .getByText("40", { exact: true })
      .waitFor({ timeout: 30_000 });
  });

  it("connects Icecat by keyboard without ever showing the token again, and updates the demo Moka from its Icecat sheet", async () => {
    await openFromAdminNav("Catalog", "Catalog");
    const update = app.getByRole("button", { name: "Update Icecat sheets" });
    expect(await update.isDisabled()).toBe(true);
    await app.getByLabel("Icecat user name").fill("ponte-demo");
    await app.getByLabel("API access token").fill("sandbox-icecat-token");
    expect(await app.getByLabel("Language of the sheets").inputValue()).toBe("EN");
    // The demo store is Italian and also sells in English: Italian sheets, English as their translations.
    await app.getByLabel("Language of the sheets").selectOption("IT");
    await app.getByRole("checkbox", { name: "English" }).focus();
    await page.keyboard.press("Space");
    expect(await app.getByRole("checkbox", { name: "Italian" }).count()).toBe(0);
    await app.getByLabel("Replace the product's images with Icecat's").focus();
    await page.keyboard.press("Space");
    await app.getByRole("button", { name: "Save Icecat settings" }).focus();
    await page.keyboard.press("Enter");
    await app.getByText("A token is saved. Leave empty to keep it, or type - to remove it.").waitFor({ timeout: 30_000 });
    // The token is kept sealed: not in the field, nor anywhere on the page.
    expect(await app.getByLabel("API access token").inputValue()).toBe("");
    expect(await app.locator("body").innerText()).not.toContain("sandbox-icecat-token");
    await page.screenshot({ path: path.join(screenshots, "sandbox-icecat.png"), fullPage: true });

    await expect.poll(() => update.isEnabled(), { timeout: 30_000 }).toBe(true);
    await update.click();
    await follow("Follow the update", "Update Icecat sheets");
    const progress = app.getByRole("progressbar", { name: "Update Icecat sheets progress" });
    await expect.poll(() => progress.getAttribute("aria-valuenow"), { timeout: 90_000 }).toBe("100");
    const runLog = app.getByRole("list", { name: "Run log" });
    await runLog.getByText(/Biscotti al cacao \(Forno Aurora BIS-CACAO-300\): no Icecat sheet/).waitFor({ timeout: 30_000 });
    await runLog.getByText(/Completed: .*1 updated.*1 translation\b/).waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-icecat-run.png"), fullPage: true });

    // The demo Moka now carries Icecat's description and specifications in Shopify, in Italian and in English.
    const answer = await fetch(`${walk.shopifyUrl}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-access-token": DEMO_SHOP.accessToken },
      body: JSON.stringify({
        query: `{ products(first: 50) { nodes { title descriptionHtml specs: metafield(namespace: "$app", key: "icecat_specifications") { value }
          translations(locale: "en") { key value } } } }`,
      }),
    });
    type Product = {
      title: string;
      descriptionHtml: string;
      specs: { value: string } | null;
      translations: Array<{ key: string; value: string }>;
    };
    const moka = ((await answer.json()) as { data: { products: { nodes: Product[] } } }).data.products.nodes.find(
      (product) => product.title === "Moka 3 tazze",
    )!;
    expect(moka.descriptionHtml).toContain("Moka in alluminio pressofuso");
    expect(JSON.parse(moka.specs!.value)).toContainEqual({ group: "Design", name: "Materiale", value: "Alluminio" });
    expect(moka.translations).toEqual([{ key: "body_html", value: expect.stringContaining("Cast aluminium moka pot") }]);
  });

  it("opens the run page from a link clicked while the page still reloads its data after the button that made the link", async () => {
    // "Push stock now" answers with the run's link, then the page reloads its data. A merchant who follows the link
    // before that reload is back once got a blank app (the router ended the navigation with the Catalog page's data,
    // on the run page's address). The reload, and the route manifest that lazy route discovery fetched, are slowed
    // here so that the click always lands inside that window.
    const slowly = (ms: number) => async (route: Route) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await route.continue().catch(() => {});
    };
    let pushed = false;
    await page.route(/\/__manifest\?/, slowly(3_000));
    await page.route(/\/app\/catalog\.data/, async (route) => {
      if (route.request().method() === "POST") {
        pushed = true;
        await route.continue();
      } else if (pushed) await slowly(2_000)(route);
      else await route.continue();
    });
    try {
      await openFromAdminNav("Catalog", "Catalog");
      const push = app.getByRole("button", { name: "Push stock now" });
      await expect.poll(() => push.isEnabled(), { timeout: 120_000 }).toBe(true);
      await push.click();
      await app.getByRole("link", { name: "Follow the stock push" }).click({ timeout: 2_000 });
      await waitOrDebug(app.getByRole("heading", { name: "Push stock", level: 1 }), "link-during-reload", 15_000);
    } finally {
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });
});
