/** One product as Ponte keeps it (up to 100 variants). Estimated cost: 1 + 2 + 100 = 103. */
export const GET_PRODUCT = `#graphql
  query GetProduct($id: ID!) {
    product(id: $id) {
      id
      title
      handle
      status
      vendor
      productType
      updatedAt
      variants(first: 100) {
        nodes {
          id
          sku
          price
          barcode
        }
      }
    }
  }
`;
export const GET_PRODUCT_COST = 103;
