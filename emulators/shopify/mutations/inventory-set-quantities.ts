/**
 * inventorySetQuantities as 2026-07 documents it:
 * - the @idempotent(key:) directive is required (from 2026-04); a repeat of a
 *   key with the same input replays the first answer without applying it
 *   again; the same key with other input is IDEMPOTENCY_KEY_PARAMETER_MISMATCH;
 * - every quantity must carry changeFromQuantity, explicitly, even null; a
 *   value that differs from the stored quantity is CHANGE_FROM_QUANTITY_STALE
 *   and nothing in the call is applied;
 * - name is "available" or "on_hand"; reason one of Shopify's reasons; at most
 *   250 quantities; one (item, location) pair once per call.
 * Where the documentation is silent (the exact message and code for a
 * missing changeFromQuantity or idempotency key), the emulator's choice is
 * marked ASSUMED.
 */
import { createHash } from "node:crypto";
import { GraphQLError } from "graphql";
import { gid, numericIdOf } from "../store/ids";
import type { EmulatedShop } from "../state";

export const INVENTORY_REASONS = [
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
];
const MAX_QUANTITIES = 250;

interface QuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  changeFromQuantity?: number | null;
}

interface SetQuantitiesInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: QuantityInput[];
}

type UserError = { field: string[]; message: string; code: string };

export function inventorySetQuantities(shop: EmulatedShop, input: SetQuantitiesInput, idempotencyKey: string | null, now = new Date()) {
  if (!idempotencyKey || !idempotencyKey.trim()) {
    // ASSUMED: a top-level error, as for any other invalid request.
    throw new GraphQLError("The @idempotent directive with a non-empty key is required for inventorySetQuantities.", {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  const fingerprint = createHash("sha256").update(JSON.stringify(input)).digest("hex");
  const previous = shop.idempotency.get(idempotencyKey);
  if (previous) {
    if (previous.fingerprint !== fingerprint) {
      return {
        inventoryAdjustmentGroup: null,
        userErrors: [
          {
            field: ["input"],
            message: "The idempotency key was already used with different parameters.",
            code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
          },
        ],
      };
    }
    return previous.result;
  }
  const result = apply(shop, input, now);
  shop.idempotency.set(idempotencyKey, { fingerprint, result });
  return result;
}

function apply(shop: EmulatedShop, input: SetQuantitiesInput, now: Date) {
  const errors: UserError[] = [];
  if (!["available", "on_hand"].includes(input.name)) {
    errors.push({ field: ["input", "name"], message: "The quantity name must be either 'available' or 'on_hand'.", code: "INVALID_NAME" });
  }
  if (!INVENTORY_REASONS.includes(input.reason)) {
    errors.push({ field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON" });
  }
  if (input.quantities.length > MAX_QUANTITIES) {
    errors.push({
      field: ["input", "quantities"],
      message: `The maximum number of quantities is ${MAX_QUANTITIES}.`,
      code: "INVALID_QUANTITY_TOO_HIGH",
    });
  }
  const seen = new Set<string>();
  const resolved = input.quantities.map((quantity, index) => {
    const field = (name: string) => ["input", "quantities", String(index), name];
    const pair = `${quantity.inventoryItemId}|${quantity.locationId}`;
    if (seen.has(pair))
      errors.push({
        field: field("inventoryItemId"),
        message: "The same inventory item and location pair was given twice.",
        code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR",
      });
    seen.add(pair);
    const itemId = numericIdOf(quantity.inventoryItemId, "InventoryItem");
    const locationId = numericIdOf(quantity.locationId, "Location");
    if (itemId === null || !shop.catalog.items.has(itemId)) {
      errors.push({ field: field("inventoryItemId"), message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM" });
      return null;
    }
    if (locationId === null || !shop.locations.some((location) => location.id === locationId)) {
      errors.push({ field: field("locationId"), message: "The specified location could not be found.", code: "INVALID_LOCATION" });
      return null;
    }
    const level = shop.catalog.level(itemId, locationId);
    if (!level) {
      errors.push({
        field: field("locationId"),
        message: "The specified inventory item is not stocked at the location.",
        code: "ITEM_NOT_STOCKED_AT_LOCATION",
      });
      return null;
    }
    if (!("changeFromQuantity" in quantity)) {
      // ASSUMED code: the closest one the 2026-07 enum offers.
      errors.push({
        field: field("changeFromQuantity"),
        message: "changeFromQuantity is required: pass the expected current quantity, or null to skip the check.",
        code: "COMPARE_QUANTITY_REQUIRED",
      });
    } else if (quantity.changeFromQuantity !== null && quantity.changeFromQuantity !== (level.quantities[input.name] ?? 0)) {
      errors.push({
        field: field("changeFromQuantity"),
        message: "The specified compare quantity does not match the current quantity.",
        code: "CHANGE_FROM_QUANTITY_STALE",
      });
    }
    if (quantity.quantity > 1_000_000_000)
      errors.push({ field: field("quantity"), message: "The quantity is too high.", code: "INVALID_QUANTITY_TOO_HIGH" });
    if (quantity.quantity < -1_000_000_000)
      errors.push({ field: field("quantity"), message: "The quantity is too low.", code: "INVALID_QUANTITY_TOO_LOW" });
    return { itemId, locationId, quantity: quantity.quantity };
  });
  if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors };

  const timestamp = now.toISOString();
  const changes = resolved.map((change) => {
    const { itemId, locationId, quantity } = change!;
    const delta = shop.catalog.setQuantity(itemId, locationId, input.name, quantity, timestamp);
    return {
      __typename: "InventoryChange",
      name: input.name,
      delta,
      quantityAfterChange: quantity,
      ledgerDocumentUri: null,
      item: { __typename: "InventoryItem", id: gid("InventoryItem", itemId) },
      location: { __typename: "Location", id: gid("Location", locationId) },
    };
  });
  return {
    inventoryAdjustmentGroup: {
      __typename: "InventoryAdjustmentGroup",
      id: gid("InventoryAdjustmentGroup", Math.floor(now.getTime() / 1000) * 1000 + Math.floor(Math.random() * 1000)),
      createdAt: timestamp,
      reason: input.reason,
      referenceDocumentUri: input.referenceDocumentUri ?? null,
      changes,
    },
    userErrors: [],
  };
}
