// Handled topic: RETURNS_CLOSE (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("RETURNS_CLOSE");
