// GIVEN the linked variants, what each location should show, and what Ponte last set
// WHEN the stock push works out what to send
// THEN only quantities that differ come out, with what was last set (null when never set), never below 0
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pairKey, stockChanges } from "../../app/services/catalog/stock-changes";

const items = [
  { sku: "A", inventoryItemId: "gid://shopify/InventoryItem/1" },
  { sku: "B", inventoryItemId: "gid://shopify/InventoryItem/2" },
];
const L1 = "gid://shopify/Location/1";
const L2 = "gid://shopify/Location/2";

describe("stock changes", () => {
  it("sends only what differs from what was last set, and a SKU the POS lacks as 0", () => {
    const held = new Map([
      [pairKey(items[0]!.inventoryItemId, L1), 5],
      [pairKey(items[1]!.inventoryItemId, L1), 0],
      [pairKey(items[0]!.inventoryItemId, L2), 2],
    ]);
    const wanted = new Map<string, Record<string, number>>([
      [L1, { A: 5, B: 3 }],
      [L2, { A: 0 }],
    ]);
    expect(stockChanges(items, wanted, held)).toEqual([
      { sku: "B", inventoryItemId: items[1]!.inventoryItemId, locationId: L1, from: 0, to: 3 },
      { sku: "A", inventoryItemId: items[0]!.inventoryItemId, locationId: L2, from: 2, to: 0 },
      // Never set at L2 before (a product that was linked, not created): Shopify's value is not checked.
      { sku: "B", inventoryItemId: items[1]!.inventoryItemId, locationId: L2, from: null, to: 0 },
    ]);
  });

  it("never asks for a negative quantity: POS stock below 0 shows as 0", () => {
    expect(stockChanges(items.slice(0, 1), new Map([[L1, { A: -4 }]]), new Map())).toEqual([
      { sku: "A", inventoryItemId: items[0]!.inventoryItemId, locationId: L1, from: null, to: 0 },
    ]);
  });

  it("after the changes are applied, the same target sends nothing", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 50 }), { minLength: 2, maxLength: 2 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 50 })), { minLength: 2, maxLength: 2 }),
        (stock, before) => {
          const wanted = new Map([[L1, { A: stock[0]!, B: stock[1]! }]]);
          const held = new Map<string, number>();
          items.forEach((item, index) => before[index] !== null && held.set(pairKey(item.inventoryItemId, L1), before[index]!));
          for (const change of stockChanges(items, wanted, held)) held.set(pairKey(change.inventoryItemId, change.locationId), change.to);
          expect(stockChanges(items, wanted, held)).toEqual([]);
        },
      ),
    );
  });
});
