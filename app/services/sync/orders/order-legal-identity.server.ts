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
 * names a metafield it did not ask for.
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
import { hasProblems, NO_LEGAL_IDENTITY, type LegalIdentity } from "../../tax-ids/tax-identifier";

/** How the export reaches the shop's Admin API; null where no Shopify can be reached (the identity then comes from the webhook alone). */
export type ShopifyClientFor = ((shop: ShopDomain) => Promise<AdminClient>) | null;

const keptSchema = z.object({
  sources: legalSourcesSchema,
  /** Whether the order was read through the Admin API, and which metafields it asked for. */
  remote: z.boolean().default(false),
  keysRead: z.array(z.string()).default([]),
});

export async function legalIdentityForExport(
  db: PrismaClient,
  clientFor: ShopifyClientFor,
  shop: ShopDomain,
  order: ShopifyOrder,
  settings: LegalDataSettings,
): Promise<LegalIdentity> {
  const wanted = namedMetafieldKeys(settings);
  const needsShopify = readsThroughAdminApi(order, settings, wanted);
  const row = await db.orderLegalData.findUnique({ where: { shop_orderId: { shop, orderId: order.id } }, select: { sources: true, readAt: true } });
  const kept = row ? keptSchema.safeParse(row.sources) : null;
  let held = kept?.success ? kept.data : null;
  const changedSince = row !== null && new Date(order.updatedAt) > row.readAt;
  const stale = !held || changedSince || (needsShopify && (!held.remote || wanted.some((key) => !held!.keysRead.includes(key))));
  if (stale) {
    if (!needsShopify || !clientFor) {
      if (needsShopify) console.warn(JSON.stringify({ event: "order-legal-data-webhook-only", shop, order: order.name }));
      held = { sources: fromWebhook(order), remote: false, keysRead: [] };
    } else {
      const read = await readOrderLegalSources(await clientFor(shop), order.id, wanted);
      held = { sources: read ?? fromWebhook(order), remote: read !== null, keysRead: wanted };
    }
  }
  if (!held) return NO_LEGAL_IDENTITY;
  const identity = legalIdentityOf(held.sources, settings);
  const data = {
    sources: held as unknown as Prisma.InputJsonValue,
    identity: identity as unknown as Prisma.InputJsonValue,
    hasProblems: hasProblems(identity),
  };
  await db.orderLegalData.upsert({
    where: { shop_orderId: { shop, orderId: order.id } },
    create: { shop, orderId: order.id, ...data },
    update: stale ? { ...data, readAt: new Date() } : data,
  });
  return identity;
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
