/** The emulator's in-memory stores: shops with what Ponte reads of them. */

export interface EmulatedLocation {
  id: string;
  name: string;
  isActive: boolean;
}

export interface EmulatedShop {
  /** Numeric part of the shop's GID. */
  id: number;
  name: string;
  myshopifyDomain: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  planDisplayName: string;
  /** The offline access token the app holds for this shop. */
  accessToken: string;
  locations: EmulatedLocation[];
}

export type ShopSeed = Omit<EmulatedShop, "id" | "locations"> & { locations?: Array<Omit<EmulatedLocation, "id">> };

export class EmulatorState {
  private readonly shops = new Map<string, EmulatedShop>();
  private nextId = 1;

  addShop(seed: ShopSeed): EmulatedShop {
    const id = this.nextId++;
    const locations = (seed.locations ?? [{ name: "Main warehouse", isActive: true }]).map((location) => ({
      ...location,
      id: `gid://shopify/Location/${this.nextId++}`,
    }));
    const shop: EmulatedShop = { ...seed, id, locations };
    this.shops.set(shop.myshopifyDomain, shop);
    return shop;
  }

  shop(domain: string): EmulatedShop | undefined {
    return this.shops.get(domain);
  }

  shopByAccessToken(token: string): EmulatedShop | undefined {
    return [...this.shops.values()].find((shop) => shop.accessToken === token);
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
};
