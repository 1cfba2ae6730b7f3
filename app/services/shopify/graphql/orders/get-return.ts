/**
 * A return, read when Shopify says it closed (returns/close): its status, the goods that came back with where they
 * went (the dispositions of its reverse fulfillment orders; the units processed back, restocked or not, from its
 * return lines: a disposition is optional), its exchange items (the order lines Shopify added for
 * them once processed) and the refunds made for it. 2 reverse fulfillment orders of 25 lines (kept under the single-query limit of 1,000).
 */
export const GET_RETURN = `#graphql
  query GetReturn($id: ID!) {
    return(id: $id) {
      id
      name
      status
      order {
        id
      }
      reverseFulfillmentOrders(first: 2) {
        nodes {
          lineItems(first: 25) {
            nodes {
              fulfillmentLineItem {
                lineItem {
                  id
                  sku
                  title
                  isGiftCard
                  variant {
                    id
                  }
                }
              }
              dispositions {
                type
                quantity
                location {
                  id
                }
              }
            }
          }
        }
      }
      returnLineItems(first: 25) {
        nodes {
          ... on ReturnLineItem {
            processedQuantity
            fulfillmentLineItem {
              lineItem {
                id
                sku
                title
                isGiftCard
                variant {
                  id
                }
              }
            }
          }
        }
      }
      exchangeLineItems(first: 10) {
        nodes {
          id
          lineItems {
            id
          }
        }
      }
      refunds(first: 5) {
        nodes {
          id
        }
      }
    }
  }
`;
