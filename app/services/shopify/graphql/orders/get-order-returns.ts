/**
 * An order's returns and their status, read by the reconciliation for an order it reads again, so that a return
 * whose returns/close webhook was missed is still settled. 10 returns; estimated cost about 12.
 */
export const GET_ORDER_RETURNS = `#graphql
  query GetOrderReturns($id: ID!) {
    order(id: $id) {
      returns(first: 10) {
        nodes {
          id
          status
        }
      }
    }
  }
`;
