/**
 * GraphQL-shaped views of the emulator's records. A field that takes
 * arguments is a function of them; the executor calls it.
 */
import { connection, type ConnectionArgs } from "./store/connection";
import type { CollectionRecord, InventoryLevelRecord, ProductRecord, VariantRecord } from "./store/catalog-store";
import { fulfillmentLineItemId, fulfillmentLineItemParts, gid } from "./store/ids";
import { currentOrderMoney, orderMoney, taxLinePrices } from "./store/order-money";
import type {
  AddressRecord,
  CustomerRecord,
  FulfillmentEventRecord,
  FulfillmentRecord,
  MetafieldRecord,
  OrderRecord,
  OrderRefundRecord,
  OrderReturnRecord,
  TaxLineRecord,
} from "./store/order-store";
import { resolveNamespace } from "./mutations/metafields-set";
import { translationsView } from "./mutations/translations";
import type { EmulatedLocation, EmulatedShop } from "./state";

type View = Record<string, unknown>;

const byId = (view: Record<string, unknown>) => String(view.id);

export function shopView(shop: EmulatedShop): View {
  return {
    __typename: "Shop",
    id: gid("Shop", shop.id),
    name: shop.name,
    myshopifyDomain: shop.myshopifyDomain,
    email: shop.email,
    contactEmail: shop.email,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    plan: { displayName: shop.planDisplayName, partnerDevelopment: false, shopifyPlus: false, publicDisplayName: shop.planDisplayName },
  };
}

export function locationView(location: EmulatedLocation): View {
  return {
    __typename: "Location",
    id: gid("Location", location.id),
    legacyResourceId: String(location.id),
    name: location.name,
    isActive: location.isActive,
  };
}

export function productView(shop: EmulatedShop, product: ProductRecord): View {
  return {
    ...metafieldFields(gid("Product", product.id), product.metafields),
    media: (args: ConnectionArgs) =>
      connection(
        (product.media ?? []).map((media) => ({
          __typename: "MediaImage",
          id: gid("MediaImage", media.id),
          alt: media.alt,
          mediaContentType: media.contentType,
          status: "READY",
          image: { __typename: "Image", url: media.originalSource },
        })),
        args,
        byId,
      ),
    __typename: "Product",
    id: gid("Product", product.id),
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    descriptionHtml: product.descriptionHtml,
    tags: product.tags,
    createdAt: product.createdAt,
    updatedAt: product.updatedAt,
    variants: (args: ConnectionArgs) =>
      connection(
        product.variantIds.map((id) => variantView(shop, shop.catalog.variants.get(id)!)),
        args,
        byId,
      ),
    collections: (args: ConnectionArgs) => connection(shop.catalog.collectionsOf(product.id).map(collectionView), args, byId),
    translations: (args: { locale: string }) => translationsView(product, args.locale),
  };
}

export function collectionView(collection: CollectionRecord): View {
  return {
    __typename: "Collection",
    id: gid("Collection", collection.id),
    legacyResourceId: String(collection.id),
    title: collection.title,
    handle: collection.handle,
  };
}

export function variantView(shop: EmulatedShop, variant: VariantRecord): View {
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", variant.id),
    legacyResourceId: String(variant.id),
    title: variant.title,
    sku: variant.sku,
    price: variant.price,
    barcode: variant.barcode,
    // The emulator keeps one option per product, "Title", whose value is the variant's title.
    selectedOptions: [{ __typename: "SelectedOption", name: "Title", value: variant.title }],
    product: () => productView(shop, shop.catalog.products.get(variant.productId)!),
    inventoryItem: () => inventoryItemView(shop, variant.inventoryItemId),
  };
}

export function inventoryItemView(shop: EmulatedShop, itemId: number): View {
  const item = shop.catalog.items.get(itemId)!;
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", item.id),
    legacyResourceId: String(item.id),
    sku: item.sku,
    tracked: item.tracked,
    variant: () => variantView(shop, shop.catalog.variants.get(item.variantId)!),
    inventoryLevels: (args: ConnectionArgs) =>
      connection(
        shop.catalog.levelsOfItem(item.id).map((level) => inventoryLevelView(shop, level)),
        args,
        byId,
      ),
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const level = shop.catalog.levelsOfItem(item.id).find((l) => gid("Location", l.locationId) === locationId);
      return level ? inventoryLevelView(shop, level) : null;
    },
  };
}

export function inventoryLevelView(shop: EmulatedShop, level: InventoryLevelRecord): View {
  return {
    __typename: "InventoryLevel",
    id: `gid://shopify/InventoryLevel/${level.locationId}?inventory_item_id=${level.itemId}`,
    updatedAt: level.updatedAt,
    location: () => locationView(shop.locations.find((location) => location.id === level.locationId)!),
    item: () => inventoryItemView(shop, level.itemId),
    quantities: ({ names }: { names: string[] }) =>
      names.map((name) => ({
        __typename: "InventoryQuantity",
        id: `gid://shopify/InventoryQuantity/${level.locationId}?inventory_item_id=${level.itemId}&name=${name}`,
        name,
        quantity: level.quantities[name] ?? 0,
        updatedAt: level.updatedAt,
      })),
  };
}

function money(amount: string, currencyCode: string) {
  const value = { amount, currencyCode };
  return { shopMoney: value, presentmentMoney: value };
}

function addressView(address: AddressRecord | null): View | null {
  if (!address) return null;
  return {
    firstName: address.firstName,
    lastName: address.lastName,
    name: `${address.firstName} ${address.lastName}`.trim(),
    company: address.company ?? null,
    address1: address.address1,
    address2: address.address2 ?? null,
    city: address.city,
    province: address.province ?? null,
    provinceCode: address.provinceCode ?? null,
    zip: address.zip,
    countryCodeV2: address.countryCode,
    phone: address.phone ?? null,
  };
}

export function metafieldView(ownerId: string, metafield: MetafieldRecord): View {
  return {
    __typename: "Metafield",
    id: gid("Metafield", metafield.id),
    namespace: metafield.namespace,
    key: metafield.key,
    type: metafield.type,
    value: metafield.value,
    jsonValue: metafield.type === "json" ? JSON.parse(metafield.value) : metafield.value,
    ownerType: ownerId.includes("/Order/") ? "ORDER" : "CUSTOMER",
    updatedAt: metafield.updatedAt,
    createdAt: metafield.updatedAt,
  };
}

/** An owner's `metafield(namespace, key)` and `metafields(namespace, keys, first…)`, as Shopify reads them ($app is the app's own). */
function metafieldFields(ownerId: string, metafields: MetafieldRecord[] | undefined): View {
  const held = metafields ?? [];
  return {
    metafield: (args: { namespace?: string | null; key: string }) => {
      const namespace = resolveNamespace(args.namespace);
      const found = held.find((m) => m.namespace === namespace && m.key === args.key);
      return found ? metafieldView(ownerId, found) : null;
    },
    metafields: (args: ConnectionArgs & { namespace?: string | null; keys?: string[] | null }) => {
      const keys = args.keys?.map((full) => {
        const dot = full.lastIndexOf(".");
        return `${resolveNamespace(full.slice(0, dot))}.${full.slice(dot + 1)}`;
      });
      const chosen = held.filter(
        (m) => (!args.namespace || m.namespace === resolveNamespace(args.namespace)) && (!keys || keys.includes(`${m.namespace}.${m.key}`)),
      );
      return connection(
        chosen.map((m) => metafieldView(ownerId, m)),
        args,
        byId,
      );
    },
  };
}

export function customerView(customer: CustomerRecord): View {
  return {
    ...metafieldFields(gid("Customer", customer.id), customer.metafields),
    __typename: "Customer",
    id: gid("Customer", customer.id),
    legacyResourceId: String(customer.id),
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: `${customer.firstName} ${customer.lastName}`.trim(),
    email: customer.email,
    defaultEmailAddress: customer.email ? { emailAddress: customer.email } : null,
    phone: customer.phone,
    defaultAddress: addressView(customer.defaultAddress),
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}

export function orderTotal(order: OrderRecord): string {
  return orderMoney(order).total;
}

function taxLineViews(amount: number, taxLines: TaxLineRecord[], order: OrderRecord): View[] {
  const prices = taxLinePrices(amount, taxLines, order.taxesIncluded);
  return taxLines.map((tax, n) => ({
    __typename: "TaxLine",
    title: tax.title,
    rate: tax.rate,
    ratePercentage: Math.round(tax.rate * 10000) / 100,
    priceSet: money(prices[n]!.toFixed(2), order.currencyCode),
  }));
}

/** An order's checkout fields, filtered by country and purpose as Shopify's connection arguments say. */
function localizedFieldsView(order: OrderRecord, typename: "LocalizedField" | "LocalizationExtension") {
  return (args: ConnectionArgs & { countryCodes?: string[] | null; purposes?: string[] | null }) =>
    connection(
      (order.localizedFields ?? [])
        .filter(
          (f) =>
            (!args.countryCodes?.length || args.countryCodes.includes(f.countryCode)) &&
            (!args.purposes?.length || args.purposes.includes(f.purpose)),
        )
        .map((f) => ({ __typename: typename, key: f.key, value: f.value, countryCode: f.countryCode, purpose: f.purpose, title: f.key })),
      args,
      (view) => String(view.key),
    );
}

export function orderView(shop: EmulatedShop, order: OrderRecord): View {
  const customer = order.customerId ? shop.orders.customers.get(order.customerId) : undefined;
  const company = order.company;
  return {
    ...metafieldFields(gid("Order", order.id), order.metafields),
    customAttributes: (order.attributes ?? []).map((a) => ({ __typename: "Attribute", key: a.key, value: a.value })),
    localizedFields: localizedFieldsView(order, "LocalizedField"),
    // The deprecated name of the same fields, still in the 2026-07 schema (same shape, same arguments).
    localizationExtensions: localizedFieldsView(order, "LocalizationExtension"),
    purchasingEntity: company
      ? {
          __typename: "PurchasingCompany",
          company: { __typename: "Company", id: gid("Company", company.id), name: company.name },
          location: {
            __typename: "CompanyLocation",
            id: gid("CompanyLocation", company.locationId),
            name: company.locationName,
            taxRegistrationId: company.taxRegistrationId,
            taxSettings: {
              __typename: "CompanyLocationTaxSettings",
              taxRegistrationId: company.taxRegistrationId,
              taxExempt: false,
              taxExemptions: [],
            },
            billingAddress: { __typename: "CompanyAddress", countryCode: company.countryCode },
            shippingAddress: { __typename: "CompanyAddress", countryCode: company.countryCode },
          },
          contact: null,
        }
      : customer
        ? customerView(customer)
        : null,
    __typename: "Order",
    id: gid("Order", order.id),
    legacyResourceId: String(order.id),
    name: order.name,
    email: order.email,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    displayFinancialStatus: order.financialStatus,
    displayFulfillmentStatus: order.fulfillmentStatus,
    currencyCode: order.currencyCode,
    note: order.note,
    tags: order.tags,
    taxesIncluded: order.taxesIncluded,
    totalPriceSet: money(orderTotal(order), order.currencyCode),
    totalTaxSet: money(orderMoney(order).tax, order.currencyCode),
    currentTotalPriceSet: money(currentOrderMoney(order).total, order.currencyCode),
    currentTotalTaxSet: money(currentOrderMoney(order).tax, order.currencyCode),
    returns: (args: ConnectionArgs) =>
      connection(
        (order.returns ?? []).map((made) => returnView(shop, order, made)),
        args,
        byId,
      ),
    refunds: (args: { first?: number | null }) =>
      (order.refunds ?? []).slice(0, args.first ?? undefined).map((refund) => refundView(shop, order, refund)),
    phone: null,
    sourceName: order.sourceName ?? "web",
    shippingLines: (args: ConnectionArgs) =>
      connection(
        order.shippingLines.map((line, n) => ({
          __typename: "ShippingLine",
          id: gid("ShippingLine", order.id * 100 + n),
          title: line.title,
          isRemoved: false,
          originalPriceSet: money(line.price, order.currencyCode),
          discountedPriceSet: money((Number(line.price) - Number(line.discount)).toFixed(2), order.currencyCode),
          taxLines: taxLineViews(Number(line.price) - Number(line.discount), line.taxLines, order),
        })),
        args,
        byId,
      ),
    fulfillments: () => order.fulfillments.map((fulfillment) => fulfillmentView(order, fulfillment)),
    fulfillmentOrders: (args: ConnectionArgs) => connection([fulfillmentOrderView(shop, order)], args, byId),
    customer: customer ? customerView(customer) : null,
    shippingAddress: addressView(order.shippingAddress),
    billingAddress: addressView(order.billingAddress),
    lineItems: (args: ConnectionArgs) =>
      connection(
        order.lineItems.map((line) => ({
          __typename: "LineItem",
          id: gid("LineItem", line.id),
          title: line.title,
          name: line.title,
          sku: line.sku,
          quantity: line.quantity,
          currentQuantity: shop.orders.currentQuantity(order, line.id),
          isGiftCard: line.giftCard ?? false,
          product: line.productId ? { __typename: "Product", id: gid("Product", line.productId) } : null,
          originalUnitPriceSet: money(line.price, order.currencyCode),
          discountAllocations:
            Number(line.discount) > 0 ? [{ __typename: "DiscountAllocation", allocatedAmountSet: money(line.discount, order.currencyCode) }] : [],
          taxLines: taxLineViews(Number(line.price) * line.quantity - Number(line.discount), line.taxLines, order),
          variant: () => {
            const variant = line.variantId ? shop.catalog.variants.get(line.variantId) : undefined;
            return variant ? variantView(shop, variant) : null;
          },
        })),
        args,
        byId,
      ),
  };
}

export function fulfillmentOrderView(shop: EmulatedShop, order: OrderRecord): View {
  const location = shop.locations.find((l) => l.id === order.locationId);
  const open = !order.cancelledAt && order.lineItems.some((line) => shop.orders.remaining(order, line.id) > 0);
  return {
    __typename: "FulfillmentOrder",
    id: gid("FulfillmentOrder", order.fulfillmentOrderId),
    orderId: gid("Order", order.id),
    orderName: order.name,
    status: order.cancelledAt ? "CANCELLED" : open ? (order.fulfillments.length ? "IN_PROGRESS" : "OPEN") : "CLOSED",
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    assignedLocation: { name: location?.name ?? "", countryCode: "IT", location: location ? locationView(location) : null },
    lineItems: (args: ConnectionArgs) =>
      connection(
        order.lineItems.map((line) => ({
          __typename: "FulfillmentOrderLineItem",
          id: gid("FulfillmentOrderLineItem", line.id),
          sku: line.sku,
          productTitle: line.title,
          totalQuantity: line.quantity,
          remainingQuantity: shop.orders.remaining(order, line.id),
          lineItem: lineItemRef(order, line),
        })),
        args,
        byId,
      ),
  };
}

export function fulfillmentView(order: OrderRecord, fulfillment: OrderRecord["fulfillments"][number]): View {
  return {
    __typename: "Fulfillment",
    id: gid("Fulfillment", fulfillment.id),
    legacyResourceId: String(fulfillment.id),
    name: fulfillment.name,
    status: fulfillment.status,
    createdAt: fulfillment.createdAt,
    updatedAt: fulfillment.createdAt,
    totalQuantity: Object.values(fulfillment.lines).reduce((sum, n) => sum + n, 0),
    fulfillmentLineItems: (args: ConnectionArgs) =>
      connection(
        Object.entries(fulfillment.lines).map(([lineId, quantity]) => fulfillmentLineItemView(order, fulfillment.id, Number(lineId), quantity)),
        args,
        byId,
      ),
    trackingInfo: fulfillment.tracking ? [fulfillment.tracking] : [],
    order: { __typename: "Order", id: gid("Order", order.id), name: order.name },
    // Shopify's display status follows the latest tracking event (delivered, in transit…), else the fulfillment's own state.
    displayStatus: fulfillment.status === "CANCELLED" ? "CANCELED" : (latestEvent(fulfillment)?.status ?? "FULFILLED"),
    deliveredAt: eventTime(fulfillment, "DELIVERED"),
    inTransitAt: eventTime(fulfillment, "IN_TRANSIT"),
    events: (args: ConnectionArgs) => connection((fulfillment.events ?? []).map(fulfillmentEventView), args, byId),
  };
}

const latestEvent = (fulfillment: FulfillmentRecord) =>
  [...(fulfillment.events ?? [])].sort((a, b) => a.happenedAt.localeCompare(b.happenedAt) || a.id - b.id).at(-1);

const eventTime = (fulfillment: FulfillmentRecord, status: string) =>
  (fulfillment.events ?? []).filter((event) => event.status === status).at(-1)?.happenedAt ?? null;

export function fulfillmentEventView(event: FulfillmentEventRecord): View {
  return {
    __typename: "FulfillmentEvent",
    id: gid("FulfillmentEvent", event.id),
    status: event.status,
    happenedAt: event.happenedAt,
    createdAt: event.createdAt,
    message: event.message,
  };
}

/** A refund as the Admin API shows it (Refund of the 2026-07 schema). */
export function refundView(shop: EmulatedShop, order: OrderRecord, refund: OrderRefundRecord): View {
  const currency = order.currencyCode;
  const refunded = refund.transactions.reduce((sum, t) => sum + Number(t.amount), 0).toFixed(2);
  return {
    __typename: "Refund",
    id: gid("Refund", refund.id),
    legacyResourceId: String(refund.id),
    createdAt: refund.createdAt,
    updatedAt: refund.createdAt,
    processedAt: refund.createdAt,
    note: refund.note,
    order: () => orderView(shop, order),
    return: refund.returnId ? { __typename: "Return", id: gid("Return", refund.returnId) } : null,
    staffMember: null,
    duties: [],
    totalRefundedSet: money(refunded, currency),
    totalRefunded: { __typename: "MoneyV2", amount: refunded, currencyCode: currency },
    refundLineItems: (args: ConnectionArgs) =>
      connection(
        refund.lines.map((line) => {
          const item = order.lineItems.find((l) => l.id === line.lineItemId)!;
          return {
            __typename: "RefundLineItem",
            id: gid("RefundLineItem", line.id),
            quantity: line.quantity,
            restockType: line.restockType,
            restocked: line.restockType !== "NO_RESTOCK",
            location: line.locationId ? { __typename: "Location", id: gid("Location", line.locationId) } : null,
            priceSet: money(item.price, currency),
            subtotalSet: money(line.subtotal, currency),
            totalTaxSet: money(line.tax, currency),
            lineItem: lineItemRef(order, item),
          };
        }),
        args,
        byId,
      ),
    refundShippingLines: (args: ConnectionArgs) =>
      connection(
        refund.shipping.map((line) => ({
          __typename: "RefundShippingLine",
          id: gid("RefundShippingLine", line.id),
          subtotalAmountSet: money(line.amount, currency),
          taxAmountSet: money(line.tax, currency),
          shippingLine: {
            __typename: "ShippingLine",
            id: gid("ShippingLine", order.id * 100 + line.shippingIndex),
            title: order.shippingLines[line.shippingIndex]!.title,
            taxLines: taxLineViews(
              Number(order.shippingLines[line.shippingIndex]!.price) - Number(order.shippingLines[line.shippingIndex]!.discount),
              order.shippingLines[line.shippingIndex]!.taxLines,
              order,
            ),
          },
        })),
        args,
        byId,
      ),
    orderAdjustments: (args: ConnectionArgs) => connection([], args, byId),
    transactions: (args: ConnectionArgs) =>
      connection(
        refund.transactions.map((t) => ({
          __typename: "OrderTransaction",
          id: gid("OrderTransaction", t.id),
          kind: "REFUND",
          status: t.status,
          gateway: t.gateway,
          amountSet: money(t.amount, currency),
          processedAt: refund.createdAt,
          createdAt: refund.createdAt,
        })),
        args,
        byId,
      ),
  };
}

/** An order line as the objects that point at it (a fulfillment, a refund, a return) show it. */
function lineItemRef(order: OrderRecord, item: OrderRecord["lineItems"][number]): View {
  return {
    __typename: "LineItem",
    id: gid("LineItem", item.id),
    sku: item.sku,
    title: item.title,
    name: item.title,
    quantity: item.quantity,
    isGiftCard: item.giftCard ?? false,
    variant: item.variantId ? { __typename: "ProductVariant", id: gid("ProductVariant", item.variantId) } : null,
    taxLines: taxLineViews(Number(item.price) * item.quantity - Number(item.discount), item.taxLines, order),
  };
}

/** A fulfilled line as the Admin API shows it: its id names its fulfillment and its order line. */
function fulfillmentLineItemView(order: OrderRecord, fulfillmentId: number, lineItemId: number, quantity: number): View {
  const line = order.lineItems.find((l) => l.id === lineItemId)!;
  const total = (Number(line.price) * quantity).toFixed(2);
  return {
    __typename: "FulfillmentLineItem",
    id: gid("FulfillmentLineItem", fulfillmentLineItemId(fulfillmentId, lineItemId)),
    quantity,
    lineItem: lineItemRef(order, line),
    originalTotalSet: money(total, order.currencyCode),
    discountedTotalSet: money(total, order.currencyCode),
  };
}

/** A return as the Admin API shows it: its lines with their fulfilled line and dispositions, its exchange items, its refunds. */
export function returnView(shop: EmulatedShop, order: OrderRecord, made: OrderReturnRecord): View {
  const lineOf = (line: OrderReturnRecord["lines"][number]) =>
    fulfillmentLineItemView(order, fulfillmentLineItemParts(line.fulfillmentLineItemId).fulfillmentId, line.lineItemId, line.quantity);
  return {
    __typename: "Return",
    id: gid("Return", made.id),
    name: made.name,
    status: made.status,
    createdAt: made.createdAt,
    closedAt: made.closedAt,
    requestApprovedAt: made.createdAt,
    totalQuantity: made.lines.reduce((s, l) => s + l.quantity, 0),
    order: () => orderView(shop, order),
    returnLineItems: (args: ConnectionArgs) =>
      connection(
        made.lines.map((line) => ({
          __typename: "ReturnLineItem",
          id: gid("ReturnLineItem", line.id),
          quantity: line.quantity,
          processedQuantity: line.processedQuantity,
          unprocessedQuantity: line.quantity - line.processedQuantity,
          processableQuantity: line.quantity - line.processedQuantity,
          refundableQuantity: line.quantity,
          refundedQuantity: 0,
          returnReason: line.returnReason,
          returnReasonNote: "",
          customerNote: null,
          fulfillmentLineItem: lineOf(line),
        })),
        args,
        byId,
      ),
    exchangeLineItems: (args: ConnectionArgs) =>
      connection(
        made.exchanges.map((exchange) => {
          const lineItems = exchange.lineItemIds.map((id) =>
            lineItemRef(
              order,
              order.lineItems.find((l) => l.id === id)!,
            ),
          );
          return {
            __typename: "ExchangeLineItem",
            id: gid("ExchangeLineItem", exchange.id),
            quantity: exchange.quantity,
            processedQuantity: exchange.processedQuantity,
            unprocessedQuantity: exchange.quantity - exchange.processedQuantity,
            processableQuantity: exchange.quantity - exchange.processedQuantity,
            variantId: gid("ProductVariant", exchange.variantId),
            lineItem: lineItems[0] ?? null,
            lineItems,
          };
        }),
        args,
        byId,
      ),
    reverseFulfillmentOrders: (args: ConnectionArgs) =>
      connection(
        [
          {
            __typename: "ReverseFulfillmentOrder",
            id: gid("ReverseFulfillmentOrder", made.id),
            status: made.status === "CLOSED" ? "CLOSED" : "OPEN",
            lineItems: (lineArgs: ConnectionArgs) =>
              connection(
                made.lines.map((line) => ({
                  __typename: "ReverseFulfillmentOrderLineItem",
                  // One reverse fulfillment line per return line, named by it.
                  id: gid("ReverseFulfillmentOrderLineItem", line.id),
                  totalQuantity: line.quantity,
                  fulfillmentLineItem: lineOf(line),
                  dispositions: line.dispositions.map((d) => ({
                    __typename: "ReverseFulfillmentOrderDisposition",
                    id: gid("ReverseFulfillmentOrderDisposition", d.id),
                    type: d.type,
                    quantity: d.quantity,
                    createdAt: made.closedAt ?? made.createdAt,
                    location: d.locationId ? { __typename: "Location", id: gid("Location", d.locationId) } : null,
                  })),
                })),
                lineArgs,
                byId,
              ),
          },
        ],
        args,
        byId,
      ),
    refunds: (args: ConnectionArgs) =>
      connection(
        (order.refunds ?? []).filter((r) => r.returnId === made.id).map((r) => refundView(shop, order, r)),
        args,
        byId,
      ),
  };
}
