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

/** Every product with what the product refresh compares, for a bulk query: variants come as lines of their own. */
export const BULK_PRODUCTS_FOR_REFRESH = `#graphql
{
  products {
    edges {
      node {
        id
        title
        descriptionHtml
        productType
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
  | { id: string; title: string; descriptionHtml: string; productType: string; __parentId?: undefined }
  | { id: string; sku: string | null; price: string; selectedOptions: Array<{ name: string; value: string }>; __parentId: string };
