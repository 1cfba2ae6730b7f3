/**
 * What importing the store's products into the ERP would make, without reading the whole catalog: how many products
 * and variants, the product types (categories), and the first products with their variants, as a sample. Estimated
 * cost: 1 + 1 + 1 + 10 × (1 + 1 + 20) ≈ 230 points; the page reads it once per visit.
 */
export const PREVIEW_STORE_CATALOG = `#graphql
  query PreviewStoreCatalog {
    productsCount(limit: null) {
      count
      precision
    }
    productVariantsCount(limit: null) {
      count
      precision
    }
    productTypes(first: 250) {
      nodes
    }
    products(first: 10, sortKey: TITLE) {
      nodes {
        id
        title
        productType
        collections(first: 1, sortKey: TITLE) {
          nodes {
            title
          }
        }
        variants(first: 20) {
          nodes {
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
`;
export const PREVIEW_STORE_CATALOG_COST = 230;
