/**
 * Reads what an order holds of its buyer's legal data through the Admin API
 * (GET_ORDER_LEGAL_DATA), parsed at the edge into LegalSources. null when
 * Shopify no longer has the order.
 */
import { z } from "zod";
import { parseAnswer } from "../edges/parse-answer";
import { legalSourcesSchema, type LegalSources } from "../tax-ids/legal-sources";
import type { AdminClient } from "./admin-client.server";
import { GET_ORDER_LEGAL_DATA, GET_ORDER_LEGAL_DATA_COST } from "./graphql/orders/get-order-legal-data";

const metafields = z.object({ nodes: z.array(z.object({ namespace: z.string(), key: z.string(), value: z.string() })) }).nullish();
const country = z.object({ countryCodeV2: z.string().nullish() }).nullish();
const companyCountry = z.object({ countryCode: z.string().nullish() }).nullish();
const fields = z.object({ nodes: z.array(z.object({ key: z.string(), value: z.string(), countryCode: z.string().nullish() })) }).nullish();

const answerSchema = z.object({
  order: z
    .object({
      customAttributes: z.array(z.object({ key: z.string(), value: z.string().nullable() })).nullish(),
      localizedFields: fields,
      localizationExtensions: fields,
      billingAddress: country,
      shippingAddress: country,
      metafields,
      customer: z.object({ metafields }).nullish(),
      purchasingEntity: z
        .object({
          __typename: z.string(),
          company: z.object({ name: z.string().nullish() }).nullish(),
          location: z
            .object({
              taxSettings: z.object({ taxRegistrationId: z.string().nullish() }).nullish(),
              billingAddress: companyCountry,
              shippingAddress: companyCountry,
            })
            .nullish(),
        })
        .nullish(),
    })
    .nullable(),
});

/** keys: the metafields the merchant named, as namespace.key (none: no metafield is read). */
export async function readOrderLegalSources(client: AdminClient, orderId: string, keys: string[]): Promise<LegalSources | null> {
  const answer = parseAnswer(
    answerSchema,
    await client.request(GET_ORDER_LEGAL_DATA, { id: orderId, keys, withMetafields: keys.length > 0 }, GET_ORDER_LEGAL_DATA_COST),
    "Shopify (the order's legal data)",
  );
  const { order } = answer;
  if (!order) return null;
  const entity = order.purchasingEntity?.__typename === "PurchasingCompany" ? order.purchasingEntity : null;
  const location = entity?.location;
  return legalSourcesSchema.parse({
    // The same field under its older name counts once (the newer one first).
    localizedFields: [...(order.localizedFields?.nodes ?? []), ...(order.localizationExtensions?.nodes ?? [])].filter(
      (field, n, all) => all.findIndex((other) => other.key === field.key) === n,
    ),
    attributes: order.customAttributes ?? [],
    company: entity
      ? {
          name: entity.company?.name ?? null,
          taxRegistrationId: location?.taxSettings?.taxRegistrationId ?? null,
          countryCode: location?.billingAddress?.countryCode ?? location?.shippingAddress?.countryCode ?? null,
        }
      : null,
    orderMetafields: order.metafields?.nodes ?? [],
    customerMetafields: order.customer?.metafields?.nodes ?? [],
    countryCode: order.billingAddress?.countryCodeV2 ?? order.shippingAddress?.countryCodeV2 ?? null,
  });
}
