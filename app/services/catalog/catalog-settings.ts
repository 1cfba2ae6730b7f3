/** The catalog settings' words and defaults, shared by the browser (the Catalog page) and the server. */
export const CATALOG_SOURCES = { pos: "The POS", erp: "The ERP" } as const;
export type CatalogSourceKind = keyof typeof CATALOG_SOURCES;

export interface CatalogSettings {
  productSource: CatalogSourceKind;
  stockSource: CatalogSourceKind;
  syncCategories: boolean;
  syncImages: boolean;
  draftWhenOutOfStock: boolean;
  draftWhenNotOffered: boolean;
  /** Writes of more than this many products go through Shopify's bulk operations; up to it, one call each. */
  bulkThreshold: number;
}

export const DEFAULT_CATALOG_SETTINGS: CatalogSettings = {
  productSource: "pos",
  stockSource: "pos",
  syncCategories: true,
  syncImages: true,
  draftWhenOutOfStock: false,
  draftWhenNotOffered: true,
  bulkThreshold: 100,
};

/** Which systems are connected to the shop. */
export type ConnectedSystems = Record<CatalogSourceKind, boolean>;

/** The systems the catalog settings name that are not connected. */
export function missingCatalogSystems(settings: CatalogSettings, connected: ConnectedSystems): CatalogSourceKind[] {
  const uses = new Set([settings.productSource, settings.stockSource]);
  return (Object.keys(CATALOG_SOURCES) as CatalogSourceKind[]).filter((system) => uses.has(system) && !connected[system]);
}
