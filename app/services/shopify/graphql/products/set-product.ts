import { z } from "zod";
import { parseAnswer } from "../../../edges/parse-answer";

/**
 * Creates a product with its variants in one call (productSet, synchronous),
 * each variant tracked and stocked at the given locations. Options are
 * required with variants: a single "Title / Default Title" for a simple
 * product. Estimated cost: 10 (a mutation) + 100 for the variants returned.
 */
export const SET_PRODUCT = `#graphql
  mutation SetProduct($input: ProductSetInput!) {
    productSet(input: $input, synchronous: true) {
      product {
        id
        variants(first: 100) {
          nodes {
            id
            sku
            inventoryItem {
              id
            }
          }
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
export const SET_PRODUCT_COST = 110;

/** Every variant of the shop with its product and inventory item, for a bulk query (no page sizes). */
export const BULK_VARIANTS_BY_SKU = `#graphql
query BulkVariantsBySku {
  productVariants {
    edges {
      node {
        id
        sku
        product {
          id
        }
        inventoryItem {
          id
        }
      }
    }
  }
}`;

const bulkVariantLine = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  product: z.object({ id: z.string() }),
  inventoryItem: z.object({ id: z.string() }),
});
export type BulkVariantLine = z.infer<typeof bulkVariantLine>;
export const parseBulkVariantLine = (line: unknown): BulkVariantLine => parseAnswer(bulkVariantLine, line, "Shopify's bulk variant list");

/**
 * Every product with what the product refresh compares and what price rules match on, for a bulk query: variants
 * and collections come as lines of their own, each with its product's id as __parentId.
 */
export const BULK_PRODUCTS_FOR_REFRESH = `#graphql
query BulkProductsForRefresh {
  products {
    edges {
      node {
        id
        title
        descriptionHtml
        productType
        vendor
        collections {
          edges {
            node {
              id
              title
            }
          }
        }
        variants {
          edges {
            node {
              id
              sku
              barcode
              price
              selectedOptions {
                name
                value
              }
            }
          }
        }
      }
    }
  }
}`;

// Lines are told apart by what they carry: a product has no parent, a variant has a SKU field, a collection only a title.
const bulkProductLine = z.union([
  z.object({
    id: z.string(),
    title: z.string(),
    descriptionHtml: z.string(),
    productType: z.string(),
    vendor: z.string(),
    __parentId: z.undefined().optional(),
  }),
  z.object({
    id: z.string(),
    sku: z.string().nullable(),
    barcode: z.string().nullish(),
    price: z.string(),
    selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })),
    __parentId: z.string(),
  }),
  z.object({ id: z.string(), title: z.string(), __parentId: z.string() }),
]);
export type BulkProductLine = z.infer<typeof bulkProductLine>;
export const parseBulkProductLine = (line: unknown): BulkProductLine => parseAnswer(bulkProductLine, line, "Shopify's bulk product list");

/** Variants' prices changed in one call; without allowPartialUpdates one refused variant applies nothing. */
export const UPDATE_VARIANT_PRICES = `#graphql
  mutation UpdateVariantPrices($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkUpdate(productId: $productId, variants: $variants) {
      productVariants {
        id
        price
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`;
/** 10 for the mutation; the variants returned are few. */
export const UPDATE_VARIANT_PRICES_COST = 20;
