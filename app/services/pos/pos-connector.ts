/**
 * The one interface every POS adapter implements. A refusal the POS means (an
 * account setting that blocks connectors' orders) is PosSettingError; a
 * failure that may pass (network, 429, 5xx) is PosUnavailableError; a bad key is
 * PermanentError.
 */
import { PermanentError, UnavailableError } from "../errors";
import type {
  IncompatibleSetting,
  NewPosOrder,
  PosCategory,
  PosConnectionCheck,
  PosOrderSent,
  PosProduct,
  PosSalePoint,
  PosStockLevel,
} from "./pos.types";
import type { StockPage } from "../sources/product-source.types";
import type { SalePointId } from "../ids";

export const SETTING_ADVICE: Record<IncompatibleSetting, string> = {
  "mandatory-time": 'The POS account requires an order time. In Cassa in Cloud, open Settings > Orders and set "Mandatory time" to No.',
  "minimum-order": 'The POS account has a minimum order above 0. In Cassa in Cloud, open Settings > Orders and set "Minimum order" to 0.',
};

export class PosSettingError extends PermanentError {
  constructor(readonly setting: IncompatibleSetting) {
    super(SETTING_ADVICE[setting]);
    this.name = "PosSettingError";
  }
}

/** The POS did not answer, or answered that it cannot now (429, 5xx): every call to it fails until it is back. */
export class PosUnavailableError extends UnavailableError {
  constructor(message: string) {
    super(message);
    this.name = "PosUnavailableError";
  }
}

export interface PosConnector {
  readonly kind: string;
  readonly sourceName: "POS";
  /** Validates the key and lists the sale points it unlocks. */
  testConnection(): Promise<PosConnectionCheck>;
  listSalePoints(): Promise<PosSalePoint[]>;
  /** Categories enabled for e-commerce. */
  listCategories(): Promise<PosCategory[]>;
  /** Products enabled for e-commerce. */
  listProducts(): Promise<PosProduct[]>;
  /** The same products a page at a time. */
  productPages(): AsyncIterable<PosProduct[]>;
  /** Stock by SKU; `products` (from listProducts) spares reading them again when the caller already has them. */
  stockAt(salePointId: SalePointId, products?: PosProduct[]): Promise<PosStockLevel[]>;
  /** The offered products with these ids, asked for by id (an id the POS no longer offers is left out). */
  productsWithIds(ids: readonly string[]): Promise<PosProduct[]>;
  /** Stock by SKU of these products alone at one sale point: asked for by product, whatever the catalog's size. */
  stockOfProducts(salePointId: SalePointId, products: readonly PosProduct[]): Promise<PosStockLevel[]>;
  /**
   * The stock of these sale points a page of offered products at a time, so that a catalog of any size is read in
   * the memory of one page; a page may be empty.
   */
  stockPages(salePointIds: SalePointId[]): AsyncIterable<StockPage>;
  /** Sends a web order to one sale point; a repeat of the same externalId is harmless (repeated: true). */
  sendOrder(order: NewPosOrder): Promise<PosOrderSent>;
}
