/** Webhook bodies shaped like Shopify's (REST-style JSON, snake_case, numeric ids). */
import { orderTotal } from "./graphql-views";
import { orderMoney, taxLinePrices } from "./store/order-money";
import { gid } from "./store/ids";
import type { ProductRecord } from "./store/catalog-store";
import type { AddressRecord, CustomerRecord, OrderRecord, TaxLineRecord } from "./store/order-store";
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
    current_total_price: order.cancelledAt ? "0.00" : orderTotal(order),
    current_total_tax: order.cancelledAt ? "0.00" : orderMoney(order).tax,
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
      current_quantity: order.cancelledAt ? 0 : line.quantity,
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
