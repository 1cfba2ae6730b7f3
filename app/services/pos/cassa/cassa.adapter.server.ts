/**
 * Cassa in Cloud as a PosConnector: sale points with an active licence,
 * categories and products enabled for e-commerce (a simple product sells
 * through its single variant), stock per sale point, and web orders sent
 * with `POST /documents/orders/batch`, where the order's externalId makes a
 * repeat harmless (ConflictValue). Fields are read as the API names them
 * (see ../shared/pos/cassa-in-cloud.md); parsing is lenient on extras.
 */
import { parseAnswer } from "../../edges/parse-answer";
import { amount, format, sum, toJsonNumber } from "../../money/money";
import { z } from "zod";
import { PosSettingError, type PosConnector } from "../pos-connector";
import type { NewPosOrder, PosCategory, PosConnectionCheck, PosOrderSent, PosProduct, PosSalePoint, PosStockLevel } from "../pos.types";
import type { PlacedStockLevel, StockPage } from "../../sources/product-source.types";
import { CASSA_MAX_PAGE, CassaApiError, CassaClient, type CassaSettings } from "./cassa-client.server";
import { posOrderId, type SalePointId, salePointId } from "../../ids";

const ECOMMERCE = ["ECOMMERCE"];

const priceSchema = z.object({ idSalesPoint: z.number().nullish(), idSalesMode: z.string().nullish(), value: z.number() });
const salePointSchema = z.object({
  id: z.number(),
  name: z.string(),
  street: z.string().nullish(),
  city: z.string().nullish(),
  zipcode: z.string().nullish(),
});
const categorySchema = z.object({ id: z.string(), description: z.string() });
const productSchema = z.object({
  id: z.string(),
  description: z.string(),
  descriptionExtended: z.string().nullish(),
  idCategory: z.string().nullish(),
  internalId: z.string().nullish(),
  multivariant: z.boolean().nullish(),
  prices: z.array(priceSchema).default([]),
  variants: z
    .array(
      z.object({ id: z.string(), description: z.string().nullish(), internalId: z.string().nullish(), prices: z.array(priceSchema).default([]) }),
    )
    .default([]),
  images: z.array(z.object({ imageUrl: z.string() })).default([]),
});
const stockSchema = z.object({ idProduct: z.string(), idProductVariant: z.string().nullish(), quantity: z.number() });
const batchSchema = z.object({
  batchResponse: z.object({ createDetails: z.array(z.object({ index: z.number(), id: z.string(), externalId: z.string().nullish() })) }),
});

/** `items` in runs of at most `size` (Cassa's list filters and pages take 100). */
function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** The base price: the one with no sale point and no sales mode. */
const basePrice = (prices: Array<z.infer<typeof priceSchema>>) =>
  amount((prices.find((p) => !p.idSalesPoint && !p.idSalesMode) ?? prices[0])?.value ?? 0);

export class CassaAdapter implements PosConnector {
  readonly kind = "cassa-in-cloud";
  readonly sourceName = "POS";
  private readonly client: CassaClient;

  constructor(settings: CassaSettings) {
    this.client = new CassaClient(settings);
  }

  async testConnection(): Promise<PosConnectionCheck> {
    try {
      return { ok: true, salePoints: await this.listSalePoints() };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async listSalePoints(): Promise<PosSalePoint[]> {
    const rows = await this.client.getAll("/salespoint", "salesPoint", { hasActiveLicense: true });
    return rows.map((row) => {
      const point = parseAnswer(salePointSchema, row, "Cassa in Cloud (GET /salespoint)");
      return {
        id: salePointId(String(point.id)),
        name: point.name,
        address: [point.street, [point.zipcode, point.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
      };
    });
  }

  async listCategories(): Promise<PosCategory[]> {
    const rows = await this.client.getAll("/categories", "categories", { enabledForChannels: ECOMMERCE });
    return rows.map((row) => {
      const category = parseAnswer(categorySchema, row, "Cassa in Cloud (GET /categories)");
      return { id: category.id, name: category.description };
    });
  }

  async listProducts(): Promise<PosProduct[]> {
    const products: PosProduct[] = [];
    for await (const page of this.productPages()) products.push(...page);
    return products;
  }

  async *productPages(): AsyncGenerator<PosProduct[]> {
    for await (const rows of this.client.pages("/products", "products", { enabledForChannels: ECOMMERCE })) yield rows.map(toPosProduct);
  }

  async stockAt(salePointId: SalePointId, known?: PosProduct[]): Promise<PosStockLevel[]> {
    return this.levelsOf(salePointId, known ?? (await this.listProducts()), {});
  }

  async productsWithIds(ids: readonly string[]): Promise<PosProduct[]> {
    const products: PosProduct[] = [];
    for (const chunk of chunksOf([...new Set(ids)], CASSA_MAX_PAGE))
      for await (const rows of this.client.pages("/products", "products", { ids: chunk, enabledForChannels: ECOMMERCE }))
        products.push(...rows.map(toPosProduct));
    return products;
  }

  async stockOfProducts(salePointId: SalePointId, products: readonly PosProduct[]): Promise<PosStockLevel[]> {
    const levels: PosStockLevel[] = [];
    for (const chunk of chunksOf(products, CASSA_MAX_PAGE))
      levels.push(...(await this.levelsOf(salePointId, chunk, { idProduct: chunk.map((product) => product.id) })));
    return levels;
  }

  /** Per page of offered products, their stock at each sale point (`GET /stocks/{id}` filtered by `idProduct`). */
  async *stockPages(salePointIds: SalePointId[]): AsyncGenerator<StockPage> {
    if (salePointIds.length === 0) return;
    for await (const products of this.productPages()) {
      if (products.length === 0) continue;
      const idProduct = products.map((product) => product.id);
      // The sale points' calls go out together: the same number of calls, less waiting.
      const byPoint = await Promise.all(salePointIds.map((point) => this.levelsOf(point, products, { idProduct })));
      const levels: PlacedStockLevel[] = byPoint.flatMap((pointLevels, index) =>
        pointLevels.map((level) => ({ ...level, at: salePointIds[index]! })),
      );
      yield { levels, products };
    }
  }

  /** A sale point's stock rows, each read as the SKU of one of `products`' variants; rows of other products are left out. */
  private async levelsOf(salePointId: SalePointId, products: readonly PosProduct[], query: { idProduct?: string[] }): Promise<PosStockLevel[]> {
    const byVariant = new Map(products.flatMap((p) => p.variants.map((v) => [v.id, v.sku] as const)));
    const simpleVariant = new Map(products.filter((p) => p.variants.length === 1).map((p) => [p.id, p.variants[0]!] as const));
    const levels: PosStockLevel[] = [];
    for await (const rows of this.client.pages(`/stocks/${encodeURIComponent(salePointId)}`, "stocks", query)) {
      for (const row of rows) {
        const stock = parseAnswer(stockSchema, row, "Cassa in Cloud (GET /stocks)");
        const variant = stock.idProductVariant
          ? { id: stock.idProductVariant, sku: byVariant.get(stock.idProductVariant) }
          : simpleVariant.get(stock.idProduct);
        // Stock of a product not offered to e-commerce is not Ponte's business.
        if (!variant?.sku) continue;
        levels.push({ variantId: variant.id, sku: variant.sku, quantity: stock.quantity });
      }
    }
    return levels;
  }

  async sendOrder(order: NewPosOrder): Promise<PosOrderSent> {
    const total = sum(order.rows.map((row) => amount(row.price).times(row.quantity)));
    const body = {
      create: [
        {
          externalId: order.externalId,
          isExternalOrder: true,
          date: new Date().toISOString(),
          dueDate: order.dueDate.toISOString(),
          deliveryMode: "PICKUP",
          status: "NOT_PROCESSED",
          externalWorkflowStatus: "REQUESTED",
          document: {
            idSalesPoint: Number(order.salePointId),
            amount: toJsonNumber(total, "EUR"),
            note: order.note,
            email: order.customer?.email ?? null,
            rows: order.rows.map((row, index) => ({
              rowNumber: index + 1,
              idProductVariant: row.variantId,
              quantity: row.quantity,
              price: toJsonNumber(row.price, "EUR"),
              note: row.note,
            })),
          },
        },
      ],
    };
    try {
      const answer = parseAnswer(
        batchSchema,
        await this.client.post("/documents/orders/batch", body),
        "Cassa in Cloud (POST /documents/orders/batch)",
      );
      const created = answer.batchResponse.createDetails[0];
      if (!created) throw new Error("Cassa in Cloud accepted the order but named no id for it");
      return { id: posOrderId(created.id), externalId: order.externalId, repeated: false };
    } catch (error) {
      if (error instanceof CassaApiError) {
        if (error.code === "ConflictValue") return { id: null, externalId: order.externalId, repeated: true };
        const setting = incompatibleSetting(error.message);
        if (setting) throw new PosSettingError(setting);
      }
      throw error;
    }
  }
}

/** Which account setting a refusal names, from its message (the API gives no code for it). */
export function incompatibleSetting(message: string): "mandatory-time" | "minimum-order" | null {
  if (/time is mandatory|mandatory time|orario obbligatorio/i.test(message)) return "mandatory-time";
  if (/minimum order|ordine minimo/i.test(message)) return "minimum-order";
  return null;
}

/** A product as Cassa in Cloud answers it (GET /products), read at the edge into the POS's product. */
function toPosProduct(row: unknown): PosProduct {
  const product = parseAnswer(productSchema, row, "Cassa in Cloud (GET /products)");
  const variants = product.variants.map((variant) => ({
    id: variant.id,
    sku: variant.internalId ?? product.internalId ?? variant.id,
    name: variant.description ?? product.description,
    price: format(basePrice(variant.prices.length ? variant.prices : product.prices), "EUR"),
  }));
  return {
    id: product.id,
    name: product.description,
    description: product.descriptionExtended ?? "",
    categoryId: product.idCategory ?? null,
    variants,
    imageUrls: product.images.map((i) => i.imageUrl),
  };
}
