/**
 * The emulator's shops kept in a file (the sandbox's data folder), so that a restart goes on where it stopped, as the
 * ERP emulator's books and Ponte's database do: products, stock, customers, orders and their numbers, replayed
 * idempotent answers, and the id sequence. Bulk operations in flight are not kept (a restart ends them).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { ShopLocaleRecord } from "./mutations/translations";
import type { EmulatedLocation, EmulatedShop, EmulatorState } from "./state";

interface ShopSnapshot {
  myshopifyDomain: string;
  locations: EmulatedLocation[];
  locales?: ShopLocaleRecord[];
  catalog: { products: unknown[]; variants: unknown[]; items: unknown[]; levels: Array<[string, unknown]>; collections: unknown[] };
  orders: { orders: unknown[]; customers: unknown[]; nextNumber: number };
  idempotency: Array<[string, { fingerprint: string; result: unknown }]>;
  variantLimit: EmulatedShop["variantLimit"];
}

interface StateSnapshot {
  version: 1;
  nextId: number;
  shops: ShopSnapshot[];
}

export function snapshotOf(state: EmulatorState): StateSnapshot {
  return {
    version: 1,
    nextId: state.ids.upcoming,
    shops: state.allShops().map((shop) => ({
      myshopifyDomain: shop.myshopifyDomain,
      locations: shop.locations,
      locales: shop.locales,
      catalog: {
        products: [...shop.catalog.products.values()],
        variants: [...shop.catalog.variants.values()],
        items: [...shop.catalog.items.values()],
        levels: [...shop.catalog.levels.entries()],
        collections: [...shop.catalog.collections.values()],
      },
      orders: { orders: [...shop.orders.orders.values()], customers: [...shop.orders.customers.values()], nextNumber: shop.orders.upcomingNumber },
      idempotency: [...shop.idempotency.entries()],
      variantLimit: shop.variantLimit,
    })),
  };
}

/** Puts a saved state back into shops the emulator was started with (by domain); a shop not started is left out. */
export function restoreInto(state: EmulatorState, snapshot: StateSnapshot): void {
  state.ids.resumeAt(snapshot.nextId);
  for (const saved of snapshot.shops) {
    const shop = state.shop(saved.myshopifyDomain);
    if (!shop) continue;
    shop.locations.splice(0, shop.locations.length, ...saved.locations);
    if (saved.locales) shop.locales.splice(0, shop.locales.length, ...saved.locales);
    const refill = <K, V>(map: Map<K, V>, entries: Array<[K, V]>) => {
      map.clear();
      for (const [key, value] of entries) map.set(key, value);
    };
    const byId = <V extends { id: number }>(records: unknown[]) => (records as V[]).map((record) => [record.id, record] as [number, V]);
    refill(shop.catalog.products, byId(saved.catalog.products));
    refill(shop.catalog.variants, byId(saved.catalog.variants));
    refill(shop.catalog.items, byId(saved.catalog.items));
    refill(shop.catalog.levels, saved.catalog.levels as Array<[string, never]>);
    refill(shop.catalog.collections, byId(saved.catalog.collections));
    refill(shop.orders.orders, byId(saved.orders.orders));
    refill(shop.orders.customers, byId(saved.orders.customers));
    shop.orders.resumeNumberingAt(saved.orders.nextNumber);
    refill(shop.idempotency, saved.idempotency);
    Object.assign(shop.variantLimit, saved.variantLimit);
  }
}

/** Reads the file into the state when it exists; answers whether it did. */
export function restoreFromFile(state: EmulatorState, file: string): boolean {
  if (!existsSync(file)) return false;
  restoreInto(state, JSON.parse(readFileSync(file, "utf8")) as StateSnapshot);
  return true;
}

/** Writes the state whole, through a temporary file, so a crash mid-write leaves the last good copy. */
export function saveToFile(state: EmulatorState, file: string): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(snapshotOf(state)));
  renameSync(`${file}.tmp`, file);
}
