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

export interface SetProductResult {
  productSet: {
    product: { id: string; variants: { nodes: Array<{ id: string; sku: string | null; inventoryItem: { id: string } }> } } | null;
    userErrors: Array<{ code: string | null; field: string[] | null; message: string }>;
  };
}

/** Every variant of the shop with its product and inventory item, for a bulk query (no page sizes). */
export const BULK_VARIANTS_BY_SKU = `#graphql
{
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

export interface BulkVariantLine {
  id: string;
  sku: string | null;
  product: { id: string };
  inventoryItem: { id: string };
}

/**
 * Every product with what the product refresh compares and what price rules match on, for a bulk query: variants
 * and collections come as lines of their own, each with its product's id as __parentId.
 */
export const BULK_PRODUCTS_FOR_REFRESH = `#graphql
{
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

export type BulkProductLine =
  | { id: string; title: string; descriptionHtml: string; productType: string; vendor: string; __parentId?: undefined }
  | { id: string; title: string; __parentId: string }
  | { id: string; sku: string | null; price: string; selectedOptions: Array<{ name: string; value: string }>; __parentId: string };

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

export interface UpdateVariantPricesResult {
  productVariantsBulkUpdate: {
    productVariants: Array<{ id: string; price: string }> | null;
    userErrors: Array<{ code: string | null; field: string[] | null; message: string }>;
  };
}
