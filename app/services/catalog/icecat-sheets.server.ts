/**
 * "Update Icecat sheets" (ImporterONE's scheduled action): for each Shopify product with a GTIN (a variant's barcode)
 * or a brand and part number (its vendor and first SKU), Icecat's data-sheet is read in the shop's Icecat language and
 * what the merchant switched on is written into Shopify: the long description (HTML), the specifications as the
 * app-owned product metafield `icecat_specifications` (json, declared with its definition in shopify.app.toml), the
 * gallery's images. A sheet whose digest (with what is written) did not change since it was last written sends
 * nothing, so its images are sent only when they change. A product without a sheet (missing, or not readable with
 * the merchant's Icecat access) is named in the run's log. Each further language the merchant chose is read too and
 * its description registered as the product's translation in the store's matching language (translationsRegister,
 * against the description just written); a language the store has not added is named in the log and left out.
 * Requests are paced (PONTE_ICECAT_MIN_INTERVAL_MS, 200 ms by default: Icecat's fair use); the run can be cancelled,
 * and the next one goes on after the last product done.
 */
import type { PrismaClient } from "@prisma/client";
import { say } from "../../i18n/merchant-message";
import { fetchIcecatSheet, type IcecatAccount, type SheetLookup } from "../icecat/icecat-client.server";
import { icecatLanguageFamily, sheetDigest, type IcecatSheet } from "../icecat/icecat-sheet";
import type { ShopDomain } from "../ids";
import type { RunHandle } from "../runs/job-runs.server";
import type { AdminClient } from "../shopify/admin-client.server";
import { refreshLines, rewriteProduct, setProductMetafields, type ShopifyProductState } from "../shopify/catalog.adapter.server";
import { shopLanguages, translateProduct } from "../shopify/translations.adapter.server";
import { STORE_LOCALE_OF_ICECAT, type IcecatLanguage } from "../icecat/icecat-settings";
import { stagedShopifyProductPages, stageRefreshLines } from "./staged-catalog.server";
import { withStaging } from "./staged-sources.server";

export interface IcecatWrites {
  description: boolean;
  specs: boolean;
  images: boolean;
}

export interface IcecatSheetsDependencies {
  db: PrismaClient;
  client: AdminClient;
  account: IcecatAccount;
  write: IcecatWrites;
  /** Further Icecat languages whose descriptions become the products' translations (none by default). */
  translations?: string[];
  /** Waits between two Icecat requests (the pace); a test passes a shorter one. */
  minIntervalMs?: number;
}

/** What the work needs of its run: its id (the staging), its log, progress and Cancel. */
export type SheetsRun = Pick<RunHandle, "id" | "log" | "progress" | "checkCancelled">;

export interface IcecatSheetsOutcome {
  read: number;
  updated: number;
  unchanged: number;
  /** No sheet in Icecat, or none the account may read. */
  "no sheet": number;
  /** Descriptions registered as a translation in another store language. */
  translated: number;
  /** Neither a GTIN nor a vendor and SKU to look it up by. */
  skipped: number;
  failed: number;
}

const PAGE = 50;
const DEFAULT_INTERVAL_MS = Number(process.env.PONTE_ICECAT_MIN_INTERVAL_MS) || 200;

export async function updateIcecatSheets(deps: IcecatSheetsDependencies, shop: ShopDomain, run: SheetsRun): Promise<IcecatSheetsOutcome> {
  const { db } = deps;
  const after = (await db.icecatSettings.findUnique({ where: { shop }, select: { checkpoint: true } }))?.checkpoint ?? null;
  if (after) await run.log(say("runs.log.icecat.resumed"));
  return withStaging(db, run.id, async () => {
    const staged = await stageRefreshLines(db, run.id, refreshLines(deps.client));
    const [counted] = await db.$queryRaw<Array<{ products: bigint }>>`
      select count(distinct "shopifyProductId") as products from "StagedShopifyLine" where "runId" = ${run.id} and "shopifyProductId" > ${after ?? ""}`;
    const total = staged === 0 ? 0 : Number(counted?.products ?? 0); // a count of rows, not money
    const outcome: IcecatSheetsOutcome = { read: 0, updated: 0, unchanged: 0, "no sheet": 0, translated: 0, skipped: 0, failed: 0 };
    const pace = pacer(deps.minIntervalMs ?? DEFAULT_INTERVAL_MS);
    const targets = total === 0 ? [] : await translationTargets(deps, run);
    for await (const products of stagedShopifyProductPages(db, run.id, PAGE, after)) {
      const states = new Map(
        (await db.icecatSheetState.findMany({ where: { shop, productId: { in: products.map((p) => p.id) } } })).map((row) => [row.productId, row]),
      );
      for (const product of products) {
        outcome.read++;
        await updateOne(deps, shop, run, product, states.get(product.id)?.digest ?? null, outcome, pace, targets);
        await db.icecatSettings.update({ where: { shop }, data: { checkpoint: product.id } });
        await run.checkCancelled();
      }
      await run.progress(total === 0 ? 100 : Math.min(99, Math.floor((outcome.read * 100) / total)), { ...outcome });
    }
    // The pass is done: the next run starts from the first product again.
    await db.icecatSettings.update({ where: { shop }, data: { checkpoint: null } });
    return outcome;
  });
}

/** A further Icecat language and the store language its descriptions are registered in. */
interface TranslationTarget {
  language: string;
  locale: string;
}

/**
 * The further languages that can be written: those whose store language the merchant has added (Settings →
 * Languages), other than the store's primary one. The others are named in the log, once a run.
 */
async function translationTargets(deps: IcecatSheetsDependencies, run: SheetsRun): Promise<TranslationTarget[]> {
  const wanted = deps.translations ?? [];
  if (wanted.length === 0) return [];
  if (!deps.write.description) {
    await run.log(say("runs.log.icecat.translationsNeedDescription"), "warning");
    return [];
  }
  const store = await shopLanguages(deps.client);
  const targets: TranslationTarget[] = [];
  for (const language of wanted) {
    const locale = STORE_LOCALE_OF_ICECAT[language as IcecatLanguage] ?? language.toLowerCase();
    const known = store.find((one) => one.locale.toLowerCase() === locale.toLowerCase());
    if (known && !known.primary) targets.push({ language, locale: known.locale });
    else await run.log(say(known ? "runs.log.icecat.languageIsPrimary" : "runs.log.icecat.languageNotInStore", { language, locale }), "warning");
  }
  return targets;
}

/** What a product is looked up by: a variant's GTIN, else its vendor and first SKU as brand and part number. */
export function lookupOf(product: Pick<ShopifyProductState, "vendor" | "variants">): SheetLookup | null {
  const gtin = product.variants.map((variant) => (variant.barcode ?? "").replace(/\s/g, "")).find((code) => /^\d{8,14}$/.test(code));
  if (gtin) return { gtin };
  const sku = product.variants.map((variant) => variant.sku.trim()).find(Boolean);
  return product.vendor.trim() && sku ? { brand: product.vendor.trim(), productCode: sku } : null;
}

async function updateOne(
  deps: IcecatSheetsDependencies,
  shop: ShopDomain,
  run: SheetsRun,
  product: ShopifyProductState,
  lastDigest: string | null,
  outcome: IcecatSheetsOutcome,
  pace: () => Promise<void>,
  targets: TranslationTarget[],
): Promise<void> {
  const { db } = deps;
  const record = (data: { outcome: string; icecatId?: string | null; digest?: string | null }) =>
    db.icecatSheetState.upsert({
      where: { shop_productId: { shop, productId: product.id } },
      create: { shop, productId: product.id, ...data },
      update: { ...data, checkedAt: new Date() },
    });
  const lookup = lookupOf(product);
  if (!lookup) {
    outcome.skipped++;
    await record({ outcome: "no-identifier" });
    await run.log(say("runs.log.icecat.noIdentifier", { product: product.title }), "warning");
    return;
  }
  await pace();
  const answer = await fetchIcecatSheet(deps.account, lookup);
  const by = "gtin" in lookup ? lookup.gtin : `${lookup.brand} ${lookup.productCode}`;
  if ("missing" in answer || "denied" in answer) {
    outcome["no sheet"]++;
    await record({ outcome: "missing" in answer ? "missing" : "denied" });
    const key = "missing" in answer ? "runs.log.icecat.missing" : "runs.log.icecat.denied";
    await run.log(say(key, { product: product.title, by, reason: "missing" in answer ? answer.missing : answer.denied }), "warning");
    return;
  }
  const sheet = answer.found;
  const translated = await translatedDescriptions(deps, lookup, sheet, targets, pace);
  const digest = sheetDigest(sheet, targets.length ? { write: deps.write, translated } : deps.write);
  if (digest === lastDigest) {
    outcome.unchanged++;
    return;
  }
  const written = await writeSheet(deps, product, sheet);
  const registered = written.ok
    ? await translateProduct(
        deps.client,
        product.id,
        translated.map((one) => ({ locale: one.locale, key: "body_html" as const, value: one.html })),
      )
    : written;
  if (!registered.ok) {
    outcome.failed++;
    await run.log(say("runs.log.icecat.refused", { product: product.title, reason: registered.message }), "error");
    return;
  }
  outcome.updated++;
  outcome.translated += registered.registered;
  await record({ outcome: "written", icecatId: sheet.icecatId, digest });
}

/**
 * The sheet's description in each further language, where Icecat has one of its own: a description Icecat says is
 * in another language (its fallback; a regional variant such as US for EN counts as the language), the main
 * description again, or none, gives no translation.
 */
async function translatedDescriptions(
  deps: IcecatSheetsDependencies,
  lookup: SheetLookup,
  sheet: IcecatSheet,
  targets: TranslationTarget[],
  pace: () => Promise<void>,
): Promise<Array<{ locale: string; html: string }>> {
  if (!sheet.descriptionHtml) return [];
  const translated: Array<{ locale: string; html: string }> = [];
  for (const target of targets) {
    await pace();
    const answer = await fetchIcecatSheet({ ...deps.account, language: target.language }, lookup);
    const found = "found" in answer ? answer.found : null;
    const ownLanguage = !found?.descriptionLanguage || icecatLanguageFamily(found.descriptionLanguage) === icecatLanguageFamily(target.language);
    const html = found && ownLanguage ? found.descriptionHtml.trim() : "";
    if (html && html !== sheet.descriptionHtml.trim()) translated.push({ locale: target.locale, html });
  }
  return translated;
}

/** Writes what the merchant switched on: the description and images with productSet, the specifications as metafields. */
async function writeSheet(
  { client, write }: IcecatSheetsDependencies,
  product: ShopifyProductState,
  sheet: IcecatSheet,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const description = write.description && sheet.descriptionHtml ? sheet.descriptionHtml : null;
  const images = write.images && sheet.images.length ? sheet.images : null;
  if (description !== null || images !== null) {
    const rewritten = await rewriteProduct(client, product, {
      title: product.title,
      descriptionHtml: description,
      productType: null,
      prices: new Map(),
      images,
    });
    if (!rewritten.ok) return rewritten;
  }
  if (write.specs)
    return setProductMetafields(client, product.id, [
      { key: "icecat_id", type: "single_line_text_field", value: sheet.icecatId },
      { key: "icecat_specifications", type: "json", value: JSON.stringify(sheet.specifications) },
    ]);
  return { ok: true };
}

/** Keeps at least `ms` between two calls. */
function pacer(ms: number): () => Promise<void> {
  let last = 0;
  return async () => {
    const wait = last + ms - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    last = Date.now();
  };
}
