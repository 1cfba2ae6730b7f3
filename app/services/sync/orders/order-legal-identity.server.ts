/**
 * An order's legal identity for its export (services/tax-ids): what Shopify
 * holds of the buyer's tax ids, PEC and SDI code, read once and kept
 * (OrderLegalData), then worked out with the ERP's settings.
 *
 * A webhook carries the note attributes and whether the order is a B2B one,
 * never the checkout's localized fields (codice fiscale, PEC, CPF/CNPJ), the
 * company's tax registration id or metafields. So the order is read through
 * the Admin API (one query of about 12 points) only when one of those is
 * wanted: checkout fields for an order billed or shipped to a country whose
 * checkout asks for them (Italy, Brazil), a company for a B2B order, a
 * metafield the merchant named. Kept read, it is read again when the order
 * changed in Shopify since (a tax id corrected in the admin) or the merchant
 * names a metafield it did not ask for. An order with no legal data and
 * nothing read from Shopify costs one read of this table and no write.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { ShopDomain } from "../../ids";
import type { AdminClient } from "../../shopify/admin-client.server";
import { readOrderLegalSources } from "../../shopify/order-legal-data.server";
import type { ShopifyOrder } from "../../shopify/shopify-order";
import { legalIdentityOf } from "../../tax-ids/legal-identity";
import {
  CHECKOUT_FIELD_COUNTRIES,
  legalSourcesSchema,
  namedMetafieldKeys,
  type LegalDataSettings,
  type LegalSources,
} from "../../tax-ids/legal-sources";
import { hasProblems, isEmptyIdentity, legalIdentitySchema, type LegalIdentity } from "../../tax-ids/tax-identifier";

/** How the export reaches the shop's Admin API; null where no Shopify can be reached (the identity then comes from the webhook alone). */
export type ShopifyClientFor = ((shop: ShopDomain) => Promise<AdminClient>) | null;

const keptSchema = z.object({
  sources: legalSourcesSchema,
  /** Whether the order was read through the Admin API, and which metafields it asked for. */
  remote: z.boolean().default(false),
  keysRead: z.array(z.string()).default([]),
});

/** The order's OrderLegalData row, as legalIdentityForExport reads it. */
export interface KeptLegalData {
  sources: unknown;
  identity: unknown;
  readAt: Date;
}

export async function legalIdentityForExport(
  db: PrismaClient,
  clientFor: ShopifyClientFor,
  shop: ShopDomain,
  order: ShopifyOrder,
  settings: LegalDataSettings,
  /** The order's row when the caller read it already (null: none is kept); read here when not given. */
  keptRow?: KeptLegalData | null,
): Promise<LegalIdentity> {
  const wanted = namedMetafieldKeys(settings);
  const needsShopify = readsThroughAdminApi(order, settings, wanted);
  const where = { shop_orderId: { shop, orderId: order.id } };
  const row =
    keptRow !== undefined ? keptRow : await db.orderLegalData.findUnique({ where, select: { sources: true, identity: true, readAt: true } });
  const kept = row ? keptSchema.safeParse(row.sources) : null;
  const fresh =
    kept?.success &&
    new Date(order.updatedAt) <= row!.readAt &&
    (!needsShopify || (kept.data.remote && wanted.every((key) => kept.data.keysRead.includes(key))));
  const held = fresh ? kept.data : await readSources(clientFor, shop, order, needsShopify, wanted);
  const identity = legalIdentityOf(held.sources, settings);
  // Written only when there is something new to keep: a fresh read, or an identity the settings changed. An order with
  // nothing of the kind and nothing read from Shopify leaves no row (most orders of most shops).
  const changed = !row || !sameIdentity(row.identity, identity);
  if (fresh && !changed) return identity;
  if (!row && !held.remote && isEmptyIdentity(identity)) return identity;
  const data = {
    sources: held as unknown as Prisma.InputJsonValue,
    identity: identity as unknown as Prisma.InputJsonValue,
    hasProblems: hasProblems(identity),
  };
  await db.orderLegalData.upsert({ where, create: { shop, orderId: order.id, ...data }, update: fresh ? data : { ...data, readAt: new Date() } });
  return identity;
}

/** What Shopify holds of the order now: read through the Admin API when the settings need it, else its webhook's. */
async function readSources(
  clientFor: ShopifyClientFor,
  shop: ShopDomain,
  order: ShopifyOrder,
  needsShopify: boolean,
  wanted: string[],
): Promise<z.infer<typeof keptSchema>> {
  if (needsShopify && clientFor) {
    const read = await readOrderLegalSources(await clientFor(shop), order.id, wanted);
    return { sources: read ?? fromWebhook(order), remote: read !== null, keysRead: wanted };
  }
  if (needsShopify) console.warn(JSON.stringify({ event: "order-legal-data-webhook-only", shop, order: order.name }));
  return { sources: fromWebhook(order), remote: false, keysRead: [] };
}

function sameIdentity(stored: unknown, identity: LegalIdentity): boolean {
  const parsed = legalIdentitySchema.safeParse(stored);
  return parsed.success && JSON.stringify(parsed.data) === JSON.stringify(legalIdentitySchema.parse(identity));
}

/** Whether the settings want something of this order that only the Admin API gives. */
export function readsThroughAdminApi(order: ShopifyOrder, settings: LegalDataSettings, wantedMetafields: string[]): boolean {
  const countries = [order.billingAddress?.countryCode, order.shippingAddress?.countryCode].map((code) => code?.toUpperCase());
  if (settings.readCheckoutFields && countries.some((code) => code && CHECKOUT_FIELD_COUNTRIES.has(code))) return true;
  if (settings.readCompanies && order.companyLocationId) return true;
  return wantedMetafields.length > 0;
}

/** What the order's webhook holds: its note attributes and its country. */
function fromWebhook(order: ShopifyOrder): LegalSources {
  return legalSourcesSchema.parse({
    attributes: order.attributes,
    countryCode: order.billingAddress?.countryCode || order.shippingAddress?.countryCode || null,
  });
}
