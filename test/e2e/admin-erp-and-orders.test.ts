// GIVEN `npm run sandbox` with its demo shop connected to the ERP emulator
// WHEN a merchant opens the ERP page and tests the connection, an order fails in the ERP and is retried from the
//      Orders page by keyboard, a second ERP is added for Poland, and an order is booked with other money
// THEN the ERP page answers clearly without ever showing the key (nor sending it elsewhere); the Orders page shows
//      each order's state, the failed one with its reason and then exported with its ERP number; the second ERP
//      stays while a schedule depends on it; the order booked with a difference is flagged with both totals;
//      each order's tax ids show, a mistyped codice fiscale is flagged with what is wrong, an SDI code read from the
//      note attribute the merchant names reaches the ERP customer, and the ERP's invoice number comes back; once the
//      merchant asks for credit notes, a refund made after export shows on its order with its credit note, and an
//      exchange with the sale of its new items and the credit note of the goods back
import path from "node:path";
import type { FrameLocator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../emulators/shopify/state";
import { screenshots, useAdminWalk } from "../support/admin-walk";
import { processWholeReturn, shipAndReturnFirstLine } from "../support/shopify-returns";

const walk = useAdminWalk("erp-and-orders");
const { post, tabTo, openFromAdminNav } = walk;
let page: Page;
let app: FrameLocator;
let shopifyUrl: string;
let erpUrl: string;
beforeAll(() => {
  ({ page, app, shopifyUrl, erpUrl } = walk);
});

/** A query or mutation to the demo shop's Admin API (what a merchant does in the Shopify admin). */
async function adminGraphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await fetch(`${shopifyUrl}/admin/api/2026-07/graphql.json`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-access-token": DEMO_SHOP.accessToken },
    body: JSON.stringify({ query, variables }),
  });
  return ((await answer.json()) as { data: T }).data;
}

/** The Orders page searched for one order, and its row. */
async function openOrder(name: string) {
  await openFromAdminNav("Orders", "Orders");
  await app.getByLabel("Search orders").fill(name);
  await page.keyboard.press("Enter");
  return app.getByRole("row").filter({ hasText: name });
}

describe("the ERP and Orders pages", () => {
  it("shows the saved ERP connection without its key, and tests it: a clear yes, and a clear no for a wrong key", async () => {
    await app.getByText(/order(s)? exported/).waitFor({ timeout: 30_000 });
    await openFromAdminNav("ERP", "ERP");
    expect(await app.getByLabel("ERP service URL").inputValue()).toBe(erpUrl);
    expect(await app.getByLabel("API key").inputValue()).toBe("");
    await app.getByText(/^Saved: •{8}..\. Leave empty to keep it\.$/).waitFor();
    expect(await page.content()).not.toContain("sandbox-erp-");

    await app.getByLabel("API key").focus();
    await tabTo(/Test connection/);
    await page.keyboard.press("Enter");
    await app.getByText("Ponte ERP emulator 1.0.0").waitFor({ timeout: 30_000 });

    await app.getByLabel("API key").fill("not-the-key");
    await app.getByRole("button", { name: "Test connection" }).click();
    await app.getByText("Ponte could not connect").waitFor({ timeout: 30_000 });
    await app.getByText(/wrong API key/).waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-erp-page.png"), fullPage: true });

    // Saved with the key left empty: the saved key is kept, and the connection still answers.
    await app.getByLabel("API key").fill("");
    await app.getByRole("button", { name: "Save", exact: true }).click();
    await app.getByText("Connection saved").waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Test connection" }).click();
    await app.getByText("Ponte ERP emulator 1.0.0").waitFor({ timeout: 30_000 });
  });

  it("shows an order the ERP refused as failed with its reason, and retries it by keyboard to exported", async () => {
    await openFromAdminNav("Orders", "Orders");
    // The demo shop's three orders, after the worker's first pass: the paid one exported to the ERP emulator,
    // the unpaid one waiting for payment, the cancelled one not sent.
    const demoRows = () =>
      Promise.all(["Exported", "Waiting", "Not sent"].map((state) => app.getByRole("row").getByText(state, { exact: true }).count()));
    await expect.poll(demoRows, { timeout: 90_000, interval: 1000 }).toEqual([1, 1, 1]);
    await app.getByText("waiting for payment").waitFor();
    await app.getByText("cancelled before export").waitFor();

    await post(`${erpUrl}/_control/faults`, { refuseSalesOrders: "Customer on hold: credit limit exceeded" });
    const order = await post(`${shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      customer: { email: "marta@example.it", firstName: "Marta", lastName: "Verdi" },
      lines: [{ sku: "CAF-MOKA-250", title: "Caffè macinato moka", quantity: 3, price: "5.40" }],
    });
    const name = String(order.name);

    // Search finds it; the page refreshes itself while the order is on its way, and shows the ERP's refusal.
    await app.getByLabel("Search orders").fill(name);
    await page.keyboard.press("Enter");
    await app.getByText("Customer on hold: credit limit exceeded", { exact: false }).waitFor({ timeout: 90_000 });
    expect(await app.getByRole("row").filter({ hasText: name }).getByText("Failed", { exact: true }).count()).toBe(1);
    expect(await app.getByRole("row").count()).toBe(2); // the heading row and the one order found
    await page.screenshot({ path: path.join(screenshots, "sandbox-orders-failed.png"), fullPage: true });

    await post(`${erpUrl}/_control/faults`, { refuseSalesOrders: null });
    await tabTo(new RegExp(`Retry order ${name.replace("#", "\\#")}`));
    await page.keyboard.press("Enter");
    const row = app.getByRole("row").filter({ hasText: name });
    await row.getByText("Exported", { exact: true }).waitFor({ timeout: 90_000 });
    await row.getByText(/^SO\d{5}$/).waitFor();
    expect(await row.getByText("Failed", { exact: true }).count()).toBe(0);

    // The Failed tab is empty again.
    await app.getByRole("tab", { name: /Failed orders/ }).click();
    await app.getByText("No orders match").waitFor({ timeout: 30_000 });
    await app.getByRole("tab", { name: /All orders/ }).click();
    await row.waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-orders-retried.png"), fullPage: true });
  });

  it("adds an ERP for the orders shipping to Poland, filters a schedule to it, and removes it once nothing depends on it", async () => {
    await openFromAdminNav("ERP", "ERP");
    await app.getByRole("button", { name: "Add another ERP" }).click();
    const added = app.getByRole("form", { name: "Another ERP connection" });
    await added.getByLabel("Name", { exact: true }).fill("Polska");
    await added.getByLabel("Shipping countries").fill("pl");
    await added.getByLabel("ERP", { exact: true }).selectOption("http");
    await added.getByLabel("ERP service URL").fill(erpUrl);
    await added.getByLabel("API key").fill("polska-key");
    await added.getByLabel("API key").focus();
    await page.keyboard.press("Enter");
    const polska = app.getByRole("form", { name: "Polska connection" });
    await polska.waitFor({ timeout: 30_000 });
    await app.getByText("Orders to PL", { exact: true }).waitFor();
    await app.getByText("Main ERP", { exact: true }).waitFor();
    expect(await polska.getByLabel("API key").inputValue()).toBe("");
    expect(await page.content()).not.toContain("polska-key");
    await page.screenshot({ path: path.join(screenshots, "sandbox-erp-several.png"), fullPage: true });

    // With two ERPs, a schedule of ERP actions can work with one of them only.
    await openFromAdminNav("Schedules", "Schedules");
    await app.getByLabel("Name").fill("Poland statuses");
    await app.getByLabel("Sync statuses", { exact: true }).focus();
    await page.keyboard.press("Space");
    await app.getByText("Import orders, sync customers and statuses only with these ERPs").waitFor();
    await app.getByLabel("Polska", { exact: true }).focus();
    await page.keyboard.press("Space");
    expect(await app.getByLabel("Polska", { exact: true }).isChecked()).toBe(true);
    await page.screenshot({ path: path.join(screenshots, "sandbox-schedules-erp-filter.png"), fullPage: true });
    await app.getByRole("button", { name: "Save schedule" }).focus();
    await page.keyboard.press("Enter");
    const row = app.getByRole("row").filter({ hasText: "Poland statuses" });
    await row.getByText("Sync statuses (ERP: Polska)").waitFor({ timeout: 30_000 });

    // The ERP stays while the schedule works only with it; once the schedule is gone, it can be removed.
    await openFromAdminNav("ERP", "ERP");
    await polska.getByRole("button", { name: "Remove Polska" }).focus();
    await page.keyboard.press("Enter");
    // Removing asks first, in a dialog the keyboard is in.
    await app.getByRole("dialog").getByRole("button", { name: "Remove ERP" }).click();
    await app.getByText("The schedule Poland statuses works only with Polska: change or delete it first").waitFor({ timeout: 30_000 });
    await openFromAdminNav("Schedules", "Schedules");
    await row.getByRole("button", { name: "Delete Poland statuses" }).click();
    await app.getByRole("dialog").getByRole("button", { name: "Delete schedule" }).click();
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
    await openFromAdminNav("ERP", "ERP");
    await polska.getByRole("button", { name: "Remove Polska" }).click();
    await app.getByRole("dialog").getByRole("button", { name: "Remove ERP" }).click();
    await expect.poll(() => polska.count(), { timeout: 30_000 }).toBe(0);
    await app.getByRole("button", { name: "Add another ERP" }).waitFor();
  });

  it("flags an order the ERP booked with other money than Shopify, with both totals, and sets how orders without a customer or product are booked", async () => {
    // The ERP's IVA is set up at 10% while the store charges 22%: the sale's total, read back, is not Shopify's.
    await post(`${erpUrl}/_control/setup`, { taxRates: { IVA: "10" } });
    try {
      const order = await post(`${shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
        customer: { email: "luca@example.it", firstName: "Luca", lastName: "Neri" },
        lines: [{ sku: "MOKA-3", title: "Moka 3 tazze", quantity: 1, price: "29.00", taxLines: [{ title: "IVA", rate: 0.22 }] }],
      });
      const name = String(order.name);
      const row = await openOrder(name);
      await row.getByText("Booked with a difference: ERP 31.90, Shopify 35.38 EUR", { exact: false }).waitFor({ timeout: 90_000 });
      await row.getByText("Needs attention").waitFor();
      await page.screenshot({ path: path.join(screenshots, "sandbox-orders-totals-difference.png"), fullPage: true });
    } finally {
      await post(`${erpUrl}/_control/setup`, { taxRates: {} });
    }

    await openFromAdminNav("ERP", "ERP");
    // The saved key is never sent to another address: a new URL with the key left empty is refused on the key field.
    const connection = app.getByRole("form", { name: "ERP connection" });
    await connection.getByLabel("ERP service URL").fill("http://127.0.0.1:9/elsewhere");
    await connection.getByRole("button", { name: "Test connection" }).click();
    await connection.getByText("Enter the API key again: a saved key is only sent to the address it was saved for").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-erp-key-stays.png"), fullPage: true });
    await connection.getByLabel("ERP service URL").fill(erpUrl);

    const booking = app.getByRole("form", { name: /books orders without a customer or a product/ });
    await booking.getByLabel("ERP customer for orders without a customer").fill("C-DOES-NOT-EXIST");
    await booking.getByLabel("Article for tips (SKU)").fill("MANCIA");
    await booking.getByRole("button", { name: "Save articles and customer" }).click();
    await booking.getByText(/has no customer C-DOES-NOT-EXIST/).waitFor({ timeout: 30_000 });
    await booking.getByLabel("ERP customer for orders without a customer").fill("");
    await booking.getByRole("button", { name: "Save articles and customer" }).click();
    await booking.getByText("Saved.").waitFor({ timeout: 30_000 });

    await app.getByLabel("Difference allowed between the ERP's total and Shopify's").fill("0,05");
    await app.getByRole("button", { name: "Save rule" }).click();
    await app.getByText("Saved.").first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-erp-booking.png"), fullPage: true });
    await page.reload();
    await app.getByRole("heading", { name: "Ponte", level: 1 }).waitFor({ timeout: 60_000 });
    await openFromAdminNav("ERP", "ERP");
    expect(await app.getByLabel("Article for tips (SKU)").inputValue()).toBe("MANCIA");
    expect(await app.getByLabel("Difference allowed between the ERP's total and Shopify's").inputValue()).toBe("0.05");
  });

  it("shows each order's tax ids, flags a mistyped codice fiscale, reads the SDI code where the merchant says, and shows the invoice number", async () => {
    // The demo's unpaid order #1002 was placed with a codice fiscale whose last letter is wrong.
    await openFromAdminNav("Orders", "Orders");
    await app.getByLabel("Search orders").fill("#1002");
    await page.keyboard.press("Enter");
    const mistyped = app.getByRole("row").filter({ hasText: "#1002" });
    await mistyped.getByText("Tax id to check", { exact: true }).waitFor({ timeout: 60_000 });
    await mistyped
      .getByText("Codice fiscale BNCMRC80A01L219X — its check digit is wrong. Not sent to the ERP: ask the customer for the right one.")
      .waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-orders-tax-id-to-check.png"), fullPage: true });

    // The merchant's checkout keeps the SDI code in a note attribute: named on the ERP page, by keyboard.
    await openFromAdminNav("ERP", "ERP");
    const legal = app.getByRole("form", { name: /gets the buyer's tax ids/ });
    await legal.getByLabel("SDI code kept in").fill("Codice SDI");
    await legal.getByLabel("Tax id kept in a note attribute or metafield").fill("Partita IVA");
    await tabTo(/Save tax id settings/);
    await page.keyboard.press("Enter");
    await legal.getByText("Saved.").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-erp-tax-ids.png"), fullPage: true });

    const order = await post(`${shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      customer: { email: "ordini@barcentrale.example.it", firstName: "Sara", lastName: "Conti" },
      lines: [{ sku: "CAF-GRANI-1KG", title: "Caffè in grani 1 kg", quantity: 6, price: "18.90" }],
      shippingAddress: {
        firstName: "Sara",
        lastName: "Conti",
        company: "Bar Centrale S.r.l.",
        address1: "Piazza Duomo 1",
        city: "Milano",
        zip: "20122",
        countryCode: "IT",
      },
      attributes: [
        { key: "Partita IVA", value: "00743110157" },
        { key: "Codice SDI", value: "M5UXCR1" },
      ],
    });
    const name = String(order.name);
    const row = await openOrder(name);
    await row.getByText("Exported", { exact: true }).waitFor({ timeout: 90_000 });
    await row.getByText("Partita IVA 00743110157").waitFor();
    await row.getByText("SDI code M5UXCR1").waitFor();
    const books = (await (await fetch(`${erpUrl}/_control/books`)).json()) as {
      customers: Array<{ id: string; email: string | null; sdiCode: string | null; taxIdentifiers: unknown[] }>;
      salesOrders: Array<{ id: string; reference: string }>;
    };
    expect(books.customers.find((c) => c.email === "ordini@barcentrale.example.it")).toMatchObject({
      sdiCode: "M5UXCR1",
      taxIdentifiers: [{ type: "it_iva", value: "00743110157", valid: true }],
    });

    // The ERP invoices the sale; the status sync, run by hand, brings its number back to the order.
    const sale = books.salesOrders.find((one) => one.reference.endsWith(name))!;
    await post(`${erpUrl}/_control/sales-orders/${sale.id}/invoice`, { number: "FT/2026/0042", date: "2026-12-02" });
    await openFromAdminNav("Jobs", "Jobs");
    await app.getByRole("button", { name: "Run Sync statuses now" }).click();
    await openFromAdminNav("Orders", "Orders");
    await app.getByLabel("Search orders").fill(name);
    await page.keyboard.press("Enter");
    await expect
      .poll(
        async () => {
          await app.getByLabel("Search orders").press("Enter");
          return app.getByRole("row").filter({ hasText: name }).getByText("Invoice FT/2026/0042 of 2 Dec 2026").count();
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(1);
    await page.screenshot({ path: path.join(screenshots, "sandbox-orders-invoice-number.png"), fullPage: true });
  });

  it("books a refund made after export as a credit note once the merchant asks for it, and shows it on the order", async () => {
    // The merchant has Ponte book refunds as credit notes in the ERP: chosen on the ERP page by keyboard.
    await openFromAdminNav("ERP", "ERP");
    const refunds = app.getByRole("form", { name: /What refunds do in/ });
    await refunds.getByLabel("Refunds after export").selectOption("book");
    await refunds.getByText("Each refund becomes one credit note").waitFor();
    await tabTo(/Save refund settings/);
    await page.keyboard.press("Enter");
    await refunds.getByText("Saved.").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-erp-refunds.png"), fullPage: true });

    const order = await post(`${shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      customer: { email: "reso@example.it", firstName: "Elena", lastName: "Galli" },
      lines: [{ sku: "MOKA-3", title: "Moka 3 tazze", quantity: 2, price: "29.00", taxLines: [{ title: "IVA", rate: 0.22 }] }],
      taxesIncluded: true,
    });
    const name = String(order.name);
    const row = await openOrder(name);
    await row.getByText("Exported", { exact: true }).waitFor({ timeout: 90_000 });

    // One moka comes back broken: refunded in Shopify (not restocked), after the order went to the ERP.
    const lines = await adminGraphql<{ order: { lineItems: { nodes: Array<{ id: string }> } } }>(
      `query O($id: ID!) { order(id: $id) { lineItems(first: 10) { nodes { id } } } }`,
      { id: order.id },
    );
    const refunded = await adminGraphql<{ refundCreate: { userErrors: unknown[] } }>(
      `mutation R($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { message } } }`,
      {
        input: {
          orderId: order.id,
          note: "broken in transit",
          refundLineItems: [{ lineItemId: lines.order.lineItems.nodes[0]!.id, quantity: 1, restockType: "NO_RESTOCK" }],
          transactions: [{ orderId: order.id, kind: "REFUND", gateway: "manual", amount: "29.00" }],
        },
      },
    );
    expect(refunded.refundCreate.userErrors).toEqual([]);
    await expect
      .poll(
        async () => {
          await app.getByLabel("Search orders").press("Enter");
          return app
            .getByRole("row")
            .filter({ hasText: name })
            .getByText(/^Credit note CN\d+ · €29\.00$/)
            .count();
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(1);
    await row
      .getByText(/^Refund of .* · €29\.00$/)
      .first()
      .waitFor();
    const books = (await (await fetch(`${erpUrl}/_control/books`)).json()) as { creditNotes: Array<{ reference: string; total: string }> };
    expect(books.creditNotes.filter((note) => note.reference.includes(name))).toMatchObject([{ total: "29.00" }]);
    await page.screenshot({ path: path.join(screenshots, "sandbox-orders-credit-note.png"), fullPage: true });
  });
  it("books an exchange as a sale of the new items and a credit note of the goods back, and shows both on the order", async () => {
    // Refunds are booked (the test before). A buyer sends a moka back for the 6-cup one, which costs 10.00 more.
    const product = await post(`${shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/products`, {
      title: "Moka 6 tazze",
      variants: [{ sku: "MOKA-6", price: "39.00" }],
    });
    const order = await post(`${shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      customer: { email: "cambio@example.it", firstName: "Marco", lastName: "Neri" },
      lines: [{ sku: "MOKA-3", title: "Moka 3 tazze", quantity: 1, price: "29.00", taxLines: [{ title: "IVA", rate: 0.22 }] }],
      taxesIncluded: true,
    });
    const name = String(order.name);
    const row = await openOrder(name);
    await row.getByText("Exported", { exact: true }).waitFor({ timeout: 90_000 });

    // The merchant ships it, takes the moka back for the 6-cup one and processes the return (not restocked).
    const variants = product.variants as Array<{ id: string }>;
    const made = await shipAndReturnFirstLine(adminGraphql, order.id as string, variants[0]!.id);
    await processWholeReturn(adminGraphql, made);
    await expect
      .poll(
        async () => {
          await app.getByLabel("Search orders").press("Enter");
          return app
            .getByRole("row")
            .filter({ hasText: name })
            .getByText(/^Sale \S+ · the new items$/)
            .count();
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBe(1);
    await row.getByText(/^Return #\d+-R1 of .* · exchange$/).waitFor();
    await row.getByText(/^Credit note CN\d+ · the goods returned$/).waitFor();
    // The order's own sale was neither rewritten nor flagged for the new line.
    expect(await row.getByText(/Changed in Shopify/).count()).toBe(0);
    const books = (await (await fetch(`${erpUrl}/_control/books`)).json()) as {
      creditNotes: Array<{ reference: string; total: string }>;
      salesOrders: Array<{ reference: string; total: string; lines: unknown[] }>;
    };
    expect(books.creditNotes.filter((note) => note.reference.includes(`${name}/S`))).toMatchObject([{ total: "29.00" }]);
    expect(books.salesOrders.filter((sale) => sale.reference.includes(`${name}/X`))).toMatchObject([{ total: "39.00" }]);
    await page.screenshot({ path: path.join(screenshots, "sandbox-orders-exchange.png"), fullPage: true });
  });

  it("previews the store's products as ERP articles and imports them by keyboard, each once; a second import makes nothing", async () => {
    await openFromAdminNav("ERP", "ERP");
    await app.getByRole("link", { name: "Import products into the ERP" }).click();
    await app.getByRole("heading", { name: "Import your products into the ERP", level: 1 }).waitFor({ timeout: 30_000 });
    await app.getByText(/^Your store has \d+ products with \d+ variants\.$/).waitFor({ timeout: 30_000 });
    await app.getByText("Images stay in Shopify: the ERP gets articles, not pictures.").waitFor();
    const categories = app.getByLabel("Article categories from");
    expect(await categories.inputValue()).toBe("product-type");
    // The first products as their articles will be: a SKU, the article's name and Shopify's price.
    const sample = app.getByRole("table");
    expect(await sample.getByRole("row").count()).toBeGreaterThan(1);
    await page.screenshot({ path: path.join(screenshots, "sandbox-erp-import.png"), fullPage: true });

    await app.getByRole("button", { name: "Import into the ERP" }).focus();
    await page.keyboard.press("Enter");
    await app.getByRole("link", { name: "Follow the import" }).click({ timeout: 30_000 });
    await app.getByRole("heading", { name: "Import products into the ERP", level: 1 }).waitFor({ timeout: 30_000 });
    const progress = app.getByRole("progressbar", { name: "Import products into the ERP progress" });
    await expect.poll(() => progress.getAttribute("aria-valuenow"), { timeout: 90_000 }).toBe("100");
    await app.getByText("Completed", { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-erp-import-run.png"), fullPage: true });

    // Every demo variant with a SKU is now one ERP article.
    const books = (await (await fetch(`${erpUrl}/_control/books`)).json()) as { articles: Array<{ sku: string }> };
    const skus = books.articles.map((article) => article.sku);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus).toContain("BIS-CACAO-300");

    // Again, from the page: the preview counts them as linked, and the run makes nothing.
    await openFromAdminNav("ERP", "ERP");
    await app.getByRole("link", { name: "Import products into the ERP" }).click();
    await app.getByText(/ERP: \d+ variants linked to articles it already had, [1-9]\d* made by an earlier import\./).waitFor({ timeout: 30_000 });
    await app.getByRole("button", { name: "Import into the ERP" }).click();
    await app.getByRole("link", { name: "Follow the import" }).click({ timeout: 30_000 });
    await app.getByText("Completed", { exact: true }).first().waitFor({ timeout: 90_000 });
    await app
      .getByText(/0 created/)
      .first()
      .waitFor();
    const after = (await (await fetch(`${erpUrl}/_control/books`)).json()) as { articles: unknown[] };
    expect(after.articles).toHaveLength(books.articles.length);
  });

  it("shows a failed order's reason in Ponte's block on Shopify's order page, and sends it again from there by keyboard", async () => {
    await post(`${erpUrl}/_control/faults`, { refuseSalesOrders: "Customer on hold: overdue invoices" });
    const order = await post(`${shopifyUrl}/_control/shops/${DEMO_SHOP.myshopifyDomain}/orders`, {
      customer: { email: "blocco@example.it", firstName: "Lia", lastName: "Conti" },
      lines: [{ sku: "BIS-CACAO-300", title: "Biscotti al cacao", quantity: 2, price: "4.20" }],
    });
    const name = String(order.name);
    const row = await openOrder(name);
    await row.getByText("Failed", { exact: true }).waitFor({ timeout: 90_000 });

    // The order's name opens its page in the Shopify admin (a shopify://admin link), where Ponte's block says why.
    await row.getByRole("link", { name: `Open order ${name} in Shopify` }).click();
    await page.getByRole("heading", { name: new RegExp(`^${name}`) }).waitFor({ timeout: 30_000 });
    const block = page.frameLocator('iframe[title="Ponte: ERP and POS"]');
    const region = block.getByRole("region", { name: "Ponte: ERP and POS" });
    await region.getByText("Customer on hold: overdue invoices").waitFor({ timeout: 30_000 });
    await region.getByText("Failed", { exact: true }).waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-order-block-failed.png"), fullPage: true });

    // The ERP takes it now; "Send again" is reached and pressed from the keyboard, and the block follows it to the sale.
    await post(`${erpUrl}/_control/faults`, { refuseSalesOrders: null });
    await block.locator("body").focus();
    let reached = false;
    for (let presses = 0; presses < 10 && !reached; presses++) {
      await page.keyboard.press("Tab");
      reached = (await block.locator("s-button").evaluate((button) => button.shadowRoot?.activeElement?.tagName === "BUTTON")) === true;
    }
    expect(reached, "Send again reached by Tab").toBe(true);
    await page.keyboard.press("Enter");
    await region.getByText(/^Sale SO\d{5}$/).waitFor({ timeout: 90_000 });
    await region.getByText("Exported", { exact: true }).waitFor();
    await region.getByText("Matches Shopify", { exact: true }).waitFor();
    expect(await region.getByText("Customer on hold").count()).toBe(0);
    expect(await region.getByRole("button", { name: "Send again" }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, "sandbox-order-block-sent.png"), fullPage: true });

    // Back in the app, the Orders page says the same. The app's menu answers once the reloaded app has hydrated (its
    // heading shows before), so the menu's Orders is pressed again until the page opens.
    await page.locator("#app-home").click();
    await app.getByRole("heading", { name: "Ponte", level: 1 }).waitFor({ timeout: 60_000 });
    const ordersHeading = app.getByRole("heading", { name: "Orders", level: 1 });
    for (let attempt = 0; attempt < 10 && !(await ordersHeading.isVisible()); attempt++) {
      await page.locator("#app-menu").getByRole("link", { name: "Orders" }).click();
      await ordersHeading.waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    const again = await openOrder(name);
    await again.getByText("Exported", { exact: true }).waitFor({ timeout: 30_000 });
  });
});
