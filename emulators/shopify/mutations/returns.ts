/**
 * Returns, as the 2026-07 schema has them: returnCreate (fulfilled lines coming back, and exchange items wanted),
 * returnProcess (quantities processed, each with its dispositions, restocked at a location or not; processed exchange
 * items join the order as new line items, as Shopify confirms them since 2025-07 ("Migrate to return processing");
 * optionally a refund of the returned lines, made as refundCreate makes one and tied to the return: its lines are the
 * returned goods at their full value, its transactions what the merchant sends back, so an exchange's new items are
 * the difference, as Business Central's connector reads Shopify's refunds of exchanges, microsoft/BCApps #8554),
 * returnClose. Each sends its returns/* webhook (returns/approve for a return created open by the merchant,
 * returns/process, returns/close) and orders/updated when the order changed.
 *
 * The webhooks' body: Shopify's reference shows a return's id, its order's id, its status and its lines; the emulator
 * sends those (an app reads the rest through the Admin API, as Ponte would).
 */
import { fulfillmentLineItemParts, gid, numericIdOf } from "../store/ids";
import type { OrderRecord, OrderReturnRecord } from "../store/order-store";
import type { EmulatedShop } from "../state";
import { orderPayload } from "../webhook-payloads";
import { returnView } from "../graphql-views";
import type { Emit } from "./order-mutations";
import { refundCreate } from "./refund-create";

type Refusal = { return: null; userErrors: Array<{ field: string[]; message: string; code: string }> };
const refuse = (field: string[], message: string, code = "INVALID"): Refusal => ({ return: null, userErrors: [{ field, message, code }] });

interface ReturnInput {
  orderId: string;
  returnLineItems: Array<{ fulfillmentLineItemId: string; quantity: number; returnReason?: string | null; returnReasonNote?: string | null }>;
  exchangeLineItems?: Array<{ variantId: string; quantity: number }> | null;
}

export function returnCreate(shop: EmulatedShop, input: ReturnInput, emit: Emit) {
  const id = numericIdOf(input.orderId, "Order");
  const order = id !== null ? shop.orders.orders.get(id) : undefined;
  if (!order) return refuse(["returnInput", "orderId"], "Order does not exist", "NOT_FOUND");
  if (input.returnLineItems.length === 0) return refuse(["returnInput", "returnLineItems"], "Return must have at least one line item");
  const lines: OrderReturnRecord["lines"] = [];
  for (const [n, item] of input.returnLineItems.entries()) {
    const fli = numericIdOf(item.fulfillmentLineItemId, "FulfillmentLineItem");
    const named = fli !== null ? fulfillmentLineItemParts(fli) : null;
    const fulfillment = named ? order.fulfillments.find((f) => f.id === named.fulfillmentId && f.status === "SUCCESS") : undefined;
    const lineItemId = named?.lineItemId ?? -1;
    const fulfilled = fulfillment?.lines[lineItemId] ?? 0;
    if (!fulfillment || fulfilled === 0)
      return refuse(["returnInput", "returnLineItems", String(n), "fulfillmentLineItemId"], "Fulfillment line item does not exist", "NOT_FOUND");
    const returned = (order.returns ?? [])
      .flatMap((r) => r.lines)
      .filter((l) => l.fulfillmentLineItemId === fli)
      .reduce((s, l) => s + l.quantity, 0);
    if (item.quantity <= 0 || item.quantity > fulfilled - returned)
      return refuse(["returnInput", "returnLineItems", String(n), "quantity"], `Quantity must be between 1 and ${fulfilled - returned}`);
    lines.push({
      id: shop.orders.takeId(),
      lineItemId,
      fulfillmentLineItemId: fli!,
      quantity: item.quantity,
      processedQuantity: 0,
      returnReason: item.returnReason ?? "UNKNOWN",
      dispositions: [],
    });
  }
  const exchanges: OrderReturnRecord["exchanges"] = [];
  for (const [n, item] of (input.exchangeLineItems ?? []).entries()) {
    const variantId = numericIdOf(item.variantId, "ProductVariant");
    const variant = variantId !== null ? shop.catalog.variants.get(variantId) : undefined;
    if (!variant) return refuse(["returnInput", "exchangeLineItems", String(n), "variantId"], "Variant does not exist", "NOT_FOUND");
    if (item.quantity <= 0) return refuse(["returnInput", "exchangeLineItems", String(n), "quantity"], "Quantity must be at least 1");
    // Since 2025-07 an exchange item joins the order only when it is processed (returnProcess), not when the return is made.
    exchanges.push({ id: shop.orders.takeId(), lineItemIds: [], variantId: variant.id, quantity: item.quantity, processedQuantity: 0 });
  }
  const made = shop.orders.addReturn(order.id, { lines, exchanges });
  emit("returns/approve", returnPayload(order, made));
  return { return: returnView(shop, order, made), userErrors: [] };
}

interface ReturnProcessInput {
  returnId: string;
  returnLineItems?: Array<{
    id: string;
    quantity: number;
    dispositions?: Array<{ reverseFulfillmentOrderLineItemId: string; quantity: number; dispositionType: string; locationId?: string | null }> | null;
  }> | null;
  exchangeLineItems?: Array<{ id: string; quantity: number }> | null;
  refundShipping?: { fullRefund?: boolean | null } | null;
  financialTransfer?: { issueRefund?: { orderTransactions: Array<{ parentId: string; transactionAmount: { amount: string } }> } | null } | null;
  note?: string | null;
}

export function returnProcess(shop: EmulatedShop, input: ReturnProcessInput, emit: Emit) {
  const found = findReturn(shop, input.returnId);
  if (!found) return refuse(["input", "returnId"], "Return does not exist", "NOT_FOUND");
  const { order, made } = found;
  if (made.status !== "OPEN") return refuse(["input", "returnId"], "Return is not open");
  const processed: Array<{ line: OrderReturnRecord["lines"][number]; quantity: number }> = [];
  for (const [n, item] of (input.returnLineItems ?? []).entries()) {
    const line = made.lines.find((l) => l.id === numericIdOf(item.id, "ReturnLineItem"));
    if (!line) return refuse(["input", "returnLineItems", String(n), "id"], "Return line item does not exist", "NOT_FOUND");
    if (item.quantity <= 0 || item.quantity > line.quantity - line.processedQuantity)
      return refuse(["input", "returnLineItems", String(n), "quantity"], "Quantity exceeds the quantity left to process");
    const disposed = (item.dispositions ?? []).reduce((s, d) => s + d.quantity, 0);
    if (disposed > item.quantity)
      return refuse(["input", "returnLineItems", String(n), "dispositions"], "Dispositions exceed the quantity processed");
    for (const disposition of item.dispositions ?? []) {
      const locationId = disposition.locationId ? numericIdOf(disposition.locationId, "Location") : null;
      if (disposition.dispositionType === "RESTOCKED" && !shop.locations.some((l) => l.id === locationId))
        return refuse(["input", "returnLineItems", String(n), "dispositions"], "A restock needs a location");
    }
    processed.push({ line, quantity: item.quantity });
  }
  const exchanged: Array<{ exchange: OrderReturnRecord["exchanges"][number]; quantity: number }> = [];
  for (const [n, item] of (input.exchangeLineItems ?? []).entries()) {
    const exchange = made.exchanges.find((e) => e.id === numericIdOf(item.id, "ExchangeLineItem"));
    if (!exchange || item.quantity <= 0 || item.quantity > exchange.quantity - exchange.processedQuantity)
      return refuse(["input", "exchangeLineItems", String(n)], "Exchange line item cannot be processed");
    exchanged.push({ exchange, quantity: item.quantity });
  }
  for (const { line, quantity } of processed) {
    line.processedQuantity += quantity;
    const item = (input.returnLineItems ?? []).find((i) => numericIdOf(i.id, "ReturnLineItem") === line.id)!;
    for (const disposition of item.dispositions ?? [])
      line.dispositions.push({
        id: shop.orders.takeId(),
        type: disposition.dispositionType as OrderReturnRecord["lines"][number]["dispositions"][number]["type"],
        quantity: disposition.quantity,
        locationId: disposition.locationId ? numericIdOf(disposition.locationId, "Location") : null,
      });
  }
  for (const { exchange, quantity } of exchanged) {
    // The processed units join the order as a line of their own, taxed as the order's first line is.
    const variant = shop.catalog.variants.get(exchange.variantId)!;
    const line = shop.orders.addLine(order.id, {
      variantId: variant.id,
      sku: variant.sku,
      title: shop.catalog.products.get(variant.productId)?.title ?? variant.sku ?? "Exchange item",
      quantity,
      price: variant.price,
      taxLines: order.lineItems[0]?.taxLines ?? [],
    });
    exchange.lineItemIds.push(line.id);
    exchange.processedQuantity += quantity;
  }
  const transactions = input.financialTransfer?.issueRefund?.orderTransactions ?? [];
  if (transactions.length > 0 || input.refundShipping?.fullRefund) {
    const refunded = refundCreate(
      shop,
      {
        orderId: gid("Order", order.id),
        note: input.note ?? null,
        refundLineItems: processed.map(({ line, quantity }) => ({
          lineItemId: gid("LineItem", line.lineItemId),
          quantity,
          restockType: "NO_RESTOCK",
        })),
        shipping: input.refundShipping?.fullRefund ? { fullRefund: true } : null,
        transactions: transactions.map((t) => ({
          orderId: gid("Order", order.id),
          kind: "REFUND",
          gateway: "manual",
          amount: t.transactionAmount.amount,
          parentId: t.parentId,
        })),
      },
      emit,
      made.id,
    );
    if (refunded.userErrors.length > 0) return { return: null, userErrors: refunded.userErrors.map((e) => ({ ...e, code: "INVALID" })) };
    if (refunded.refund) made.refundIds.push(Number(String(refunded.refund.id).split("/").pop()));
  }
  emit("returns/process", returnPayload(order, made));
  if (exchanged.length > 0) emit("orders/updated", orderPayload(shop, order));
  const done = made.lines.every((l) => l.processedQuantity === l.quantity) && made.exchanges.every((e) => e.processedQuantity === e.quantity);
  if (done) closeReturn(shop, order, made, emit);
  return { return: returnView(shop, order, made), userErrors: [] };
}

export function returnClose(shop: EmulatedShop, args: { id: string }, emit: Emit) {
  const found = findReturn(shop, args.id);
  if (!found) return refuse(["id"], "Return does not exist", "NOT_FOUND");
  if (found.made.status === "CLOSED") return refuse(["id"], "Return is already closed");
  closeReturn(shop, found.order, found.made, emit);
  return { return: returnView(shop, found.order, found.made), userErrors: [] };
}

function closeReturn(shop: EmulatedShop, order: OrderRecord, made: OrderReturnRecord, emit: Emit): void {
  made.status = "CLOSED";
  made.closedAt = new Date().toISOString();
  order.updatedAt = made.closedAt;
  emit("returns/close", returnPayload(order, made));
  emit("orders/updated", orderPayload(shop, order));
}

export function findReturn(shop: EmulatedShop, returnId: string): { order: OrderRecord; made: OrderReturnRecord } | null {
  const id = numericIdOf(returnId, "Return");
  for (const order of shop.orders.orders.values()) {
    const made = (order.returns ?? []).find((r) => r.id === id);
    if (made) return { order, made };
  }
  return null;
}

/** The returns/* webhook body: the return, its order, its status and its lines. */
export function returnPayload(order: OrderRecord, made: OrderReturnRecord) {
  return {
    id: made.id,
    admin_graphql_api_id: gid("Return", made.id),
    order_id: order.id,
    order: { id: order.id, admin_graphql_api_id: gid("Order", order.id) },
    name: made.name,
    status: made.status.toLowerCase(),
    return_line_items: made.lines.map((line) => ({
      id: line.id,
      admin_graphql_api_id: gid("ReturnLineItem", line.id),
      quantity: line.quantity,
      return_reason: line.returnReason.toLowerCase(),
      fulfillment_line_item: {
        id: line.fulfillmentLineItemId,
        line_item: { id: line.lineItemId, admin_graphql_api_id: gid("LineItem", line.lineItemId) },
      },
    })),
    exchange_line_items: made.exchanges.map((exchange) => ({
      id: exchange.id,
      admin_graphql_api_id: gid("ExchangeLineItem", exchange.id),
      quantity: exchange.quantity,
      line_items: exchange.lineItemIds.map((id) => ({ id, admin_graphql_api_id: gid("LineItem", id) })),
    })),
  };
}
