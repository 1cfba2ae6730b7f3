import type { SalePointId } from "../ids";
/**
 * Which sale point serves what of an order, pure: lines, the sale points in
 * the merchant's priority order (each with its stock by SKU and whether it is
 * switched on) in; allocations out. Each line is served by the first active
 * sale point that has its SKU, as much as it has; the rest spills to the next.
 * Lines of the same SKU share a sale point's stock. What no active sale point
 * can serve is returned as unserved, never silently dropped.
 */

export interface OrderLineToAllocate {
  lineId: string;
  sku: string;
  quantity: number;
}

export interface SalePointStock {
  salePointId: SalePointId;
  active: boolean;
  /** Available quantity by SKU; a SKU absent here is 0. */
  stock: Readonly<Record<string, number>>;
}

export interface AllocatedLine {
  lineId: string;
  sku: string;
  quantity: number;
}

export interface SalePointAllocation {
  salePointId: SalePointId;
  lines: AllocatedLine[];
}

export interface AllocationResult {
  /** One per sale point that serves part of the order, in priority order. */
  allocations: SalePointAllocation[];
  unserved: AllocatedLine[];
}

export function allocateOrder(lines: readonly OrderLineToAllocate[], salePoints: readonly SalePointStock[]): AllocationResult {
  const active = salePoints.filter((point) => point.active);
  const left = active.map((point) => ({ ...point.stock }) as Record<string, number>);
  const served = active.map(() => new Map<string, AllocatedLine>());
  const unserved: AllocatedLine[] = [];

  for (const line of lines) {
    let wanted = Math.max(0, Math.floor(line.quantity));
    for (let index = 0; index < active.length && wanted > 0; index++) {
      const available = Math.max(0, Math.floor(left[index]![line.sku] ?? 0));
      const take = Math.min(available, wanted);
      if (take === 0) continue;
      left[index]![line.sku] = available - take;
      wanted -= take;
      const held = served[index]!.get(line.lineId);
      if (held) held.quantity += take;
      else served[index]!.set(line.lineId, { lineId: line.lineId, sku: line.sku, quantity: take });
    }
    if (wanted > 0) unserved.push({ lineId: line.lineId, sku: line.sku, quantity: wanted });
  }

  const allocations = active
    .map((point, index) => ({ salePointId: point.salePointId, lines: [...served[index]!.values()] }))
    .filter((allocation) => allocation.lines.length > 0);
  return { allocations, unserved };
}
