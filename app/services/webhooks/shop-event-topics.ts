/**
 * The topics about a shop's business whose whole handling on arrival is to be
 * stored in the inbox (for a shop with Ponte installed): the workers' inbox
 * drain does the rest. The webhook door answers these before Remix. An order's
 * later changes come through Shopify's Events instead of orders/updated
 * (order-events.ts).
 */
export const SHOP_EVENT_TOPICS = [
  "ORDERS_CREATE",
  "ORDERS_PAID",
  "ORDERS_CANCELLED",
  "REFUNDS_CREATE",
  "RETURNS_CLOSE",
  "PRODUCTS_CREATE",
  "PRODUCTS_UPDATE",
  "PRODUCTS_DELETE",
] as const;

export type ShopEventTopic = (typeof SHOP_EVENT_TOPICS)[number];

/** The path Shopify posts a topic to (shopify.app.toml): ORDERS_CREATE at /webhooks/orders/create. */
export function webhookPath(topic: ShopEventTopic): string {
  return `/webhooks/${topic.toLowerCase().replace("_", "/")}`;
}
