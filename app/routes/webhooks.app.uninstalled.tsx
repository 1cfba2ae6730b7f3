// Handled topic: APP_UNINSTALLED (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("APP_UNINSTALLED");
