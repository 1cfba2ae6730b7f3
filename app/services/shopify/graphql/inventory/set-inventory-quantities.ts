/**
 * Sets absolute quantities (2026-07): changeFromQuantity on every quantity,
 * an @idempotent key on every call. Estimated cost: 10 (a mutation).
 */
export const SET_INVENTORY_QUANTITIES = `#graphql
  mutation SetInventoryQuantities($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) {
      inventoryAdjustmentGroup {
        id
        changes {
          name
          delta
          quantityAfterChange
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
export const SET_INVENTORY_QUANTITIES_COST = 10;

export interface InventoryQuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  /** The quantity expected now; null skips Shopify's compare-and-set check. */
  changeFromQuantity: number | null;
}
