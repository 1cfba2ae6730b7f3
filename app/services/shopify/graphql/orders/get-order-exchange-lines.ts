/**
 * The order lines that are exchange items of the order's returns: what an export reads (only when an order already in
 * the ERP gained lines) to tell an exchange's new items, booked as a sale of their own, from an edit. 10 returns of
 * 10 exchange items.
 */
export const GET_ORDER_EXCHANGE_LINES = `#graphql
  query GetOrderExchangeLines($id: ID!) {
    order(id: $id) {
      returns(first: 10) {
        nodes {
          exchangeLineItems(first: 10) {
            nodes {
              lineItems {
                id
              }
            }
          }
        }
      }
    }
  }
`;
