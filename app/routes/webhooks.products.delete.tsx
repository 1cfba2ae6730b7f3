// Handled topic: PRODUCTS_DELETE (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("PRODUCTS_DELETE");
