// Handled topic: PRODUCTS_UPDATE (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("PRODUCTS_UPDATE");
