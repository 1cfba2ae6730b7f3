// Handled topic: CUSTOMERS_UPDATE (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("CUSTOMERS_UPDATE");
