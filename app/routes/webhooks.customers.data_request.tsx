// Handled topic: CUSTOMERS_DATA_REQUEST (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("CUSTOMERS_DATA_REQUEST");
