/**
 * The Cassa in Cloud emulator's account: sale points, categories, products
 * (with variants, channel flags and prices), stock per sale point, orders
 * sent by connectors, and the account's order settings that break them.
 * Shapes follow ../shared/pos/cassa-in-cloud.md.
 */
export interface CassaSalePoint {
  id: number;
  name: string;
  description: string;
  street: string;
  city: string;
  zipcode: string;
  country: string;
  currency: string;
  hasActiveLicense: boolean;
}

export interface CassaCategory {
  id: string;
  description: string;
  externalId: string | null;
  idSalesPoint: number | null;
  enableForECommerce: boolean;
  lastUpdate: string;
}

export interface CassaPrice {
  idSalesPoint?: number;
  idSalesMode?: string;
  value: number;
}

export interface CassaVariant {
  id: string;
  description: string;
  internalId: string;
  barcodes: Array<{ value: string; format: string }>;
  prices: CassaPrice[];
}

export interface CassaProduct {
  id: string;
  description: string;
  descriptionExtended: string;
  idCategory: string;
  internalId: string;
  externalId: string | null;
  multivariant: boolean;
  prices: CassaPrice[];
  variants: CassaVariant[];
  images: Array<{ imageUrl: string }>;
  enableForSale: boolean;
  enableForECommerce: boolean;
  lastUpdate: string;
}

export interface CassaStock {
  idProduct: string;
  idProductVariant: string | null;
  manageStock: boolean;
  warningLevel: number;
  quantity: number;
  incomingQuantity: number;
  outgoingQuantity: number;
}

export interface CassaOrderRow {
  rowNumber: number;
  idProductVariant: string;
  quantity: number;
  price: number;
  note?: string | null;
}

export interface CassaOrder {
  id: string;
  externalId: string;
  isExternalOrder: boolean;
  date: string;
  dueDate: string;
  deliveryMode: string;
  status: string;
  externalWorkflowStatus: string;
  document: { idSalesPoint: number; amount: number; note: string | null; email: string | null; rows: CassaOrderRow[] };
}

/** The account's order settings; the defaults are the ones connectors need. */
export interface CassaOrderSettings {
  /** "Mandatory time": orders must carry a pickup/delivery time slot a connector cannot choose. */
  mandatoryTime: boolean;
  /** "Minimum order", in euros. */
  minimumOrder: number;
}

export class CassaBooks {
  readonly salePoints = new Map<number, CassaSalePoint>();
  readonly categories = new Map<string, CassaCategory>();
  readonly products = new Map<string, CassaProduct>();
  /** Stock by sale point, by variant id (or product id for a simple product). */
  readonly stock = new Map<number, Map<string, CassaStock>>();
  readonly orders = new Map<string, CassaOrder>();
  settings: CassaOrderSettings = { mandatoryTime: false, minimumOrder: 0 };
  private next = 1;

  id(prefix: string): string {
    return `${prefix}-${String(this.next++).padStart(8, "0")}-0000-4000-8000-000000000000`;
  }

  addSalePoint(point: Omit<CassaSalePoint, "hasActiveLicense"> & { hasActiveLicense?: boolean }): CassaSalePoint {
    const record = { hasActiveLicense: true, ...point };
    this.salePoints.set(record.id, record);
    this.stock.set(record.id, new Map());
    return record;
  }

  setStock(salePointId: number, product: CassaProduct, variant: CassaVariant | null, quantity: number): void {
    const key = variant?.id ?? product.id;
    this.stock.get(salePointId)!.set(key, {
      idProduct: product.id,
      idProductVariant: variant?.id ?? null,
      manageStock: true,
      warningLevel: 0,
      quantity,
      incomingQuantity: 0,
      outgoingQuantity: 0,
    });
  }

  /** A variant (or a simple product's own variant) by its id. */
  findVariant(id: string): { product: CassaProduct; variant: CassaVariant } | null {
    for (const product of this.products.values()) {
      const variant = product.variants.find((v) => v.id === id);
      if (variant) return { product, variant };
    }
    return null;
  }
}
