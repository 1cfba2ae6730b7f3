// Shopify's Events: an order's updates (ORDER_EVENTS_PATH, the [[events.subscription]] of shopify.app.toml)
import { orderEventAction } from "../services/webhooks/webhook-action.server";

export const action = orderEventAction;
