/**
 * The language a shop's admin opens Ponte in, remembered for what Ponte writes to the merchant outside a page (alert
 * emails). Written only when it changes (one check in memory per request, a write when the merchant switches
 * language), read when an email is written.
 */
import type { PrismaClient } from "@prisma/client";
import { DEFAULT_LOCALE, matchLocale, type Locale } from "../../i18n/locales";
import type { ShopDomain } from "../ids";

const remembered = new Map<string, Locale>();

export async function rememberShopLocale(db: PrismaClient, shop: ShopDomain, locale: Locale): Promise<void> {
  if (remembered.get(shop) === locale) return;
  await db.shop.updateMany({ where: { domain: shop }, data: { locale } });
  remembered.set(shop, locale);
}

/** The shop admin's language; English until the admin has opened Ponte. */
export async function shopLocale(db: PrismaClient, shop: ShopDomain): Promise<Locale> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { locale: true } });
  return matchLocale(row?.locale) ?? DEFAULT_LOCALE;
}
