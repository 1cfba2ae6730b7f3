import type { ErpConnectionId } from "../ids";
import { say, type MerchantMessage } from "../../i18n/merchant-message";
/**
 * Which of a shop's ERPs an order goes to, by its shipping country: an ERP
 * that names the country takes it; the main ERP (the lowest position) takes
 * every order no other ERP claims, orders with no address included. Pure:
 * no I/O, the same answer for the export, the import's filter and the page.
 */

export interface ErpRoute {
  id: ErpConnectionId;
  name: string;
  position: number;
  /** ISO 3166 alpha-2 codes, upper case; ignored on the main ERP. */
  countries: string[];
}

/** The shop's ERPs, main first. */
export function byPosition<T extends Pick<ErpRoute, "position" | "name">>(routes: T[]): T[] {
  return [...routes].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

/** The ERP an order shipping to `countryCode` goes to; null when the shop has no ERP. */
export function erpForCountry<T extends ErpRoute>(routes: T[], countryCode: string | null | undefined): T | null {
  const [main, ...others] = byPosition(routes);
  if (!main) return null;
  const code = countryCode?.trim().toUpperCase();
  return (code ? others.find((route) => route.countries.includes(code)) : undefined) ?? main;
}

/** An order's country for routing: where it ships, else where it is billed. */
export function routingCountry(order: {
  shippingAddress: { countryCode: string } | null;
  billingAddress: { countryCode: string } | null;
}): string | null {
  return order.shippingAddress?.countryCode || order.billingAddress?.countryCode || null;
}

/**
 * "PL, cz de" -> ["PL", "CZ", "DE"]; an error names what is not a country
 * code. Every code once, in the order given.
 */
export function parseCountryList(text: string): { countries: string[] } | { error: MerchantMessage } {
  const parts = text
    .split(/[,;\s]+/)
    .map((part) => part.trim().toUpperCase())
    .filter(Boolean);
  const wrong = parts.filter((part) => !/^[A-Z]{2}$/.test(part));
  if (wrong.length > 0) return { error: say("errors.erp.countryCodes", { wrong: wrong.join(", ") }) };
  return { countries: [...new Set(parts)] };
}

/** A country two ERPs other than the main one both claim, to refuse before saving. */
export function conflictingCountry(routes: ErpRoute[], candidate: ErpRoute): { country: string; erp: string } | null {
  for (const route of byPosition(routes).slice(1)) {
    if (route.id === candidate.id) continue;
    const country = candidate.countries.find((code) => route.countries.includes(code));
    if (country) return { country, erp: route.name };
  }
  return null;
}
