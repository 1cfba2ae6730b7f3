/**
 * What the stock push must send, pure: for each Shopify location that shows
 * POS stock and each linked variant, the quantity it should have, compared
 * with what Ponte last set there. Only differences come out.
 */
export interface QuantityChange {
  sku: string;
  inventoryItemId: string;
  locationId: string;
  /** What Ponte last set there; null when it never set it (a linked product): then Shopify's own value is not checked. */
  from: number | null;
  to: number;
}

export function stockChanges(
  items: ReadonlyArray<{ sku: string; inventoryItemId: string }>,
  wantedByLocation: ReadonlyMap<string, Readonly<Record<string, number>>>,
  held: ReadonlyMap<string, number>,
): QuantityChange[] {
  const changes: QuantityChange[] = [];
  for (const [locationId, stock] of wantedByLocation) {
    for (const item of items) {
      const to = Math.max(0, Math.trunc(stock[item.sku] ?? 0));
      const from = held.get(pairKey(item.inventoryItemId, locationId));
      if (from !== to) changes.push({ sku: item.sku, inventoryItemId: item.inventoryItemId, locationId, from: from ?? null, to });
    }
  }
  return changes;
}

export const pairKey = (inventoryItemId: string, locationId: string) => `${inventoryItemId}|${locationId}`;
