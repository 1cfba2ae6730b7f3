// Handled topic: APP_SCOPES_UPDATE (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("APP_SCOPES_UPDATE");
