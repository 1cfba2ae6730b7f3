// Handled topic: REFUNDS_CREATE (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("REFUNDS_CREATE");
