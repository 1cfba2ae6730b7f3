/** Starts the merchant's Shopify Flow workflows that begin with one of Ponte's triggers (extensions/*: flow_trigger). */
export const FLOW_TRIGGER_RECEIVE = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;
/** A mutation's estimated cost. */
export const FLOW_TRIGGER_RECEIVE_COST = 10;
