/**
 * A catalog source in Ponte's terms: where products (with their list and
 * cost prices) and stock come from, the POS or the ERP, per shop. Ids are
 * the source's own, as strings.
 */
import { z } from "zod";

export const sourceCategorySchema = z.object({ id: z.string(), name: z.string() });
export type SourceCategory = z.infer<typeof sourceCategorySchema>;

export const sourceVariantSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  /** The list price. */
  price: z.string(),
  /** The cost price, when the source keeps one. */
  cost: z.string().nullable().optional(),
});
export type SourceVariant = z.infer<typeof sourceVariantSchema>;

/** A product the source offers to e-commerce, with its sellable variants (one for a simple product). */
export const sourceProductSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  categoryId: z.string().nullable(),
  variants: z.array(sourceVariantSchema),
  imageUrls: z.array(z.string()),
});
export type SourceProduct = z.infer<typeof sourceProductSchema>;

export const sourceStockLevelSchema = z.object({
  /** The variant's id (a simple product's single variant). */
  variantId: z.string(),
  sku: z.string(),
  quantity: z.number(),
});
export type SourceStockLevel = z.infer<typeof sourceStockLevelSchema>;

/** A stock level at one place of the source: `at` is a sale point's id or a warehouse's. */
export type PlacedStockLevel = SourceStockLevel & { at: string };

/** A page of a source's stock; `products`: the offered products it covers, when the source read them for it. */
export interface StockPage {
  levels: PlacedStockLevel[];
  products?: SourceProduct[];
}

/** What the catalog flows read from a source of products. */
export interface ProductSource {
  /** How the merchant calls the source, in logs ("POS product 12"). */
  readonly sourceName: "POS" | "ERP";
  /** Products offered to e-commerce. */
  listProducts(): Promise<SourceProduct[]>;
  /** The same products a page at a time, for work whose memory must not grow with the catalog; a page may be empty. */
  productPages(): AsyncIterable<SourceProduct[]>;
  listCategories(): Promise<SourceCategory[]>;
}
