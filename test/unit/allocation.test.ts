// GIVEN any order and any sale points (priority order, stock, switched on or off)
// WHEN the order is allocated
// THEN no sale point gives more than its stock, everything is allocated whenever the active stock suffices,
//      priority is respected, switched-off sale points are never used, and nothing is lost
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateOrder, type OrderLineToAllocate, type SalePointStock } from "../../app/services/pos/allocation";
import { salePointId } from "../../app/services/ids";

const SKUS = ["CAF", "TAZ", "MOKA", "BIS"];
const lineArb = fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 20 }) });
const linesArb = fc
  .array(lineArb, { minLength: 1, maxLength: 8 })
  .map((lines) => lines.map((line, n): OrderLineToAllocate => ({ ...line, lineId: `L${n}` })));
const salePointsArb = fc
  .array(fc.record({ active: fc.boolean(), stock: fc.dictionary(fc.constantFrom(...SKUS), fc.integer({ min: 0, max: 15 })) }), {
    minLength: 0,
    maxLength: 5,
  })
  .map((points) => points.map((point, n): SalePointStock => ({ ...point, salePointId: salePointId(`SP${n}`) })));

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const allocatedAt = (result: ReturnType<typeof allocateOrder>, salePointId: string, sku: string) =>
  sum(result.allocations.filter((a) => a.salePointId === salePointId).flatMap((a) => a.lines.filter((l) => l.sku === sku).map((l) => l.quantity)));

describe("order allocation across sale points", () => {
  it("serves from the first sale point what it has and spills the rest to the next", () => {
    const result = allocateOrder(
      [
        { lineId: "L1", sku: "CAF", quantity: 5 },
        { lineId: "L2", sku: "TAZ", quantity: 1 },
      ],
      [
        { salePointId: salePointId("milano"), active: true, stock: { CAF: 3, TAZ: 4 } },
        { salePointId: salePointId("torino"), active: false, stock: { CAF: 10 } },
        { salePointId: salePointId("roma"), active: true, stock: { CAF: 10 } },
      ],
    );
    expect(result).toEqual({
      allocations: [
        {
          salePointId: salePointId("milano"),
          lines: [
            { lineId: "L1", sku: "CAF", quantity: 3 },
            { lineId: "L2", sku: "TAZ", quantity: 1 },
          ],
        },
        { salePointId: salePointId("roma"), lines: [{ lineId: "L1", sku: "CAF", quantity: 2 }] },
      ],
      unserved: [],
    });
  });

  it("reports what no active sale point can serve, by SKU", () => {
    const result = allocateOrder(
      [{ lineId: "L1", sku: "MOKA", quantity: 4 }],
      [{ salePointId: salePointId("milano"), active: true, stock: { MOKA: 1 } }],
    );
    expect(result.unserved).toEqual([{ lineId: "L1", sku: "MOKA", quantity: 3 }]);
  });

  it("never gives more than a sale point's stock", () => {
    fc.assert(
      fc.property(linesArb, salePointsArb, (lines, points) => {
        const result = allocateOrder(lines, points);
        for (const point of points)
          for (const sku of SKUS) expect(allocatedAt(result, point.salePointId, sku)).toBeLessThanOrEqual(point.stock[sku] ?? 0);
      }),
    );
  });

  it("allocates everything whenever the active sale points' total stock suffices, and loses nothing", () => {
    fc.assert(
      fc.property(linesArb, salePointsArb, (lines, points) => {
        const result = allocateOrder(lines, points);
        for (const line of lines) {
          const allocated = sum(result.allocations.flatMap((a) => a.lines.filter((l) => l.lineId === line.lineId).map((l) => l.quantity)));
          const unserved = sum(result.unserved.filter((l) => l.lineId === line.lineId).map((l) => l.quantity));
          expect(allocated + unserved).toBe(line.quantity);
        }
        for (const sku of SKUS) {
          const demand = sum(lines.filter((l) => l.sku === sku).map((l) => l.quantity));
          const stock = sum(points.filter((p) => p.active).map((p) => p.stock[sku] ?? 0));
          if (demand <= stock) expect(result.unserved.filter((l) => l.sku === sku)).toEqual([]);
        }
      }),
    );
  });

  it("respects priority: a later sale point serves a SKU only once every earlier active one has run out of it", () => {
    fc.assert(
      fc.property(linesArb, salePointsArb, (lines, points) => {
        const result = allocateOrder(lines, points);
        const active = points.filter((p) => p.active);
        active.forEach((later, j) => {
          for (const sku of SKUS) {
            if (allocatedAt(result, later.salePointId, sku) === 0) continue;
            for (const earlier of active.slice(0, j)) expect(allocatedAt(result, earlier.salePointId, sku)).toBe(earlier.stock[sku] ?? 0);
          }
        });
        expect(result.allocations.map((a) => a.salePointId)).toEqual(
          active.map((p) => p.salePointId).filter((id) => result.allocations.some((a) => a.salePointId === id)),
        );
      }),
    );
  });

  it("never uses a switched-off sale point", () => {
    fc.assert(
      fc.property(linesArb, salePointsArb, (lines, points) => {
        const off = new Set(points.filter((p) => !p.active).map((p) => p.salePointId));
        expect(allocateOrder(lines, points).allocations.filter((a) => off.has(a.salePointId))).toEqual([]);
      }),
    );
  });
});
