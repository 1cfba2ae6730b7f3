/**
 * The shop's clock and currency, for every page that shows a time or an amount: read from Shopify once and kept for
 * ten minutes per shop, so a page that refreshes every few seconds does not ask Shopify each time. When Shopify does
 * not answer, the last known answer is used (or UTC and no currency the first time), and it is asked again after a
 * short while.
 */
import { AdminClient } from "./admin-client.server";
import { readShopOverview } from "./shop.adapter.server";
import type { ShopDomain } from "../ids";

export interface ShopClock {
  /** IANA time zone, "Europe/Rome". */
  timeZone: string;
  /** ISO 4217, "EUR"; null when Shopify has not answered yet. */
  currency: string | null;
}

const KEEP_MS = 10 * 60_000;
const RETRY_AFTER_FAILURE_MS = 30_000;
const known = new Map<string, { clock: ShopClock; until: number }>();

export async function readShopClock(shop: ShopDomain, accessToken: string, now = Date.now()): Promise<ShopClock> {
  const kept = known.get(shop);
  if (kept && kept.until > now) return kept.clock;
  try {
    const { shop: described } = await readShopOverview(new AdminClient({ shop, accessToken }));
    const clock = { timeZone: described.ianaTimezone, currency: described.currencyCode };
    known.set(shop, { clock, until: now + KEEP_MS });
    return clock;
  } catch (error) {
    console.warn(`shop clock: Shopify did not answer for ${shop}, using the last known time zone`, error);
    const clock = kept?.clock ?? { timeZone: "UTC", currency: null };
    known.set(shop, { clock, until: now + RETRY_AFTER_FAILURE_MS });
    return clock;
  }
}

/** What the dashboard just read from Shopify is the freshest answer: kept for the other pages. */
export function rememberShopClock(shop: ShopDomain, clock: ShopClock, now = Date.now()): void {
  known.set(shop, { clock, until: now + KEEP_MS });
}
