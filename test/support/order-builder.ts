/**
 * The one builder of Shopify orders for the tests, as the webhook path makes them (ShopifyOrder): a paid EUR
 * order with one line and no customer, each field changeable. Every order it builds has its own id, name and
 * line ids; `series` keeps the tests' numbering apart ("#E1", "#P1").
 */
import { shopifyOrderSchema, type ShopifyOrder, type ShopifyOrderInput } from "../../app/services/shopify/shopify-order";

let next = 1;

export interface TestOrderLine {
  sku: string | null;
  quantity: number;
  price?: string;
  title?: string;
  variantId?: string | null;
}

/** An order; `lines` are simple lines (taxes none, discount none) unless `change.lines` gives Shopify's own. */
export function testOrder(series: string, change: Partial<ShopifyOrderInput> = {}, lines?: TestOrderLine[]): ShopifyOrder {
  const n = next++;
  const now = "2026-11-20T10:00:00.000Z";
  return shopifyOrderSchema.parse({
    id: `gid://shopify/Order/${series.charCodeAt(0) * 1000 + n}`,
    name: `#${series}${n}`,
    email: "anna@example.it",
    createdAt: now,
    updatedAt: now,
    cancelledAt: null,
    financialStatus: "PAID",
    currency: "EUR",
    note: null,
    taxesIncluded: false,
    shippingLines: [],
    billingAddress: null,
    customer: null,
    shippingAddress: null,
    lines: (lines ?? [{ sku: "TEA-1", quantity: 1, price: "4.00", title: "Tè" }]).map((line, i) => ({
      id: `gid://shopify/LineItem/${n}${i}`,
      sku: line.sku,
      title: line.title ?? line.sku ?? "Item",
      quantity: line.quantity,
      price: line.price ?? "10.00",
      discount: "0",
      taxes: [],
      variantId: line.variantId ?? null,
    })),
    ...change,
  });
}
