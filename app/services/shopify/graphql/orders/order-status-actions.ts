/**
 * What the ERP's states do to a Shopify order: cancel it, tag it invoiced,
 * fulfil it with tracking (from its open fulfillment orders). Mutations
 * are estimated at 10 points each; the fulfillment-order read at 1 + 5 × 1.
 */
export const CANCEL_ORDER = `#graphql
  mutation CancelOrder($orderId: ID!, $staffNote: String) {
    orderCancel(orderId: $orderId, reason: OTHER, restock: true, refund: false, notifyCustomer: false, staffNote: $staffNote) {
      job {
        id
        done
      }
      orderCancelUserErrors {
        code
        field
        message
      }
    }
  }
`;
export const CANCEL_ORDER_COST = 10;

export const ADD_ORDER_TAGS = `#graphql
  mutation AddOrderTags($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      node {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;
export const ADD_ORDER_TAGS_COST = 10;

export const GET_OPEN_FULFILLMENT_ORDERS = `#graphql
  query GetOpenFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      cancelledAt
      fulfillmentOrders(first: 5) {
        nodes {
          id
          status
        }
      }
    }
  }
`;
export const GET_OPEN_FULFILLMENT_ORDERS_COST = 6;

export const CREATE_FULFILLMENT = `#graphql
  mutation CreateFulfillment($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;
export const CREATE_FULFILLMENT_COST = 10;

/** Writes app-owned metafields (namespace $app) on an order: the ERP invoice's number, date and document. */
export const SET_ORDER_METAFIELDS = `#graphql
  mutation SetOrderMetafields($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        key
        value
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
export const SET_ORDER_METAFIELDS_COST = 10;

/** The order's fulfillments, to add the delivered event to: their status, and whether Shopify shows them delivered. */
export const GET_ORDER_FULFILLMENTS = `#graphql
  query GetOrderFulfillments($id: ID!) {
    order(id: $id) {
      id
      fulfillments(first: 20) {
        id
        status
        displayStatus
        deliveredAt
      }
    }
  }
`;
export const GET_ORDER_FULFILLMENTS_COST = 3;

/** A delivered event on a fulfillment: the order's timeline and the customer's order status page show it. */
export const CREATE_FULFILLMENT_EVENT = `#graphql
  mutation CreateFulfillmentEvent($fulfillmentEvent: FulfillmentEventInput!) {
    fulfillmentEventCreate(fulfillmentEvent: $fulfillmentEvent) {
      fulfillmentEvent {
        id
        status
        happenedAt
      }
      userErrors {
        field
        message
      }
    }
  }
`;
export const CREATE_FULFILLMENT_EVENT_COST = 10;
