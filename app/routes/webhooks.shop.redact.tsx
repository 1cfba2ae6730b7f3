// Handled topic: SHOP_REDACT (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("SHOP_REDACT");
