/**
 * A glance at the store's catalog without reading it all (one small query): how many products and variants, the
 * product types, and the first products by title with their variants. The answer is parsed here, at the edge.
 */
import { z } from "zod";
import { parseAnswer } from "../edges/parse-answer";
import type { AdminClient } from "./admin-client.server";
import { PREVIEW_STORE_CATALOG, PREVIEW_STORE_CATALOG_COST } from "./graphql/products/preview-store-catalog";

const countSchema = z.object({ count: z.number().int(), precision: z.enum(["EXACT", "AT_LEAST"]) });
const glanceSchema = z.object({
  productsCount: countSchema.nullable(),
  productVariantsCount: countSchema.nullable(),
  productTypes: z.object({ nodes: z.array(z.string()) }).nullable(),
  products: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        productType: z.string(),
        collections: z.object({ nodes: z.array(z.object({ title: z.string() })) }),
        variants: z.object({
          nodes: z.array(
            z.object({
              id: z.string(),
              sku: z.string().nullable(),
              price: z.string(),
              selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })),
            }),
          ),
        }),
      }),
    ),
  }),
});

export interface CatalogGlance {
  products: number;
  variants: number;
  /** A count past Shopify's limit is "at least". */
  atLeast: boolean;
  productTypes: string[];
  /** The first products by title (their first collection by title only). */
  first: Array<{
    id: string;
    title: string;
    productType: string;
    collections: string[];
    variants: Array<{ id: string; sku: string; price: string; options: Array<{ name: string; value: string }> }>;
  }>;
}

export async function glanceAtCatalog(client: AdminClient): Promise<CatalogGlance> {
  const data = parseAnswer(
    glanceSchema,
    await client.request(PREVIEW_STORE_CATALOG, {}, PREVIEW_STORE_CATALOG_COST),
    "Shopify (store catalog preview)",
  );
  return {
    products: data.productsCount?.count ?? 0,
    variants: data.productVariantsCount?.count ?? 0,
    atLeast: data.productsCount?.precision === "AT_LEAST" || data.productVariantsCount?.precision === "AT_LEAST",
    productTypes: data.productTypes?.nodes ?? [],
    first: data.products.nodes.map((product) => ({
      id: product.id,
      title: product.title,
      productType: product.productType,
      collections: product.collections.nodes.map((collection) => collection.title),
      variants: product.variants.nodes.map((variant) => ({
        id: variant.id,
        sku: variant.sku ?? "",
        price: variant.price,
        options: variant.selectedOptions,
      })),
    })),
  };
}
