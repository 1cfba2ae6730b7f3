// GIVEN the demo shop on the Shopify emulator, with a product whose barcode Icecat knows, one found by its vendor and
//       SKU, one Icecat does not have, one of a brand only Full Icecat users may read, and one with nothing to look
//       it up by; and the Icecat emulator over HTTP
// WHEN "Update Icecat sheets" runs as a recorded run, runs again, and runs once more after Icecat changed a sheet
// THEN the known products get Icecat's description, specifications (app-owned metafields) and images; the missing,
//      the denied and the unidentified products are named in the run's log; an unchanged sheet sends nothing to
//      Shopify on the next run; a changed sheet is written again; the Api-Token goes to Icecat only, as a header
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateIcecatSheets, type IcecatWrites } from "../../app/services/catalog/icecat-sheets.server";
import { fetchIcecatSheet } from "../../app/services/icecat/icecat-client.server";
import { requestCancel, runLog, runTracked } from "../../app/services/runs/job-runs.server";
import { startIcecatEmulator, type IcecatEmulator } from "../../emulators/icecat/server";
import { startDemoShopWithErp, type DemoShopWithErp } from "../support/demo-shop-with-erp";

let demo: DemoShopWithErp;
let icecat: IcecatEmulator;
const ids: Record<string, number> = {};
const everything: IcecatWrites = { description: true, specs: true, images: true };

const catalog = () => demo.shopify.state.shop(demo.shop)!.catalog;
const account = () => ({ userName: "ponte-demo", token: "icecat-api-token", language: "IT", baseUrl: icecat.url });

const sheetsRun = (write: IcecatWrites = everything, minIntervalMs = 5, started: (runId: string) => void = () => {}, translations: string[] = []) =>
  runTracked(demo.db, { shop: demo.shop, kind: "icecat-sheets", trigger: "manual" }, async (run) => {
    started(run.id);
    return {
      ...(await updateIcecatSheets({ db: demo.db, client: demo.client(), account: account(), write, minIntervalMs, translations }, demo.shop, run)),
    };
  });

/** A product's translations in a store language, as Shopify gives them back. */
async function translationsOf(id: number, locale: string) {
  return demo
    .client()
    .requestBuilt(
      `query ($id: ID!, $locale: String!) { product(id: $id) { translations(locale: $locale) { key value outdated } } }`,
      { id: `gid://shopify/Product/${id}`, locale },
      (data) => (data as { product: { translations: Array<{ key: string; value: string; outdated: boolean }> } }).product.translations,
    );
}

/** A product as Shopify holds it now: description, the Icecat metafields, and how many images. */
async function shopifyProduct(id: number) {
  return demo.client().requestBuilt(
    `query ($id: ID!) { product(id: $id) { descriptionHtml
      icecatId: metafield(namespace: "$app", key: "icecat_id") { value }
      specs: metafield(namespace: "$app", key: "icecat_specifications") { value }
      media(first: 10) { nodes { id } } } }`,
    { id: `gid://shopify/Product/${id}` },
    (data) =>
      (
        data as {
          product: { descriptionHtml: string; icecatId: { value: string } | null; specs: { value: string } | null; media: { nodes: unknown[] } };
        }
      ).product,
  );
}

beforeAll(async () => {
  demo = await startDemoShopWithErp({ databaseName: "icecat-sheets" });
  icecat = await startIcecatEmulator({ users: ["ponte-demo"] });
  const add = (name: string, input: Parameters<ReturnType<typeof catalog>["addProduct"]>[0]) => (ids[name] = catalog().addProduct(input).id);
  add("moka", { title: "Moka Express", vendor: "Bialetti", variants: [{ sku: "MOKA-EXP-3", price: "29.00", barcode: "8006363011624" }] });
  add("illy", { title: "Caffè macinato", vendor: "Illy", variants: [{ sku: "ILLY-CLASSICO-250", price: "7.90" }] });
  add("unknown", { title: "Tazza artigianale", vendor: "Bottega", variants: [{ sku: "TAZ-ART", price: "12.00", barcode: "8012345678901" }] });
  add("denied", { title: "Tazzina d'oro", vendor: "Lusso", variants: [{ sku: "LX-1", price: "90.00", barcode: "8000000000013" }] });
  add("nothing", { title: "Buono regalo", vendor: "", variants: [{ sku: "", price: "25.00" }] });
  await demo.db.icecatSettings.create({ data: { shop: demo.shop, userName: "ponte-demo", language: "IT" } });
}, 120_000);

afterAll(async () => {
  await icecat?.close();
  await demo?.close();
});

describe("Icecat sheets into Shopify", () => {
  it("reads a sheet by GTIN and by brand and part number, and tells a missing sheet from one the account may not read", async () => {
    expect(await fetchIcecatSheet(account(), { gtin: "8006363011624" })).toMatchObject({
      found: {
        icecatId: "85961948",
        title: "Bialetti Moka Express 3 tazze",
        images: [expect.stringContaining("/img/moka-express-front.png"), expect.any(String)],
      },
    });
    expect(await fetchIcecatSheet(account(), { brand: "illy", productCode: "illy-classico-250" })).toMatchObject({ found: { icecatId: "91234567" } });
    expect(await fetchIcecatSheet(account(), { gtin: "8012345678901" })).toEqual({
      missing: "The requested product is not present in the Icecat database",
    });
    expect(await fetchIcecatSheet(account(), { gtin: "8000000000013" })).toEqual({ denied: expect.stringMatching(/Full Icecat/) });
    await expect(fetchIcecatSheet({ ...account(), userName: "nobody" }, { gtin: "8006363011624" })).rejects.toThrow(
      /nobody the Icecat user is unknown/,
    );
    // The token travels as Icecat's Api-Token header, never in the address.
    expect(icecat.requests.at(-1)?.token).toBe("icecat-api-token");
    expect(JSON.stringify(icecat.requests.map((one) => one.query))).not.toContain("icecat-api-token");
  });

  it("writes the description, specifications and images of the products Icecat has, and names the others in the log", async () => {
    const ran = await sheetsRun();
    expect(ran).toMatchObject({ status: "completed", counts: expect.objectContaining({ updated: 2, "no sheet": 2, failed: 0 }) });
    expect((ran.counts as Record<string, number>).skipped).toBeGreaterThanOrEqual(1);

    const moka = await shopifyProduct(ids.moka!);
    expect(moka.descriptionHtml).toContain("La moka originale.");
    expect(moka.icecatId).toEqual({ value: "85961948" });
    expect(JSON.parse(moka.specs!.value)).toContainEqual({ group: "Design", name: "Materiale", value: "Alluminio" });
    expect(moka.media.nodes).toHaveLength(2);
    expect((await shopifyProduct(ids.illy!)).descriptionHtml).toContain("Tostatura media");
    expect((await shopifyProduct(ids.unknown!)).icecatId).toBeNull();

    const log = (await runLog(demo.db, ran.id)).map((line) => line.message);
    expect(log).toContainEqual(expect.stringMatching(/Tazza artigianale.*8012345678901.*not present in the Icecat database/));
    expect(log).toContainEqual(expect.stringMatching(/Tazzina d'oro.*8000000000013.*Full Icecat/));
    expect(log).toContainEqual(expect.stringMatching(/Buono regalo: no barcode/));
  });

  it("sends nothing to Shopify for an unchanged sheet, and writes a sheet again once Icecat changed it", async () => {
    const writes = () => demo.shopify.state.shop(demo.shop)!.catalog.products.get(ids.moka!)!.updatedAt;
    const before = writes();
    const again = await sheetsRun();
    expect(again.counts).toMatchObject({ updated: 0, unchanged: 2 });
    expect(writes()).toBe(before);

    const moka = icecat.sheets.find((sheet) => sheet.icecatId === 85961948)!;
    moka.longDesc.IT = "<b>La moka originale, ora anche a induzione.</b>";
    const changed = await sheetsRun();
    expect(changed.counts).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await shopifyProduct(ids.moka!)).descriptionHtml).toContain("ora anche a induzione");
  });

  it("paces its requests, stops when Cancel is pressed, and the next run goes on after the last product done", async () => {
    const asked = icecat.requests.length;
    // Cancel, as the run page's button asks it, for this run only (by its id).
    let runId: string | null = null;
    const cancelling = setInterval(() => {
      if (runId && icecat.requests.length >= asked + 2) {
        clearInterval(cancelling);
        void requestCancel(demo.db, demo.shop, runId);
      }
    }, 10);
    const started = Date.now();
    const cancelled = await sheetsRun(everything, 600, (id) => (runId = id));
    clearInterval(cancelling);
    expect(cancelled.status).toBe("cancelled");
    const first = icecat.requests.length - asked;
    expect(first).toBeLessThan(4);
    // Paced: never two requests closer than the interval.
    expect(Date.now() - started).toBeGreaterThanOrEqual((first - 1) * 600);
    expect((await demo.db.icecatSettings.findUniqueOrThrow({ where: { shop: demo.shop } })).checkpoint).not.toBeNull();

    const resumed = await sheetsRun();
    expect(resumed.status).toBe("completed");
    expect((await runLog(demo.db, resumed.id)).map((line) => line.message)).toContain(
      "Going on after the last product the previous run got through.",
    );
    // Together the two runs asked Icecat once per product that has something to look it up by (4), not more.
    expect(icecat.requests.length - asked).toBe(4);
    expect((await demo.db.icecatSettings.findUniqueOrThrow({ where: { shop: demo.shop } })).checkpoint).toBeNull();
  });

  it("writes only what the merchant switched on: specifications alone leave the description and images as they are", async () => {
    await demo.db.icecatSheetState.deleteMany({ where: { shop: demo.shop } });
    const illyBefore = await shopifyProduct(ids.illy!);
    icecat.sheets.find((sheet) => sheet.icecatId === 91234567)!.longDesc.IT = "Un altro testo";
    const ran = await sheetsRun({ description: false, specs: true, images: false });
    expect(ran.counts).toMatchObject({ updated: 2 });
    const illy = await shopifyProduct(ids.illy!);
    expect(illy.descriptionHtml).toBe(illyBefore.descriptionHtml);
    expect(JSON.parse(illy.specs!.value)).toContainEqual({ group: "Generale", name: "Peso netto", value: "250 g" });
  });

  it("writes the sheets' descriptions in the store's other languages as the products' translations, once", async () => {
    // The demo store is Italian and also sells in English; it has no German. Icecat's sheets have English texts.
    await demo.db.icecatSheetState.deleteMany({ where: { shop: demo.shop } });
    const asked = icecat.requests.length;
    const ran = await sheetsRun(everything, 5, () => {}, ["EN", "DE"]);
    expect(ran).toMatchObject({ status: "completed", counts: expect.objectContaining({ updated: 2, translated: 2, failed: 0 }) });
    // The main language and English for each of the two products with a sheet, and German where Icecat was asked.
    expect(icecat.requests.slice(asked).filter((one) => one.query.lang === "EN")).toHaveLength(2);
    expect(icecat.requests.slice(asked).some((one) => one.query.lang === "DE")).toBe(false);

    expect((await shopifyProduct(ids.moka!)).descriptionHtml).toContain("ora anche a induzione");
    expect(await translationsOf(ids.moka!, "en")).toEqual([
      { key: "body_html", value: expect.stringContaining("The original moka pot."), outdated: false },
    ]);
    expect(await translationsOf(ids.illy!, "en")).toEqual([
      { key: "body_html", value: "Medium roast, notes of caramel, orange blossom and jasmine.", outdated: false },
    ]);
    expect(await translationsOf(ids.unknown!, "en")).toEqual([]);
    expect((await runLog(demo.db, ran.id)).map((line) => line.message)).toContainEqual(
      expect.stringMatching(/The store does not sell in German \("de"\): add the language in Shopify/),
    );

    // Unchanged in every language: nothing sent.
    const before = catalog().products.get(ids.moka!)!.updatedAt;
    const again = await sheetsRun(everything, 5, () => {}, ["EN", "DE"]);
    expect(again.counts).toMatchObject({ updated: 0, unchanged: 2, translated: 0 });
    expect(catalog().products.get(ids.moka!)!.updatedAt).toBe(before);

    // Icecat's English text changed: the sheet is written again with its new translation.
    icecat.sheets.find((sheet) => sheet.icecatId === 91234567)!.longDesc.EN = "Medium roast, a new English text.";
    const changed = await sheetsRun(everything, 5, () => {}, ["EN", "DE"]);
    expect(changed.counts).toMatchObject({ updated: 1, unchanged: 1, translated: 1 });
    expect(await translationsOf(ids.illy!, "en")).toEqual([{ key: "body_html", value: "Medium roast, a new English text.", outdated: false }]);
  });

  it("gives no translation where Icecat has no text of that language, and none when the description is not written", async () => {
    // The merchant adds Polish to the store; Icecat's sheets have no Polish text and answer in English.
    demo.shopify.state.shop(demo.shop)!.locales.push({ locale: "pl", name: "Polish", primary: false, published: true });
    const ran = await sheetsRun(everything, 5, () => {}, ["PL"]);
    expect(ran.counts).toMatchObject({ translated: 0, failed: 0 });
    expect(await translationsOf(ids.moka!, "pl")).toEqual([]);

    const off = await sheetsRun({ description: false, specs: true, images: false }, 5, () => {}, ["EN"]);
    expect(off.counts).toMatchObject({ translated: 0, failed: 0 });
    expect((await runLog(demo.db, off.id)).map((line) => line.message)).toContainEqual(
      expect.stringMatching(/writing the description is switched off/),
    );
  });
});
