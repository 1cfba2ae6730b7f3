// Handled topic: BULK_OPERATIONS_FINISH (see shopify.app.toml)
import { webhookAction } from "../services/webhooks/webhook-action.server";

export const action = webhookAction("BULK_OPERATIONS_FINISH");
