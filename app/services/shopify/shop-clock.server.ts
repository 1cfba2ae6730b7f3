/**
 * The shop as Shopify describes it, kept per shop: its clock and currency for every page that shows a time or an
 * amount (kept ten minutes), its locations for the Catalog page (kept a minute), so a page that refreshes every few
 * seconds does not ask Shopify each time, nor waits on a slow Shopify. When Shopify does not answer, the last known
 * answer is used (or UTC and no currency the first time), and it is asked again after a short while.
 */
import { AdminClient } from "./admin-client.server";
import { readShopOverview, type ShopOverview } from "./shop.adapter.server";
import type { ShopDomain } from "../ids";

export interface ShopClock {
  /** IANA time zone, "Europe/Rome". */
  timeZone: string;
  /** ISO 4217, "EUR"; null when Shopify has not answered yet. */
  currency: string | null;
}

const KEEP_MS = 10 * 60_000;
const RETRY_AFTER_FAILURE_MS = 30_000;
const known = new Map<string, { overview: ShopOverview; at: number }>();
const failedAt = new Map<string, number>();

/**
 * The shop as Shopify described it at most `maxAgeMs` ago (its name, currency, zone, locations), asked again only
 * when older: a page that refreshes every second or two asks Shopify at most once per `maxAgeMs`. Null when Shopify
 * has not answered yet and does not answer now (asked again after 30 s).
 */
export async function readKeptShopOverview(shop: ShopDomain, accessToken: string, maxAgeMs: number, now = Date.now()): Promise<ShopOverview | null> {
  const kept = known.get(shop);
  if (kept && now - kept.at < maxAgeMs) return kept.overview;
  if (now - (failedAt.get(shop) ?? -Infinity) < RETRY_AFTER_FAILURE_MS) return kept?.overview ?? null;
  try {
    const overview = await readShopOverview(new AdminClient({ shop, accessToken }));
    known.set(shop, { overview, at: now });
    failedAt.delete(shop);
    return overview;
  } catch (error) {
    console.warn(`shop overview: Shopify did not answer for ${shop}; the last known answer is used`, error);
    failedAt.set(shop, now);
    return kept?.overview ?? null;
  }
}

export async function readShopClock(shop: ShopDomain, accessToken: string, now = Date.now()): Promise<ShopClock> {
  const overview = await readKeptShopOverview(shop, accessToken, KEEP_MS, now);
  return overview ? { timeZone: overview.shop.ianaTimezone, currency: overview.shop.currencyCode } : { timeZone: "UTC", currency: null };
}

/** What the dashboard just read from Shopify is the freshest answer: kept for the other pages. */
export function rememberShopOverview(shop: ShopDomain, overview: ShopOverview, now = Date.now()): void {
  known.set(shop, { overview, at: now });
}
