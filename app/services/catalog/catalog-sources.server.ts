/**
 * The shop's catalog sources as its settings choose them: products from the
 * POS or the ERP, stock from the POS (sale points per Shopify location) or
 * the ERP (a warehouse per location). A chosen source that is not connected
 * is named as the reason nothing can run.
 */
import type { PrismaClient } from "@prisma/client";
import type { SecretBox } from "../crypto/secret-box.server";
import type { ErpConnector } from "../erp/erp-connector";
import { erpConnectorForShop } from "../erp/erp-connections.server";
import type { PosConnector } from "../pos/pos-connector";
import { posConnectorForShop } from "../pos/pos-connections.server";
import { readCatalogSettings } from "./catalog-settings.server";
import { missingCatalogSystems, type ConnectedSystems } from "./catalog-settings";
import type { ProductSource } from "../sources/product-source.types";
import type { ShopDomain } from "../ids";

export type StockSource = { from: "pos"; pos: PosConnector } | { from: "erp"; erp: ErpConnector };

export interface CatalogSources {
  products: ProductSource;
  stock: StockSource;
}

export async function catalogSourcesForShop(db: PrismaClient, box: SecretBox, shop: ShopDomain): Promise<CatalogSources | { unavailable: string }> {
  const settings = await readCatalogSettings(db, shop);
  const needsPos = settings.productSource === "pos" || settings.stockSource === "pos";
  const needsErp = settings.productSource === "erp" || settings.stockSource === "erp";
  const pos = needsPos ? await posConnectorForShop(db, box, shop) : null;
  const erp = needsErp ? await erpConnectorForShop(db, box, shop) : null;
  if (needsPos && !pos) return { unavailable: `no POS is connected (${settings.productSource === "pos" ? "products" : "stock"} come from the POS)` };
  if (needsErp && !erp) return { unavailable: `no ERP is connected (${settings.productSource === "erp" ? "products" : "stock"} come from the ERP)` };
  return {
    products: settings.productSource === "erp" ? erp! : pos!,
    stock: settings.stockSource === "erp" ? { from: "erp", erp: erp! } : { from: "pos", pos: pos! },
  };
}

/**
 * Whether the systems the shop's catalog settings name are connected (the catalog's jobs and actions have work).
 * The caller says which systems are connected: it has read their connections already.
 */
export async function catalogSourcesConnected(db: PrismaClient, shop: ShopDomain, connected: ConnectedSystems): Promise<boolean> {
  return missingCatalogSystems(await readCatalogSettings(db, shop), connected).length === 0;
}
