/**
 * Pushes absolute stock quantities to Shopify: inventorySetQuantities in
 * batches of at most 250, each with its own idempotency key (derived from the
 * push and the batch, so a retried push repeats the same keys and Shopify
 * applies each batch once).
 */
import { createHash } from "node:crypto";
import { payloadOf, type AdminClient } from "./admin-client.server";
import type { SetInventoryQuantitiesMutation } from "./graphql/admin.generated";
import { SET_INVENTORY_QUANTITIES, SET_INVENTORY_QUANTITIES_COST, type InventoryQuantityInput } from "./graphql/inventory/set-inventory-quantities";

export const MAX_QUANTITIES_PER_CALL = 250;

export interface SetQuantitiesRequest {
  /** Identifies this push; the same push retried gives the same idempotency keys. */
  pushId: string;
  name: "available" | "on_hand";
  reason: string;
  referenceDocumentUri?: string;
  quantities: InventoryQuantityInput[];
}

export interface BatchOutcome {
  index: number;
  applied: number;
  userErrors: NonNullable<SetInventoryQuantitiesMutation["inventorySetQuantities"]>["userErrors"];
}

export function batchIdempotencyKey(pushId: string, index: number): string {
  return createHash("sha256").update(`${pushId}:${index}`).digest("hex").slice(0, 32);
}

export async function setInventoryQuantities(client: AdminClient, request: SetQuantitiesRequest): Promise<BatchOutcome[]> {
  const batches: InventoryQuantityInput[][] = [];
  for (let start = 0; start < request.quantities.length; start += MAX_QUANTITIES_PER_CALL) {
    batches.push(request.quantities.slice(start, start + MAX_QUANTITIES_PER_CALL));
  }
  return Promise.all(
    batches.map(async (quantities, index) => ({
      index,
      ...(await setQuantitiesOnce(client, { ...request, quantities }, batchIdempotencyKey(request.pushId, index))),
    })),
  );
}

/** One inventorySetQuantities call (at most 250 quantities) under the given idempotency key. */
export async function setQuantitiesOnce(
  client: AdminClient,
  request: Omit<SetQuantitiesRequest, "pushId">,
  idempotencyKey: string,
): Promise<Omit<BatchOutcome, "index">> {
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
