/**
 * The generic HTTP ERP emulator's catalog: the products it offers to
 * e-commerce (with list and cost prices), its categories, warehouses and
 * their stock by SKU; read through the contract's paged catalog routes.
 */
import type { SourceCategory, SourceProduct } from "../../app/services/sources/product-source.types";
import type { ErpWarehouse } from "../../app/services/erp/erp.types";
import { erpRecordId } from "../../app/services/ids";

export class ErpCatalog {
  readonly products = new Map<string, SourceProduct>();
  readonly categories = new Map<string, SourceCategory>();
  readonly warehouses = new Map<string, ErpWarehouse>();
  /** warehouse id -> SKU -> quantity */
  readonly stock = new Map<string, Map<string, number>>();

  toJSON() {
    return {
      products: [...this.products.values()],
      categories: [...this.categories.values()],
      warehouses: [...this.warehouses.values()],
      stock: [...this.stock].map(([warehouseId, levels]) => ({ warehouseId, levels: [...levels] })),
    };
  }

  static fromJSON(json: ReturnType<ErpCatalog["toJSON"]> | undefined): ErpCatalog {
    const catalog = new ErpCatalog();
    for (const product of json?.products ?? []) catalog.products.set(product.id, product);
    for (const category of json?.categories ?? []) catalog.categories.set(category.id, category);
    for (const warehouse of json?.warehouses ?? []) catalog.warehouses.set(warehouse.id, warehouse);
    for (const { warehouseId, levels } of json?.stock ?? []) catalog.stock.set(warehouseId, new Map(levels));
    return catalog;
  }

  setStock(warehouseId: string, sku: string, quantity: number): void {
    if (!this.warehouses.has(warehouseId)) throw new Error(`no warehouse ${warehouseId}`);
    if (!this.stock.has(warehouseId)) this.stock.set(warehouseId, new Map());
    this.stock.get(warehouseId)!.set(sku, quantity);
  }

  /** Stock levels of the products offered to e-commerce, in SKU order; null for an unknown warehouse. */
  levelsAt(warehouseId: string): Array<{ variantId: string; sku: string; quantity: number }> | null {
    if (!this.warehouses.has(warehouseId)) return null;
    const held = this.stock.get(warehouseId) ?? new Map<string, number>();
    return [...this.products.values()]
      .flatMap((product) => product.variants.map((variant) => ({ variantId: variant.id, sku: variant.sku, quantity: held.get(variant.sku) ?? 0 })))
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  }
}

/** One page of a list by the contract's cursor: the cursor is the offset of the next item, as a string. */
export function pageOf<T>(items: T[], limit: number, cursor: string | null): { items: T[]; nextCursor: string | null } {
  const start = cursor ? Number(cursor) : 0;
  const end = start + limit;
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}

/** The sandbox's ERP catalog: the demo shop's goods with cost prices, in two warehouses. */
export function seedDemoErpCatalog(catalog: ErpCatalog): void {
  if (catalog.products.size > 0) return;
  catalog.categories.set("CAT-1", { id: "CAT-1", name: "Caffè" });
  catalog.categories.set("CAT-2", { id: "CAT-2", name: "Tazze" });
  catalog.warehouses.set("WH-MI", { id: erpRecordId("warehouse", "WH-MI"), name: "Magazzino Milano" });
  catalog.warehouses.set("WH-TO", { id: erpRecordId("warehouse", "WH-TO"), name: "Magazzino Torino" });
  const simple = (id: string, sku: string, name: string, price: string, cost: string, categoryId: string): SourceProduct => ({
    id,
    name,
    description: name,
    categoryId,
    variants: [{ id: `${id}-V`, sku, name, price, cost }],
    imageUrls: [],
  });
  for (const product of [
    simple("P-1", "CAF-GRANI-1KG", "Caffè in grani 1 kg", "18.90", "9.80", "CAT-1"),
    simple("P-2", "CAF-MOKA-250", "Caffè macinato moka", "5.40", "2.60", "CAT-1"),
    simple("P-3", "MOKA-3", "Moka 3 tazze", "29.00", "14.50", "CAT-2"),
  ]) {
    catalog.products.set(product.id, product);
  }
  const stock: Array<[string, string, number]> = [
    ["WH-MI", "CAF-GRANI-1KG", 40],
    ["WH-MI", "CAF-MOKA-250", 25],
    ["WH-MI", "MOKA-3", 6],
    ["WH-TO", "CAF-GRANI-1KG", 12],
    ["WH-TO", "MOKA-3", 2],
  ];
  for (const [warehouseId, sku, quantity] of stock) catalog.setStock(warehouseId, sku, quantity);
}
