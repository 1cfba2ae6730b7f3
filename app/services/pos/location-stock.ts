import type { SalePointId } from "../ids";
/**
 * What a Shopify location's stock is, from the POS, pure: one sale point's
 * stock, or the sum over the active sale points; none when the location is
 * not synced. A switched-off sale point contributes nothing, even when a
 * location is mapped to it alone.
 */
export type LocationStockSource =
  { source: "none" } | { source: "sum" } | { source: "sale-point"; salePointId: SalePointId } | { source: "warehouse"; warehouseId: string };

export function stockForLocation(
  mapping: LocationStockSource,
  salePoints: ReadonlyArray<{ salePointId: SalePointId; active: boolean }>,
  stockBySalePoint: ReadonlyMap<string, Readonly<Record<string, number>>>,
): Record<string, number> | null {
  if (mapping.source === "none" || mapping.source === "warehouse") return null;
  const counted = salePoints.filter((point) => point.active && (mapping.source === "sum" || point.salePointId === mapping.salePointId));
  const total: Record<string, number> = {};
  for (const point of counted) {
    for (const [sku, quantity] of Object.entries(stockBySalePoint.get(point.salePointId) ?? {}))
      total[sku] = (total[sku] ?? 0) + Math.max(0, quantity);
  }
  return total;
}
