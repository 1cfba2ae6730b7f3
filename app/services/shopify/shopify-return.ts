/**
 * A Shopify return, as far as the ERP needs it: which goods came back and where (the dispositions of its reverse
 * fulfillment order), and the refunds made for it. The returns/* webhooks name the return and its order; the rest is
 * read through the Admin API (GET_RETURN), parsed here.
 */
import { z } from "zod";
import { shopifyGid } from "./gid";

/** The return and its order, from a returns/* webhook (`order_id`, or `order.id`, as Shopify's payloads give them). */
export const returnWebhookSchema = z
  .object({
    id: z.number(),
    admin_graphql_api_id: z.string().nullish(),
    order_id: z.number().nullish(),
    order: z.object({ id: z.number() }).nullish(),
  })
  .refine((payload) => payload.order_id ?? payload.order?.id, "the return's order is not named");

export function returnOfWebhook(payload: unknown): { returnId: string; orderId: string } {
  const parsed = returnWebhookSchema.parse(payload);
  return {
    returnId: parsed.admin_graphql_api_id ?? shopifyGid("Return", parsed.id),
    orderId: shopifyGid("Order", (parsed.order_id ?? parsed.order?.id)!),
  };
}

const orderLineSchema = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  title: z.string(),
  isGiftCard: z.boolean(),
  variant: z.object({ id: z.string() }).nullable(),
});

const adminReturnSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  order: z.object({ id: z.string() }),
  reverseFulfillmentOrders: z.object({
    nodes: z.array(
      z.object({
        lineItems: z.object({
          nodes: z.array(
            z.object({
              fulfillmentLineItem: z.object({ lineItem: orderLineSchema }).nullable(),
              dispositions: z.array(z.object({ type: z.string(), quantity: z.number(), location: z.object({ id: z.string() }).nullable() })),
            }),
          ),
        }),
      }),
    ),
  }),
  // An unprocessed return line or a line of another kind (an unverified one) reads as {} and brings nothing back.
  returnLineItems: z
    .object({
      nodes: z.array(
        z.object({
          processedQuantity: z.number().nullish(),
          fulfillmentLineItem: z.object({ lineItem: orderLineSchema }).nullish(),
        }),
      ),
    })
    .nullish()
    .transform((v) => v?.nodes ?? []),
  exchangeLineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        lineItems: z
          .array(z.object({ id: z.string() }))
          .nullish()
          .transform((v) => v ?? []),
      }),
    ),
  }),
  refunds: z.object({ nodes: z.array(z.object({ id: z.string() })) }),
});

export interface ShopifyReturn {
  id: string;
  name: string;
  /** OPEN | CLOSED | … */
  status: string;
  orderId: string;
  /** Goods back in stock: each line's quantity restocked at a location. */
  restocked: ReturnedGoods[];
  /** Every unit processed back, restocked or not (its return line's processed quantity), with where it was restocked, if it was. */
  returned: ReturnedGoods[];
  refundIds: string[];
  /** How many exchange items the return has, processed or not. */
  exchanges: number;
  /** The order lines Shopify added for the exchange items processed (the new goods the buyer gets). */
  exchangeLineIds: string[];
}

export interface ReturnedGoods {
  lineItemId: string;
  sku: string | null;
  title: string;
  variantId: string | null;
  quantity: number;
  /** The location the units were restocked at; null when they were not restocked. */
  locationId: string | null;
}

export function returnFromAdminApi(node: unknown): ShopifyReturn {
  const parsed = adminReturnSchema.parse(node);
  const goods = (line: z.output<typeof orderLineSchema>, quantity: number, locationId: string | null): ReturnedGoods => ({
    lineItemId: line.id,
    sku: line.sku,
    title: line.title,
    variantId: line.variant?.id ?? null,
    quantity,
    locationId,
  });
  const restocked: ReturnedGoods[] = parsed.reverseFulfillmentOrders.nodes.flatMap((order) =>
    order.lineItems.nodes.flatMap((line) =>
      line.fulfillmentLineItem && !line.fulfillmentLineItem.lineItem.isGiftCard
        ? line.dispositions
            .filter((disposition) => disposition.type === "RESTOCKED" && disposition.quantity > 0 && disposition.location)
            .map((disposition) => goods(line.fulfillmentLineItem!.lineItem, disposition.quantity, disposition.location!.id))
        : [],
    ),
  );
  // Every unit processed back: those restocked where they were, the rest (not restocked, or no disposition given) nowhere.
  const processed = new Map<string, { line: z.output<typeof orderLineSchema>; quantity: number }>();
  for (const item of parsed.returnLineItems) {
    const line = item.fulfillmentLineItem?.lineItem;
    if (!line || line.isGiftCard || !item.processedQuantity) continue;
    processed.set(line.id, { line, quantity: (processed.get(line.id)?.quantity ?? 0) + item.processedQuantity });
  }
  const notRestocked = [...processed.values()].flatMap(({ line, quantity }) => {
    const back = restocked.filter((entry) => entry.lineItemId === line.id).reduce((total, entry) => total + entry.quantity, 0);
    return quantity > back ? [goods(line, quantity - back, null)] : [];
  });
  const returned = [...restocked, ...notRestocked];
  const exchanges = parsed.exchangeLineItems.nodes;
  return {
    id: parsed.id,
    name: parsed.name,
    status: parsed.status,
    orderId: parsed.order.id,
    restocked,
    returned,
    refundIds: parsed.refunds.nodes.map((refund) => refund.id),
    exchanges: exchanges.length,
    exchangeLineIds: exchanges.flatMap((exchange) => exchange.lineItems.map((line) => line.id)),
  };
}
