/**
 * An order's refunds, read by the reconciliation for an order Shopify says is refunded (partly or whole), so that a
 * refund whose refunds/create webhook was missed is still booked. The shape is read into the same refund as the
 * webhook's (shopify-refund.ts). 20 refunds, 50 lines each. Estimated cost: about 200.
 */
export const GET_ORDER_REFUNDS = `#graphql
  query GetOrderRefunds($id: ID!) {
    order(id: $id) {
      id
      refunds(first: 20) {
        id
        createdAt
        note
        return {
          id
        }
        refundLineItems(first: 50) {
          nodes {
            quantity
            restockType
            location {
              id
            }
            subtotalSet {
              ...RefundMoney
            }
            totalTaxSet {
              ...RefundMoney
            }
            lineItem {
              id
              sku
              title
              quantity
              isGiftCard
              variant {
                id
              }
              taxLines {
                title
                rate
                priceSet {
                  ...RefundMoney
                }
              }
            }
          }
        }
        refundShippingLines(first: 5) {
          nodes {
            subtotalAmountSet {
              ...RefundMoney
            }
            taxAmountSet {
              ...RefundMoney
            }
            shippingLine {
              title
              taxLines {
                title
                rate
                priceSet {
                  ...RefundMoney
                }
              }
            }
          }
        }
        orderAdjustments(first: 10) {
          nodes {
            reason
            amountSet {
              ...RefundMoney
            }
            taxAmountSet {
              ...RefundMoney
            }
          }
        }
        transactions(first: 10) {
          nodes {
            kind
            status
            amountSet {
              presentmentMoney {
                amount
                currencyCode
              }
            }
          }
        }
      }
    }
  }
  fragment RefundMoney on MoneyBag {
    shopMoney {
      amount
      currencyCode
    }
    presentmentMoney {
      amount
      currencyCode
    }
  }
`;
