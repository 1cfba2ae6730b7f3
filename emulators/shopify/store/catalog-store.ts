/** A shop's products, variants, inventory items and inventory levels. */
import { type IdSequence } from "./ids";

import type { MetafieldRecord } from "./order-store";
import type { TranslationRecord } from "../mutations/translations";

export interface ProductRecord {
  id: number;
  title: string;
  handle: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  vendor: string;
  productType: string;
  descriptionHtml: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  variantIds: number[];
  /** Its metafields (app-owned ones in "app--<api key>"-style namespaces as resolveNamespace makes them). */
  metafields?: MetafieldRecord[];
  /** Its media, in order (productSet's `files`): images fetched from their original source. */
  media?: Array<{ id: number; originalSource: string; contentType: string; alt: string | null }>;
  /** Its translations by locale and key (translationsRegister). */
  translations?: Record<string, Record<string, TranslationRecord>>;
}

export interface VariantRecord {
  id: number;
  productId: number;
  title: string;
  sku: string;
  price: string;
  barcode: string | null;
  inventoryItemId: number;
}

export interface InventoryItemRecord {
  id: number;
  variantId: number;
  sku: string;
  tracked: boolean;
}

/** A manual collection: the products the merchant put in it. */
export interface CollectionRecord {
  id: number;
  title: string;
  handle: string;
  productIds: number[];
}

/** Quantities by name ("available", "on_hand", ...) at one location. */
export interface InventoryLevelRecord {
  itemId: number;
  locationId: number;
  quantities: Record<string, number>;
  updatedAt: string;
}

export interface NewProduct {
  title: string;
  vendor?: string;
  productType?: string;
  status?: ProductRecord["status"];
  variants: NewVariant[];
}

/** A variant to add: stocked at `stockedAt` (every location when absent), at `stock` per location (else 0). */
export interface NewVariant {
  sku: string;
  title?: string;
  price: string;
  barcode?: string;
  stock?: Record<number, number>;
  stockedAt?: number[];
}

export class CatalogStore {
  readonly products = new Map<number, ProductRecord>();
  readonly variants = new Map<number, VariantRecord>();
  readonly items = new Map<number, InventoryItemRecord>();
  readonly levels = new Map<string, InventoryLevelRecord>();
  readonly collections = new Map<number, CollectionRecord>();

  constructor(
    private readonly ids: IdSequence,
    private readonly locationIds: () => number[],
  ) {}

  addProduct(input: NewProduct, now = new Date().toISOString()): ProductRecord {
    const product: ProductRecord = {
      id: this.ids.take(),
      title: input.title,
      handle: handleOf(input.title),
      status: input.status ?? "ACTIVE",
      vendor: input.vendor ?? "",
      productType: input.productType ?? "",
      descriptionHtml: "",
      tags: [],
      createdAt: now,
      updatedAt: now,
      variantIds: [],
    };
    this.products.set(product.id, product);
    for (const variantInput of input.variants) product.variantIds.push(this.addVariant(product.id, variantInput, now));
    return product;
  }

  /** A new id from the shop's sequence (a product's media). */
  takeId(): number {
    return this.ids.take();
  }

  addCollection(title: string, productIds: number[]): CollectionRecord {
    const collection: CollectionRecord = {
      id: this.ids.take(),
      title,
      handle: handleOf(title),
      productIds: productIds.filter((id) => this.products.has(id)),
    };
    this.collections.set(collection.id, collection);
    return collection;
  }

  collectionsOf(productId: number): CollectionRecord[] {
    return [...this.collections.values()].filter((collection) => collection.productIds.includes(productId));
  }

  /** Makes a product's variants exactly these: kept by id or SKU and updated, added, or removed. */
  replaceVariants(
    productId: number,
    wanted: Array<{
      id?: string | null;
      sku?: string | null;
      price?: string | null;
      barcode?: string | null;
      title?: string;
      stock?: Record<number, number>;
      stockedAt?: number[];
    }>,
    now: string,
  ): void {
    const product = this.products.get(productId)!;
    const current = product.variantIds.map((id) => this.variants.get(id)!);
    const kept: number[] = [];
    for (const want of wanted) {
      const byId = want.id ? current.find((v) => `gid://shopify/ProductVariant/${v.id}` === want.id) : undefined;
      const existing = byId ?? current.find((v) => want.sku && v.sku === want.sku);
      if (existing) {
        if (want.sku != null) existing.sku = want.sku;
        if (want.price != null) existing.price = want.price;
        if (want.barcode !== undefined) existing.barcode = want.barcode ?? null;
        this.items.get(existing.inventoryItemId)!.sku = existing.sku;
        kept.push(existing.id);
      } else {
        kept.push(
          this.addVariant(
            productId,
            {
              sku: want.sku ?? "",
              price: want.price ?? "0.00",
              barcode: want.barcode ?? undefined,
              title: want.title,
              stock: want.stock,
              stockedAt: want.stockedAt,
            },
            now,
          ),
        );
      }
    }
    for (const variant of current.filter((v) => !kept.includes(v.id))) {
      this.variants.delete(variant.id);
      this.items.delete(variant.inventoryItemId);
      for (const locationId of this.locationIds()) this.levels.delete(levelKey(variant.inventoryItemId, locationId));
    }
    product.variantIds = kept;
    product.updatedAt = now;
  }

  /** A new variant with its inventory item, stocked (at `stock`, else 0) where asked, else at every location. */
  private addVariant(productId: number, input: NewVariant, now: string): number {
    const variant: VariantRecord = {
      id: this.ids.take(),
      productId,
      title: input.title ?? "Default Title",
      sku: input.sku,
      price: input.price,
      barcode: input.barcode ?? null,
      inventoryItemId: this.ids.take(),
    };
    this.variants.set(variant.id, variant);
    this.items.set(variant.inventoryItemId, { id: variant.inventoryItemId, variantId: variant.id, sku: variant.sku, tracked: true });
    for (const locationId of input.stockedAt ?? this.locationIds()) {
      const available = input.stock?.[locationId] ?? 0;
      this.levels.set(levelKey(variant.inventoryItemId, locationId), {
        itemId: variant.inventoryItemId,
        locationId,
        quantities: { available, on_hand: available, committed: 0, incoming: 0, reserved: 0 },
        updatedAt: now,
      });
    }
    return variant.id;
  }

  level(itemId: number, locationId: number): InventoryLevelRecord | undefined {
    return this.levels.get(levelKey(itemId, locationId));
  }

  levelsOfItem(itemId: number): InventoryLevelRecord[] {
    return this.locationIds().flatMap((locationId) => this.levels.get(levelKey(itemId, locationId)) ?? []);
  }

  /** Sets a named quantity; "available" and "on_hand" move together, as with no committed stock. */
  setQuantity(itemId: number, locationId: number, name: string, quantity: number, now = new Date().toISOString()): number {
    const level = this.level(itemId, locationId);
    if (!level) throw new Error(`item ${itemId} is not stocked at location ${locationId}`);
    const before = level.quantities[name] ?? 0;
    const delta = quantity - before;
    level.quantities[name] = quantity;
    if (name === "available") level.quantities.on_hand = (level.quantities.on_hand ?? 0) + delta;
    if (name === "on_hand") level.quantities.available = (level.quantities.available ?? 0) + delta;
    level.updatedAt = now;
    const variant = this.variants.get(this.items.get(itemId)!.variantId)!;
    this.products.get(variant.productId)!.updatedAt = now;
    return delta;
  }
}

const handleOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function levelKey(itemId: number, locationId: number): string {
  return `${itemId}:${locationId}`;
}
