/**
 * One shape for a Shopify refund, read from the `refunds/create` webhook or
 * from the `refunds` an order webhook carries (the same REST shape). Amounts
 * stay decimal strings; nothing here does arithmetic with numbers.
 *
 * Money is read in the shop's currency (`*_set.shop_money`), which is what
 * Ponte books; the presentment money is kept beside it, because a refund's
 * transactions are in the currency the buyer paid in.
 *
 * What the refund gives back, as Shopify accounts for it:
 * - each refunded line: its subtotal and its tax (`subtotal_set`,
 *   `total_tax_set`); the subtotal is after the line's discounts, and with
 *   tax when the order's prices include tax;
 * - shipping: `refund_shipping_lines` (newer payloads), or the
 *   `shipping_refund` order adjustment (older ones, whose amount is
 *   negative); a payload with both lists the same shipping twice, and the
 *   shipping lines are taken;
 * - order adjustments: the difference between what the lines were worth and
 *   what was refunded (`refund_discrepancy`); negative when more went back.
 * So the money given back is lines + shipping - adjustments, and it should
 * equal the refund's successful `refund` transactions.
 */
import { z } from "zod";
import { amount, format, fractionToPercent, isAmount, plain, sum, type Amount } from "../money/money";
import { shopifyGid, type ShopifyResource } from "./gid";

/** Shopify's money: a string in a `*_set`, a number in the older flat fields, read exactly. */
const money = z
  .union([z.string().refine(isAmount, "an amount"), z.number()])
  .transform((value) => (typeof value === "string" ? value.trim() : plain(amount(value))));
const moneyBag = z.object({
  shop_money: z.object({ amount: money, currency_code: z.string() }),
  presentment_money: z.object({ amount: money, currency_code: z.string() }).nullish(),
});
type MoneyBag = z.infer<typeof moneyBag>;

const taxLine = z.object({
  title: z.string().nullish(),
  rate: z.union([z.number(), z.string()]).nullish(),
  price: money.nullish(),
  price_set: moneyBag.nullish(),
});

const refundLineItem = z.object({
  id: z.number(),
  quantity: z.number(),
  line_item_id: z.number(),
  location_id: z.number().nullish(),
  /** no_restock | cancel | return | legacy_restock */
  restock_type: z.string().nullish(),
  subtotal: money.nullish(),
  total_tax: money.nullish(),
  subtotal_set: moneyBag.nullish(),
  total_tax_set: moneyBag.nullish(),
  line_item: z
    .object({
      admin_graphql_api_id: z.string().nullish(),
      title: z.string().nullish(),
      name: z.string().nullish(),
      sku: z.string().nullish(),
      variant_id: z.number().nullish(),
      product_id: z.number().nullish(),
      gift_card: z.boolean().nullish(),
      quantity: z.number().nullish(),
      tax_lines: z.array(taxLine).nullish(),
    })
    .nullish(),
});

const refundShippingLine = z.object({
  id: z.number().nullish(),
  subtotal_amount_set: moneyBag,
  total_tax_amount_set: moneyBag.nullish(),
  /** The shipping's tax, named as the Admin API's RefundShippingLine.taxAmountSet. */
  tax_amount_set: moneyBag.nullish(),
  shipping_line: z.object({ title: z.string().nullish(), tax_lines: z.array(taxLine).nullish() }).nullish(),
});

const orderAdjustment = z.object({
  id: z.number().nullish(),
  amount: money.nullish(),
  tax_amount: money.nullish(),
  amount_set: moneyBag.nullish(),
  tax_amount_set: moneyBag.nullish(),
  kind: z.string().nullish(),
  reason: z.string().nullish(),
});

const transaction = z.object({
  id: z.number().nullish(),
  kind: z.string(),
  status: z.string().nullish(),
  amount: money,
  currency: z.string().nullish(),
});

export const webhookRefundSchema = z.object({
  id: z.number(),
  admin_graphql_api_id: z.string().nullish(),
  order_id: z.number(),
  created_at: z.string(),
  processed_at: z.string().nullish(),
  note: z.string().nullish(),
  restock: z.boolean().nullish(),
  return: z.object({ id: z.number() }).nullish(),
  refund_line_items: z.array(refundLineItem).default([]),
  refund_shipping_lines: z.array(refundShippingLine).nullish(),
  order_adjustments: z.array(orderAdjustment).nullish(),
  transactions: z.array(transaction).nullish(),
});

/** What Shopify did with a refunded line's goods: back to stock (returned, or never sent), or nothing. */
export type RestockType = "return" | "cancel" | "no_restock" | "legacy_restock";

const taxShape = z.object({ title: z.string(), rate: z.string(), amount: z.string() });

const presentmentShape = z.object({ subtotal: z.string(), tax: z.string() }).nullable();

const refundLineShape = z.object({
  lineItemId: z.string(),
  sku: z.string().nullable(),
  title: z.string(),
  variantId: z.string().nullable(),
  giftCard: z.boolean().default(false),
  quantity: z.number(),
  restockType: z.string(),
  /** The location the goods went back to, when restocked. */
  locationId: z.string().nullable(),
  /** After discounts; with tax when the order's prices include tax. Shop money. */
  subtotal: z.string(),
  tax: z.string(),
  /** The tax split by the line's taxes (title, rate in percent), adding up to `tax`. */
  taxes: z.array(taxShape),
  /** The same subtotal and tax in the buyer's currency (null when Shopify did not give them). */
  presentment: z.object({ subtotal: z.string(), tax: z.string() }).nullable(),
});

/** Ponte's own shape of a refund, kept on its RefundRecord and read back with this schema. */
export const shopifyRefundSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  createdAt: z.string(),
  note: z.string().nullable(),
  /** The Shopify return the refund closes, if any. */
  returnId: z.string().nullable(),
  /** The shop's currency, in which the amounts below are. */
  currency: z.string(),
  /** The currency the buyer paid in, when it is another one. */
  presentmentCurrency: z.string().nullable(),
  lines: z.array(refundLineShape),
  shipping: z.array(z.object({ title: z.string(), amount: z.string(), tax: z.string(), taxes: z.array(taxShape), presentment: presentmentShape })),
  adjustments: z.array(
    z.object({ kind: z.string(), reason: z.string().nullable(), amount: z.string(), tax: z.string(), presentment: presentmentShape }),
  ),
  /** The successful refund transactions' total, in their currency (the buyer's), and what is still pending. */
  transactions: z.object({ currency: z.string().nullable(), succeeded: z.string(), pending: z.string() }),
});
export type ShopifyRefund = z.output<typeof shopifyRefundSchema>;
export type ShopifyRefundLine = ShopifyRefund["lines"][number];

const shop = (bag: MoneyBag | null | undefined, flat: string | null | undefined): string => bag?.shop_money.amount ?? flat ?? "0";
/** An amount and its tax in the buyer's currency, when Shopify gave the amount in it. */
const inPresentment = (bag: MoneyBag | null | undefined, tax: MoneyBag | null | undefined) =>
  bag?.presentment_money ? { subtotal: bag.presentment_money.amount, tax: tax?.presentment_money?.amount ?? "0" } : null;

/** A tax amount split over the taxes listed for it, in proportion to what each charged (the last takes the cent left). */
function splitTax(
  total: string,
  lines: Array<z.infer<typeof taxLine>> | null | undefined,
  currency: string,
): ShopifyRefund["lines"][number]["taxes"] {
  const taxes = (lines ?? []).filter((tax) => !amount(tax.price_set?.shop_money.amount ?? tax.price ?? "0").isZero());
  if (amount(total).isZero()) return [];
  if (taxes.length === 0) return [{ title: "Tax", rate: "0", amount: format(total, currency) }];
  const weights = taxes.map((tax) => amount(tax.price_set?.shop_money.amount ?? tax.price ?? "0"));
  const whole = sum(weights);
  let left = amount(total);
  return taxes.map((tax, n) => {
    const share = n === taxes.length - 1 ? left : amount(format(amount(total).times(weights[n]!).dividedBy(whole), currency));
    left = left.minus(share);
    return { title: tax.title ?? "Tax", rate: fractionToPercent(tax.rate ?? 0), amount: format(share, currency) };
  });
}

const gidText = (resource: ShopifyResource, id: number | null | undefined) => (id ? shopifyGid(resource, id) : null);

/** A refund as Ponte keeps it, from the REST shape Shopify's webhooks send. */
export function refundFromWebhook(payload: unknown): ShopifyRefund {
  const refund = webhookRefundSchema.parse(payload);
  const bags = [
    ...refund.refund_line_items.flatMap((line) => [line.subtotal_set, line.total_tax_set]),
    ...(refund.refund_shipping_lines ?? []).map((line) => line.subtotal_amount_set),
    ...(refund.order_adjustments ?? []).map((adjustment) => adjustment.amount_set),
  ].filter((bag): bag is MoneyBag => Boolean(bag));
  const transactions = (refund.transactions ?? []).filter((t) => t.kind === "refund");
  const currency = bags[0]?.shop_money.currency_code ?? transactions[0]?.currency ?? "XXX";
  const presentmentCurrency = bags.find((bag) => bag.presentment_money)?.presentment_money?.currency_code ?? null;
  const shippingLines = refund.refund_shipping_lines ?? [];
  const adjustments = (refund.order_adjustments ?? []).filter((adjustment) => !(shippingLines.length > 0 && adjustment.kind === "shipping_refund"));
  return {
    id: refund.admin_graphql_api_id ?? shopifyGid("Refund", refund.id),
    orderId: shopifyGid("Order", refund.order_id),
    createdAt: new Date(refund.created_at).toISOString(),
    note: refund.note ?? null,
    returnId: gidText("Return", refund.return?.id),
    currency,
    presentmentCurrency: presentmentCurrency && presentmentCurrency !== currency ? presentmentCurrency : null,
    lines: refund.refund_line_items.map((line) => {
      const subtotal = shop(line.subtotal_set, line.subtotal);
      const tax = shop(line.total_tax_set, line.total_tax);
      const item = line.line_item;
      return {
        lineItemId: item?.admin_graphql_api_id ?? shopifyGid("LineItem", line.line_item_id),
        sku: item?.sku?.trim() ? item.sku.trim() : null,
        title: item?.title ?? item?.name ?? `Line ${line.line_item_id}`,
        variantId: gidText("ProductVariant", item?.variant_id),
        giftCard: item?.gift_card ?? false,
        quantity: line.quantity,
        restockType: line.restock_type ?? (refund.restock ? "legacy_restock" : "no_restock"),
        locationId: gidText("Location", line.location_id),
        subtotal: format(subtotal, currency),
        tax: format(tax, currency),
        taxes: splitTax(tax, item?.tax_lines, currency),
        presentment: inPresentment(line.subtotal_set, line.total_tax_set),
      };
    }),
    shipping: shippingLines.map((line) => {
      const tax = shop(line.total_tax_amount_set ?? line.tax_amount_set, null);
      return {
        title: line.shipping_line?.title ?? "Shipping",
        amount: format(line.subtotal_amount_set.shop_money.amount, currency),
        tax: format(tax, currency),
        taxes: splitTax(tax, line.shipping_line?.tax_lines, currency),
        presentment: inPresentment(line.subtotal_amount_set, line.total_tax_amount_set ?? line.tax_amount_set),
      };
    }),
    adjustments: adjustments.map((adjustment) => {
      return {
        kind: adjustment.kind ?? "refund_discrepancy",
        reason: adjustment.reason ?? null,
        amount: format(shop(adjustment.amount_set, adjustment.amount), currency),
        tax: format(shop(adjustment.tax_amount_set, adjustment.tax_amount), currency),
        presentment: inPresentment(adjustment.amount_set, adjustment.tax_amount_set),
      };
    }),
    transactions: {
      currency: transactions[0]?.currency ?? null,
      succeeded: plain(sum(transactions.filter((t) => (t.status ?? "success") === "success").map((t) => t.amount))),
      pending: plain(sum(transactions.filter((t) => t.status === "pending").map((t) => t.amount))),
    },
  };
}

/** Whether a refunded line's goods went back to stock (returned, or cancelled before they were sent). */
export function isRestocked(line: Pick<ShopifyRefundLine, "restockType">): boolean {
  return line.restockType === "return" || line.restockType === "cancel" || line.restockType === "legacy_restock";
}

/** Reads a refund back from what Ponte kept. */
export function refundFromRecord(stored: unknown): ShopifyRefund {
  return shopifyRefundSchema.parse(stored);
}

/**
 * The money the refund gives back, in the shop's currency and in the buyer's: lines (with their tax), shipping,
 * less the adjustments. `taxesIncluded`: the lines' subtotals already hold their tax.
 */
export function refundValue(refund: ShopifyRefund, taxesIncluded: boolean): { shop: Amount; presentment: Amount | null; tax: Amount } {
  const lines = refund.lines.map((line) => (taxesIncluded ? amount(line.subtotal) : amount(line.subtotal).plus(line.tax)));
  const shipping = refund.shipping.map((line) => (taxesIncluded ? amount(line.amount) : amount(line.amount).plus(line.tax)));
  const adjustments = refund.adjustments.map((a) => amount(a.amount).plus(a.tax));
  const tax = sum([...refund.lines.map((l) => l.tax), ...refund.shipping.map((l) => l.tax)]).minus(sum(refund.adjustments.map((a) => a.tax)));
  const given = (part: { presentment: { subtotal: string; tax: string } | null }) =>
    part.presentment ? (taxesIncluded ? amount(part.presentment.subtotal) : amount(part.presentment.subtotal).plus(part.presentment.tax)) : null;
  const parts = [...refund.lines, ...refund.shipping].map(given);
  const taken = refund.adjustments.map((a) => (a.presentment ? amount(a.presentment.subtotal).plus(a.presentment.tax) : null));
  const presentmentValue = [...parts, ...taken].every((part) => part !== null) ? sum(parts as Amount[]).minus(sum(taken as Amount[])) : null;
  return { shop: sum([...lines, ...shipping]).minus(sum(adjustments)), presentment: presentmentValue, tax };
}

/**
 * The refunds an order webhook carries (its `refunds`), each read as refunds/create's are; one that cannot be read is
 * left out (the order is still taken, and the refund comes with its own webhook or the reconciliation).
 */
export function refundsOfOrderWebhook(payload: unknown): ShopifyRefund[] {
  const refunds = (payload as { refunds?: unknown } | null)?.refunds;
  if (!Array.isArray(refunds)) return [];
  return refunds.flatMap((refund) => {
    try {
      return [refundFromWebhook(refund)];
    } catch {
      return [];
    }
  });
}

const adminBag = z.object({
  shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }),
  presentmentMoney: z.object({ amount: z.string(), currencyCode: z.string() }),
});
const adminTaxLine = z.object({ title: z.string(), rate: z.number().nullable(), priceSet: adminBag });
const adminRefundSchema = z.object({
  id: z.string(),
  createdAt: z.string().nullable(),
  note: z.string().nullable(),
  return: z.object({ id: z.string() }).nullable(),
  refundLineItems: z.object({
    nodes: z.array(
      z.object({
        quantity: z.number(),
        restockType: z.string(),
        location: z.object({ id: z.string() }).nullable(),
        subtotalSet: adminBag,
        totalTaxSet: adminBag,
        lineItem: z.object({
          id: z.string(),
          sku: z.string().nullable(),
          title: z.string(),
          quantity: z.number(),
          isGiftCard: z.boolean(),
          variant: z.object({ id: z.string() }).nullable(),
          taxLines: z.array(adminTaxLine),
        }),
      }),
    ),
  }),
  refundShippingLines: z.object({
    nodes: z.array(
      z.object({
        subtotalAmountSet: adminBag,
        taxAmountSet: adminBag,
        shippingLine: z.object({ title: z.string(), taxLines: z.array(adminTaxLine) }),
      }),
    ),
  }),
  orderAdjustments: z.object({ nodes: z.array(z.object({ reason: z.string().nullable(), amountSet: adminBag, taxAmountSet: adminBag })) }),
  transactions: z.object({
    nodes: z.array(
      z.object({
        kind: z.string(),
        status: z.string(),
        amountSet: z.object({ presentmentMoney: z.object({ amount: z.string(), currencyCode: z.string() }) }),
      }),
    ),
  }),
});

const restBag = (bag: z.infer<typeof adminBag>) => ({
  shop_money: { amount: bag.shopMoney.amount, currency_code: bag.shopMoney.currencyCode },
  presentment_money: { amount: bag.presentmentMoney.amount, currency_code: bag.presentmentMoney.currencyCode },
});
const restTaxLines = (lines: Array<z.infer<typeof adminTaxLine>>) =>
  lines.map((tax) => ({ title: tax.title, rate: tax.rate ?? 0, price_set: restBag(tax.priceSet) }));
const numericId = (gid: string) => Number(gid.split("/").pop()!.split("?")[0]);

/**
 * A refund as the Admin API gives it (GET_ORDER_REFUNDS), read into the same shape as the webhook's: the Admin API's
 * answer is rewritten into Shopify's REST refund and read by refundFromWebhook, so both ways agree by construction.
 */
export function refundFromAdminApi(orderId: string, node: unknown): ShopifyRefund {
  const refund = adminRefundSchema.parse(node);
  return refundFromWebhook({
    id: numericId(refund.id),
    admin_graphql_api_id: refund.id,
    order_id: numericId(orderId),
    created_at: refund.createdAt ?? new Date(0).toISOString(),
    note: refund.note,
    return: refund.return ? { id: numericId(refund.return.id) } : null,
    refund_line_items: refund.refundLineItems.nodes.map((line, n) => ({
      id: n + 1,
      quantity: line.quantity,
      line_item_id: numericId(line.lineItem.id),
      location_id: line.location ? numericId(line.location.id) : null,
      restock_type: line.restockType.toLowerCase(),
      subtotal_set: restBag(line.subtotalSet),
      total_tax_set: restBag(line.totalTaxSet),
      line_item: {
        admin_graphql_api_id: line.lineItem.id,
        title: line.lineItem.title,
        sku: line.lineItem.sku,
        variant_id: line.lineItem.variant ? numericId(line.lineItem.variant.id) : null,
        gift_card: line.lineItem.isGiftCard,
        quantity: line.lineItem.quantity,
        tax_lines: restTaxLines(line.lineItem.taxLines),
      },
    })),
    refund_shipping_lines: refund.refundShippingLines.nodes.map((line) => ({
      subtotal_amount_set: restBag(line.subtotalAmountSet),
      tax_amount_set: restBag(line.taxAmountSet),
      shipping_line: { title: line.shippingLine.title, tax_lines: restTaxLines(line.shippingLine.taxLines) },
    })),
    order_adjustments: refund.orderAdjustments.nodes.map((adjustment) => ({
      kind: "refund_discrepancy",
      reason: adjustment.reason,
      amount_set: restBag(adjustment.amountSet),
      tax_amount_set: restBag(adjustment.taxAmountSet),
    })),
    transactions: refund.transactions.nodes.map((transaction) => ({
      kind: transaction.kind.toLowerCase(),
      status: transaction.status.toLowerCase(),
      amount: transaction.amountSet.presentmentMoney.amount,
      currency: transaction.amountSet.presentmentMoney.currencyCode,
    })),
  });
}
