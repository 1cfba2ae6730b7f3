import type { ReceivedFlowTrigger } from "./mutations/flow-trigger-receive";
/** The emulator's in-memory stores: shops with what Ponte reads and writes of them. */
import type { BulkOperationRecord } from "./bulk-operations";
import type { ShopLocaleRecord } from "./mutations/translations";
import { CatalogStore } from "./store/catalog-store";
import { IdSequence } from "./store/ids";
import { OrderStore } from "./store/order-store";

export interface EmulatedLocation {
  id: number;
  name: string;
  isActive: boolean;
}

export interface ShopSeed {
  name: string;
  myshopifyDomain: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  planDisplayName: string;
  /** The offline access token the app holds for this shop. */
  accessToken: string;
  locations?: Array<Omit<EmulatedLocation, "id">>;
  /** The shop's languages (Settings → Languages); English alone, primary, by default. */
  locales?: ShopLocaleRecord[];
}

export interface EmulatedShop extends Omit<ShopSeed, "locations" | "locales"> {
  id: number;
  locations: EmulatedLocation[];
  locales: ShopLocaleRecord[];
  catalog: CatalogStore;
  orders: OrderStore;
  /** Results of idempotent mutations by key, replayed on a repeat. */
  idempotency: Map<string, { fingerprint: string; result: unknown }>;
  bulkOperations: Map<number, BulkOperationRecord>;
  /**
   * Shopify's resource limit on new variants, as its docs state it: once a store has `threshold` variants (50,000),
   * no more than `perDay` (1,000) new ones a day; past it, HTTP 429. `createdToday` counts the emulated day's.
   * ASSUMED: the 429 carries Retry-After (`retryAfterSeconds`, null for none), as Shopify's REST 429s do; the
   * documentation of this limit names no header.
   */
  variantLimit: { threshold: number; perDay: number; createdToday: number; retryAfterSeconds: number | null };
  /** Flow triggers the app sent (flowTriggerReceive), in order. */
  flowTriggers: ReceivedFlowTrigger[];
}

export class EmulatorState {
  private readonly shops = new Map<string, EmulatedShop>();
  readonly ids = new IdSequence();

  addShop(seed: ShopSeed): EmulatedShop {
    const locations = (seed.locations ?? [{ name: "Main warehouse", isActive: true }]).map((location) => ({ ...location, id: this.ids.take() }));
    const catalog = new CatalogStore(this.ids, () => locations.map((location) => location.id));
    const shop: EmulatedShop = {
      ...seed,
      id: this.ids.take(),
      locations,
      locales: (seed.locales ?? [{ locale: "en", name: "English", primary: true, published: true }]).map((locale) => ({ ...locale })),
      catalog,
      orders: new OrderStore(
        this.ids,
        seed.currencyCode,
        (variantId) => catalog.variants.get(variantId)?.productId ?? null,
        () => locations[0]?.id ?? null,
      ),
      idempotency: new Map(),
      bulkOperations: new Map(),
      variantLimit: { threshold: 50_000, perDay: 1_000, createdToday: 0, retryAfterSeconds: 3_600 },
      flowTriggers: [],
    };
    this.shops.set(shop.myshopifyDomain, shop);
    return shop;
  }

  shop(domain: string): EmulatedShop | undefined {
    return this.shops.get(domain);
  }

  shopByAccessToken(token: string): EmulatedShop | undefined {
    return [...this.shops.values()].find((shop) => shop.accessToken === token);
  }

  allShops(): EmulatedShop[] {
    return [...this.shops.values()];
  }
}

export const DEMO_SHOP: ShopSeed = {
  name: "Ponte Demo Store",
  myshopifyDomain: "ponte-demo.myshopify.com",
  email: "owner@ponte-demo.example",
  currencyCode: "EUR",
  ianaTimezone: "Europe/Rome",
  planDisplayName: "Basic",
  accessToken: "shpat_sandbox_demo_offline_token",
  locations: [
    { name: "Milano Centro", isActive: true },
    { name: "Torino Porta Nuova", isActive: true },
  ],
  // An Italian store that also sells in English.
  locales: [
    { locale: "it", name: "Italian", primary: true, published: true },
    { locale: "en", name: "English", primary: false, published: true },
  ],
};
