import type { SalePointId } from "../ids";
/**
 * Which sale points a Shopify location's stock comes from, pure: every active sale point for the sum, the one it is
 * mapped to when that one is active; none when the location is not fed by the POS. A switched-off sale point
 * contributes nothing, even when a location is mapped to it alone. (Each counts at 0 where its stock is below 0:
 * staged-sources.server.)
 */
export type LocationStockSource =
  { source: "none" } | { source: "sum" } | { source: "sale-point"; salePointId: SalePointId } | { source: "warehouse"; warehouseId: string };

export function salePointsFeeding(
  mapping: LocationStockSource,
  salePoints: ReadonlyArray<{ salePointId: SalePointId; active: boolean }>,
): SalePointId[] {
  if (mapping.source !== "sum" && mapping.source !== "sale-point") return [];
  return salePoints
    .filter((point) => point.active && (mapping.source === "sum" || point.salePointId === mapping.salePointId))
    .map((point) => point.salePointId);
}
