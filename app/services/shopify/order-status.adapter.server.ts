/**
 * The store side of ERP statuses: cancel a Shopify order, tag it, fulfil it
 * with tracking, add the delivered event to its fulfillments, write the ERP invoice on it as app-owned metafields
 * (namespace $app, defined in shopify.app.toml: erp_invoice_number,
 * erp_invoice_date, erp_invoice_document, erp_invoice_url). Shopify's user errors come back as a refusal with its
 * message (the order is then flagged); transport and throttling failures
 * throw, as the Admin client does. Each action is idempotent: an order
 * already cancelled, fulfilled or tagged is left as it is.
 */
import { payloadOf, type AdminClient } from "./admin-client.server";
import type { ErpInvoice } from "../erp/erp.types";
import {
  ADD_ORDER_TAGS,
  ADD_ORDER_TAGS_COST,
  CANCEL_ORDER,
  CANCEL_ORDER_COST,
  CREATE_FULFILLMENT,
  CREATE_FULFILLMENT_COST,
  CREATE_FULFILLMENT_EVENT,
  CREATE_FULFILLMENT_EVENT_COST,
  GET_ORDER_FULFILLMENTS,
  GET_ORDER_FULFILLMENTS_COST,
  SET_ORDER_METAFIELDS,
  SET_ORDER_METAFIELDS_COST,
  GET_OPEN_FULFILLMENT_ORDERS,
  GET_OPEN_FULFILLMENT_ORDERS_COST,
} from "./graphql/orders/order-status-actions";

export type StoreActionResult = { ok: true } | { ok: false; message: string };

export interface StoreOrderActions {
  cancel(orderId: string, staffNote: string): Promise<StoreActionResult>;
  addTags(orderId: string, tags: string[]): Promise<StoreActionResult>;
  fulfil(orderId: string, tracking: { company: string | null; number: string | null }): Promise<StoreActionResult>;
  /** Adds a delivered event, at the ERP's delivery time (an ISO date-time, or a date), to each of the order's fulfillments not delivered yet. */
  deliver(orderId: string, deliveredAt: string): Promise<StoreActionResult>;
  noteInvoice(orderId: string, invoice: ErpInvoice): Promise<StoreActionResult>;
  /** Writes the ERP sale's number and state on the order (app-owned metafields erp_number, erp_state). */
  noteSale(orderId: string, sale: { number: string; state: string }): Promise<StoreActionResult>;
}

/** The app-owned metafields an order's ERP sale is written to (as shopify.app.toml defines them). */
export const SALE_METAFIELDS = {
  number: { key: "erp_number", type: "single_line_text_field" },
  state: { key: "erp_state", type: "single_line_text_field" },
} as const;

/** The app-owned metafield an order's POS orders are written to: [{ "salePoint": name, "posOrder": number }]. */
export const POS_METAFIELDS = {
  orders: { key: "pos_orders", type: "json" },
} as const;

/** One order's app-owned metafields to set (keys and types from SALE_METAFIELDS and POS_METAFIELDS). */
export interface OrderMetafields {
  orderId: string;
  metafields: Array<{ key: string; type: string; value: string }>;
}

/** metafieldsSet's refusal for an owner that no longer exists (an order deleted in Shopify): nothing to show a flag on. */
export const ownerGone = (message: string) => /owner does not exist/i.test(message);

/** Most metafields one metafieldsSet takes (Shopify's limit). */
export const METAFIELDS_PER_CALL = 25;

/**
 * Sets several orders' app-owned metafields in one metafieldsSet (at most METAFIELDS_PER_CALL in all). Shopify sets
 * all or none: a refusal names the input it refused, and nothing is set.
 */
export async function setOrdersMetafields(client: AdminClient, orders: OrderMetafields[]): Promise<StoreActionResult> {
  const metafields = orders.flatMap((order) => order.metafields.map((field) => ({ ownerId: order.orderId, namespace: "$app", ...field })));
  if (metafields.length > METAFIELDS_PER_CALL) throw new Error(`metafieldsSet takes ${METAFIELDS_PER_CALL} metafields, not ${metafields.length}`);
  const { metafieldsSet } = await client.request(SET_ORDER_METAFIELDS, { metafields }, SET_ORDER_METAFIELDS_COST);
  return refused(payloadOf(metafieldsSet, "metafieldsSet").userErrors);
}

/** The app-owned metafields an ERP invoice is written to, with their types (as shopify.app.toml defines them). */
export const INVOICE_METAFIELDS = {
  number: { key: "erp_invoice_number", type: "single_line_text_field" },
  date: { key: "erp_invoice_date", type: "date" },
  documentId: { key: "erp_invoice_document", type: "single_line_text_field" },
  documentUrl: { key: "erp_invoice_url", type: "url" },
} as const;

const refused = (errors: Array<{ message: string }>): StoreActionResult =>
  errors.length ? { ok: false, message: errors.map((e) => e.message).join("; ") } : { ok: true };

/** Fulfillment orders that can still be fulfilled. */
const FULFILLABLE = new Set(["OPEN", "IN_PROGRESS"]);

export class ShopifyOrderActions implements StoreOrderActions {
  constructor(private readonly client: AdminClient) {}

  /** Already cancelled (by the merchant, or by an overlapping run) counts as done: the aim is a cancelled order. */
  async cancel(orderId: string, staffNote: string): Promise<StoreActionResult> {
    const { order } = await this.client.request(GET_OPEN_FULFILLMENT_ORDERS, { id: orderId }, GET_OPEN_FULFILLMENT_ORDERS_COST);
    if (!order) return { ok: false, message: "the order is no longer in Shopify" };
    if (order.cancelledAt) return { ok: true };
    const { orderCancel } = await this.client.request(CANCEL_ORDER, { orderId, staffNote }, CANCEL_ORDER_COST);
    return refused(payloadOf(orderCancel, "orderCancel").orderCancelUserErrors);
  }

  async addTags(orderId: string, tags: string[]): Promise<StoreActionResult> {
    const { tagsAdd } = await this.client.request(ADD_ORDER_TAGS, { id: orderId, tags }, ADD_ORDER_TAGS_COST);
    return refused(payloadOf(tagsAdd, "tagsAdd").userErrors);
  }

  async fulfil(orderId: string, tracking: { company: string | null; number: string | null }): Promise<StoreActionResult> {
    const { order } = await this.client.request(GET_OPEN_FULFILLMENT_ORDERS, { id: orderId }, GET_OPEN_FULFILLMENT_ORDERS_COST);
    if (!order) return { ok: false, message: "the order is no longer in Shopify" };
    const open = order.fulfillmentOrders.nodes.filter((fo) => FULFILLABLE.has(fo.status));
    // Nothing open: the merchant fulfilled it already in Shopify; there is nothing left to do.
    for (const fulfillmentOrder of open) {
      const { fulfillmentCreate } = await this.client.request(
        CREATE_FULFILLMENT,
        {
          fulfillment: {
            lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder.id }],
            trackingInfo: { company: tracking.company, number: tracking.number },
            notifyCustomer: true,
          },
        },
        CREATE_FULFILLMENT_COST,
      );
      const outcome = refused(payloadOf(fulfillmentCreate, "fulfillmentCreate").userErrors);
      if (!outcome.ok) return outcome;
    }
    return { ok: true };
  }

  /** Fulfillments Shopify already shows delivered are left as they are: a retry adds no second event. */
  async deliver(orderId: string, deliveredAt: string): Promise<StoreActionResult> {
    const { order } = await this.client.request(GET_ORDER_FULFILLMENTS, { id: orderId }, GET_ORDER_FULFILLMENTS_COST);
    if (!order) return { ok: false, message: "the order is no longer in Shopify" };
    const shipped = order.fulfillments.filter((fulfillment) => fulfillment.status === "SUCCESS");
    if (shipped.length === 0) return { ok: false, message: "the order has no fulfillment to mark delivered" };
    for (const fulfillment of shipped.filter((one) => one.displayStatus !== "DELIVERED" && !one.deliveredAt)) {
      const { fulfillmentEventCreate } = await this.client.request(
        CREATE_FULFILLMENT_EVENT,
        { fulfillmentEvent: { fulfillmentId: fulfillment.id, status: "DELIVERED", happenedAt: happenedAt(deliveredAt) } },
        CREATE_FULFILLMENT_EVENT_COST,
      );
      const outcome = refused(payloadOf(fulfillmentEventCreate, "fulfillmentEventCreate").userErrors);
      if (!outcome.ok) return outcome;
    }
    return { ok: true };
  }

  noteSale(orderId: string, sale: { number: string; state: string }): Promise<StoreActionResult> {
    return setOrdersMetafields(this.client, [
      {
        orderId,
        metafields: [
          { ...SALE_METAFIELDS.number, value: sale.number },
          { ...SALE_METAFIELDS.state, value: sale.state },
        ],
      },
    ]);
  }

  /** Sets the invoice's metafields (what the ERP gives of it); setting them again with the same values changes nothing. */
  noteInvoice(orderId: string, invoice: ErpInvoice): Promise<StoreActionResult> {
    const metafields = (Object.keys(INVOICE_METAFIELDS) as Array<keyof typeof INVOICE_METAFIELDS>).flatMap((field) => {
      const value = invoice[field];
      return value ? [{ ...INVOICE_METAFIELDS[field], value }] : [];
    });
    return setOrdersMetafields(this.client, [{ orderId, metafields }]);
  }
}

/** A DateTime for Shopify: a date alone (the ERP knows the day only) is taken at noon UTC, the same day in Europe and the Americas. */
export function happenedAt(deliveredAt: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(deliveredAt) ? `${deliveredAt}T12:00:00Z` : new Date(deliveredAt).toISOString();
}
