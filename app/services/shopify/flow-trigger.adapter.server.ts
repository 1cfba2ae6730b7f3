/** Shopify Flow: sends one of the app's triggers (flowTriggerReceive); Shopify's refusal comes back as its sentences. */
import type { AdminClient } from "./admin-client.server";
import { FLOW_TRIGGER_RECEIVE, FLOW_TRIGGER_RECEIVE_COST } from "./graphql/flow/flow-trigger-receive";

export async function sendFlowTrigger(client: AdminClient, handle: string, payload: Record<string, unknown>): Promise<void> {
  const { flowTriggerReceive } = await client.request(FLOW_TRIGGER_RECEIVE, { handle, payload }, FLOW_TRIGGER_RECEIVE_COST);
  const refused = flowTriggerReceive?.userErrors ?? [];
  if (refused.length > 0) throw new Error(refused.map((error) => error.message).join("; "));
}
