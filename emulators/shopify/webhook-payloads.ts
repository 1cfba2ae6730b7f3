/** Webhook bodies shaped like Shopify's (REST-style JSON, snake_case, numeric ids). */
import { orderTotal } from "./graphql-views";
import { currentOrderMoney, orderMoney, taxLinePrices } from "./store/order-money";
import { gid } from "./store/ids";
import type { ProductRecord } from "./store/catalog-store";
import type { AddressRecord, CustomerRecord, OrderRecord, OrderRefundRecord, TaxLineRecord } from "./store/order-store";
import type { EmulatedShop } from "./state";

function address(record: AddressRecord | null) {
  if (!record) return null;
  return {
    first_name: record.firstName,
    last_name: record.lastName,
    name: `${record.firstName} ${record.lastName}`.trim(),
    company: record.company ?? null,
    address1: record.address1,
    address2: record.address2 ?? null,
    city: record.city,
    province: record.province ?? null,
    province_code: record.provinceCode ?? null,
    zip: record.zip,
    country_code: record.countryCode,
    phone: record.phone ?? null,
  };
}

function taxLines(amount: number, records: TaxLineRecord[], included: boolean) {
  const prices = taxLinePrices(amount, records, included);
  return records.map((tax, n) => ({ title: tax.title, rate: tax.rate, price: prices[n]!.toFixed(2) }));
}

export function orderPayload(shop: EmulatedShop, order: OrderRecord) {
  const customer = order.customerId ? shop.orders.customers.get(order.customerId) : undefined;
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    name: order.name,
    email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason?.toLowerCase() ?? null,
    financial_status: order.financialStatus.toLowerCase(),
    fulfillment_status: order.fulfillmentStatus === "UNFULFILLED" ? null : order.fulfillmentStatus.toLowerCase(),
    currency: order.currencyCode,
    total_price: orderTotal(order),
    total_tax: orderMoney(order).tax,
    current_total_price: currentOrderMoney(order).total,
    current_total_tax: currentOrderMoney(order).tax,
    source_name: order.sourceName ?? "web",
    taxes_included: order.taxesIncluded,
    note: order.note,
    tags: order.tags.join(", "),
    customer: customer
      ? {
          id: customer.id,
          admin_graphql_api_id: gid("Customer", customer.id),
          email: customer.email,
          first_name: customer.firstName,
          last_name: customer.lastName,
        }
      : null,
    line_items: order.lineItems.map((line) => ({
      id: line.id,
      admin_graphql_api_id: gid("LineItem", line.id),
      variant_id: line.variantId,
      product_id: line.productId,
      sku: line.sku,
      title: line.title,
      name: line.title,
      quantity: line.quantity,
      current_quantity: shop.orders.currentQuantity(order, line.id),
      gift_card: line.giftCard ?? false,
      price: line.price,
      total_discount: line.discount,
      discount_allocations: Number(line.discount) > 0 ? [{ amount: line.discount, discount_application_index: 0 }] : [],
      tax_lines: taxLines(Number(line.price) * line.quantity - Number(line.discount), line.taxLines, order.taxesIncluded),
    })),
    shipping_lines: order.shippingLines.map((line, n) => ({
      id: order.id * 100 + n,
      title: line.title,
      price: line.price,
      discounted_price: (Number(line.price) - Number(line.discount)).toFixed(2),
      discount_allocations: Number(line.discount) > 0 ? [{ amount: line.discount, discount_application_index: 0 }] : [],
      tax_lines: taxLines(Number(line.price) - Number(line.discount), line.taxLines, order.taxesIncluded),
    })),
    shipping_address: address(order.shippingAddress),
    billing_address: address(order.billingAddress),
    note_attributes: (order.attributes ?? []).map((a) => ({ name: a.key, value: a.value })),
    company: order.company ? { id: order.company.id, location_id: order.company.locationId } : null,
    refunds: (order.refunds ?? []).map((refund) => refundPayload(shop, order, refund)),
  };
}

const bag = (amount: string, currency: string) => ({
  shop_money: { amount, currency_code: currency },
  presentment_money: { amount, currency_code: currency },
});

/** A refund as refunds/create (and an order's `refunds`) carries it: Shopify's REST refund. */
export function refundPayload(shop: EmulatedShop, order: OrderRecord, refund: OrderRefundRecord) {
  const currency = order.currencyCode;
  return {
    id: refund.id,
    admin_graphql_api_id: gid("Refund", refund.id),
    order_id: order.id,
    created_at: refund.createdAt,
    processed_at: refund.createdAt,
    note: refund.note,
    restock: refund.lines.some((line) => line.restockType !== "NO_RESTOCK"),
    return: refund.returnId ? { id: refund.returnId, admin_graphql_api_id: gid("Return", refund.returnId) } : null,
    duties: [],
    refund_line_items: refund.lines.map((line) => {
      const item = order.lineItems.find((l) => l.id === line.lineItemId)!;
      return {
        id: line.id,
        quantity: line.quantity,
        line_item_id: item.id,
        location_id: line.locationId,
        restock_type: line.restockType.toLowerCase(),
        subtotal: Number(line.subtotal),
        total_tax: Number(line.tax),
        subtotal_set: bag(line.subtotal, currency),
        total_tax_set: bag(line.tax, currency),
        line_item: {
          id: item.id,
          admin_graphql_api_id: gid("LineItem", item.id),
          variant_id: item.variantId,
          product_id: item.productId,
          title: item.title,
          name: item.title,
          sku: item.sku,
          quantity: item.quantity,
          price: item.price,
          gift_card: item.giftCard ?? false,
          discount_allocations: Number(item.discount) > 0 ? [{ amount: item.discount, discount_application_index: 0 }] : [],
          tax_lines: taxLines(Number(item.price) * item.quantity - Number(item.discount), item.taxLines, order.taxesIncluded),
        },
      };
    }),
    refund_shipping_lines: refund.shipping.map((line) => {
      const shipping = order.shippingLines[line.shippingIndex]!;
      return {
        id: line.id,
        shipping_line_id: order.id * 100 + line.shippingIndex,
        subtotal_amount_set: bag(line.amount, currency),
        tax_amount_set: bag(line.tax, currency),
        shipping_line: {
          id: order.id * 100 + line.shippingIndex,
          title: shipping.title,
          price: shipping.price,
          tax_lines: taxLines(Number(shipping.price) - Number(shipping.discount), shipping.taxLines, order.taxesIncluded),
        },
      };
    }),
    order_adjustments: [],
    transactions: refund.transactions.map((transaction) => ({
      id: transaction.id,
      admin_graphql_api_id: gid("OrderTransaction", transaction.id),
      order_id: order.id,
      kind: "refund",
      gateway: transaction.gateway,
      status: "success",
      amount: transaction.amount,
      currency,
      created_at: refund.createdAt,
    })),
  };
}

export function productPayload(shop: EmulatedShop, product: ProductRecord) {
  return {
    id: product.id,
    admin_graphql_api_id: gid("Product", product.id),
    title: product.title,
    handle: product.handle,
    status: product.status.toLowerCase(),
    vendor: product.vendor,
    product_type: product.productType,
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    variants: product.variantIds.map((id) => {
      const variant = shop.catalog.variants.get(id)!;
      return {
        id: variant.id,
        admin_graphql_api_id: gid("ProductVariant", variant.id),
        sku: variant.sku,
        price: variant.price,
        inventory_item_id: variant.inventoryItemId,
      };
    }),
  };
}

export function customerPayload(customer: CustomerRecord) {
  return {
    id: customer.id,
    admin_graphql_api_id: gid("Customer", customer.id),
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    phone: customer.phone,
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
    default_address: address(customer.defaultAddress),
  };
}
