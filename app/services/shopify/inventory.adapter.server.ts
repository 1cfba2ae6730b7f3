/**
 * Sets absolute stock quantities in Shopify: one inventorySetQuantities call
 * of at most 250 quantities under an idempotency key (quantitiesCallKey), so
 * Shopify applies a call sent twice once. The stock push splits and sends.
 */
import { createHash } from "node:crypto";
import { payloadOf, ShopifyApiError, type AdminClient } from "./admin-client.server";
import type { SetInventoryQuantitiesMutation } from "./graphql/admin.generated";
import { SET_INVENTORY_QUANTITIES, SET_INVENTORY_QUANTITIES_COST, type InventoryQuantityInput } from "./graphql/inventory/set-inventory-quantities";

export const MAX_QUANTITIES_PER_CALL = 250;

export interface SetQuantitiesRequest {
  name: "available" | "on_hand";
  reason: string;
  referenceDocumentUri?: string;
  quantities: InventoryQuantityInput[];
}

/**
 * What Shopify did with one call. Shopify applies a call whole or not at all:
 * when it refuses any quantity, `applied` is 0 and each refused quantity is
 * named by its position in the call, either as stale (Shopify holds another
 * quantity than the call's changeFromQuantity: read it again and resend) or
 * as refused with Shopify's message.
 */
export interface CallOutcome {
  applied: number;
  stale: Set<number>;
  refused: Map<number, string>;
}

/** Shopify's code for a compare-and-set whose changeFromQuantity no longer holds. */
const STALE = "CHANGE_FROM_QUANTITY_STALE";

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
  return { applied: payload.inventoryAdjustmentGroup?.changes.length ?? 0, ...positionsOf(payload.userErrors) };
}

type QuantitiesUserError = NonNullable<SetInventoryQuantitiesMutation["inventorySetQuantities"]>["userErrors"][number];

/** Each user error of the call sorted by the quantity it names (field ["input", "quantities", position, …]). */
function positionsOf(userErrors: QuantitiesUserError[]): Pick<CallOutcome, "stale" | "refused"> {
  const stale = new Set<number>();
  const refused = new Map<number, string>();
  for (const error of userErrors) {
    const position = Number(error.field?.[2]);
    // An error about the whole call (its reason, its name) is no quantity's: nothing can be sent as asked.
    if (!Number.isInteger(position)) throw new ShopifyApiError(`Shopify refused the stock update: ${error.message}`);
    if (error.code === STALE) stale.add(position);
    else refused.set(position, error.message);
  }
  return { stale, refused };
}
