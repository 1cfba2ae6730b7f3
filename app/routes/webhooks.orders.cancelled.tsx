// Handled topic: ORDERS_CANCELLED (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("ORDERS_CANCELLED");
