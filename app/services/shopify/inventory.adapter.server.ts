/**
 * Sets absolute stock quantities in Shopify: one inventorySetQuantities call
 * of at most 250 quantities under an idempotency key (quantitiesCallKey), so
 * Shopify applies a call sent twice once. The stock push splits and sends.
 */
import { createHash } from "node:crypto";
import { payloadOf, type AdminClient } from "./admin-client.server";
import type { SetInventoryQuantitiesMutation } from "./graphql/admin.generated";
import { SET_INVENTORY_QUANTITIES, SET_INVENTORY_QUANTITIES_COST, type InventoryQuantityInput } from "./graphql/inventory/set-inventory-quantities";

export const MAX_QUANTITIES_PER_CALL = 250;

export interface SetQuantitiesRequest {
  name: "available" | "on_hand";
  reason: string;
  referenceDocumentUri?: string;
  quantities: InventoryQuantityInput[];
}

export interface CallOutcome {
  applied: number;
  userErrors: NonNullable<SetInventoryQuantitiesMutation["inventorySetQuantities"]>["userErrors"];
}

/**
 * The idempotency key of one call: the same run, batch, attempt and quantities
 * always give the same key, so a call sent again (a retry after a lost
 * answer) replays Shopify's first answer instead of applying twice.
 */
export function quantitiesCallKey(runId: string, batch: number, attempt: number, quantities: InventoryQuantityInput[]): string {
  return createHash("sha256")
    .update(`${runId}:${batch}:${attempt}:${JSON.stringify(quantities)}`)
    .digest("hex")
    .slice(0, 32);
}

/** One inventorySetQuantities call (at most 250 quantities) under the given idempotency key. */
export async function setQuantitiesOnce(client: AdminClient, request: SetQuantitiesRequest, idempotencyKey: string): Promise<CallOutcome> {
  const result = await client.request(
    SET_INVENTORY_QUANTITIES,
    {
      input: {
        name: request.name,
        reason: request.reason,
        referenceDocumentUri: request.referenceDocumentUri ?? null,
        quantities: request.quantities,
      },
      idempotencyKey,
    },
    SET_INVENTORY_QUANTITIES_COST,
  );
  const payload = payloadOf(result.inventorySetQuantities, "inventorySetQuantities");
  return { applied: payload.inventoryAdjustmentGroup?.changes.length ?? 0, userErrors: payload.userErrors };
}
