/** A shop's customers and orders, as the Admin API and webhooks show them. */
import { type IdSequence } from "./ids";

export interface AddressRecord {
  firstName: string;
  lastName: string;
  company?: string | null;
  address1: string;
  address2?: string | null;
  city: string;
  province?: string | null;
  provinceCode?: string | null;
  zip: string;
  countryCode: string;
  phone?: string | null;
}

/** A metafield on an order or a customer ($app resolved to the app's own namespace, as Shopify does). */
export interface MetafieldRecord {
  id: number;
  namespace: string;
  key: string;
  type: string;
  value: string;
  updatedAt: string;
}

/** A checkout's localized field (Order.localizedFields): a tax credential or PEC a country's checkout asks for. */
export interface LocalizedFieldRecord {
  key: string;
  value: string;
  countryCode: string;
  purpose: "TAX" | "SHIPPING";
}

/** The B2B company and location an order was placed for, with the location's tax registration id. */
export interface OrderCompanyRecord {
  id: number;
  name: string;
  locationId: number;
  locationName: string;
  taxRegistrationId: string | null;
  countryCode: string;
}

export interface CustomerRecord {
  id: number;
  metafields?: MetafieldRecord[];
  email: string | null;
  firstName: string;
  lastName: string;
  phone: string | null;
  /** Set by the first checkout with a shipping address, as Shopify does; changed by the merchant or the customer. */
  defaultAddress: AddressRecord | null;
  createdAt: string;
  updatedAt: string;
}

export interface TaxLineRecord {
  title: string;
  /** A fraction, as Shopify gives it: 0.22 for 22%. */
  rate: number;
}

export interface LineItemRecord {
  id: number;
  variantId: number | null;
  productId: number | null;
  sku: string | null;
  title: string;
  quantity: number;
  /** Unit price before discounts (with tax when the order's taxes are included). */
  price: string;
  /** The discount allocated to the whole line, as an amount. */
  discount: string;
  taxLines: TaxLineRecord[];
  /** A gift card sold on the order. */
  giftCard?: boolean;
}

export interface ShippingLineRecord {
  title: string;
  price: string;
  discount: string;
  taxLines: TaxLineRecord[];
}

/** A return of an order (returnCreate, returnProcess, returnClose): its lines back, their dispositions, and exchange items. */
export interface OrderReturnRecord {
  id: number;
  name: string;
  status: "OPEN" | "CLOSED";
  createdAt: string;
  closedAt: string | null;
  lines: Array<{
    id: number;
    lineItemId: number;
    fulfillmentLineItemId: number;
    quantity: number;
    processedQuantity: number;
    returnReason: string;
    dispositions: Array<{
      id: number;
      type: "RESTOCKED" | "NOT_RESTOCKED" | "MISSING" | "PROCESSING_REQUIRED";
      quantity: number;
      locationId: number | null;
    }>;
  }>;
  /** Exchange items: each processing of one adds a line item to the order (Shopify confirms exchange items when processed). */
  exchanges: Array<{ id: number; lineItemIds: number[]; variantId: number; quantity: number; processedQuantity: number }>;
  refundIds: number[];
}

/** A refund of an order (refundCreate): what went back, line by line, with its money as Shopify computed it. */
export interface OrderRefundRecord {
  id: number;
  createdAt: string;
  note: string | null;
  lines: Array<{
    id: number;
    lineItemId: number;
    quantity: number;
    restockType: "RETURN" | "CANCEL" | "NO_RESTOCK";
    locationId: number | null;
    /** After the line's discount, with tax when the order's taxes are included. */
    subtotal: string;
    tax: string;
    /** The tax by the line's tax lines. */
    taxes: string[];
  }>;
  shipping: Array<{ id: number; shippingIndex: number; amount: string; tax: string; taxes: string[] }>;
  transactions: Array<{ id: number; amount: string; gateway: string; status: "SUCCESS" }>;
  /** The return the refund was made for (returnProcess), if any. */
  returnId?: number | null;
}

export interface FulfillmentRecord {
  id: number;
  name: string;
  createdAt: string;
  status: "SUCCESS" | "CANCELLED";
  tracking: { company: string | null; number: string | null; url: string | null } | null;
  /** Quantities fulfilled, by line item id. */
  lines: Record<number, number>;
  /** Its tracking events (fulfillmentEventCreate), oldest first; absent in states saved before events were kept. */
  events?: FulfillmentEventRecord[];
}

/** A step of a shipment's journey: carrier pickup, in transit, delivered… (FulfillmentEventStatus). */
export interface FulfillmentEventRecord {
  id: number;
  status: string;
  happenedAt: string;
  createdAt: string;
  message: string | null;
}

export interface OrderRecord {
  id: number;
  name: string;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  financialStatus: "PENDING" | "AUTHORIZED" | "PAID" | "PARTIALLY_PAID" | "PARTIALLY_REFUNDED" | "REFUNDED" | "VOIDED";
  fulfillmentStatus: "UNFULFILLED" | "FULFILLED" | "PARTIALLY_FULFILLED";
  currencyCode: string;
  customerId: number | null;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  /** Whether prices include tax (as in most EU shops). */
  taxesIncluded: boolean;
  shippingAddress: AddressRecord | null;
  billingAddress: AddressRecord | null;
  note: string | null;
  /** Where the order was made (web when not said). */
  sourceName?: string | null;
  tags: string[];
  /** The order's one fulfillment order (emulated: every order ships from one location). */
  fulfillmentOrderId: number;
  locationId: number | null;
  fulfillments: FulfillmentRecord[];
  /** The note attributes (cart attributes). */
  attributes?: Array<{ key: string; value: string }>;
  localizedFields?: LocalizedFieldRecord[];
  company?: OrderCompanyRecord | null;
  metafields?: MetafieldRecord[];
  refunds?: OrderRefundRecord[];
  returns?: OrderReturnRecord[];
}

export interface NewOrder {
  email?: string | null;
  customer?: { email: string; firstName: string; lastName: string } | null;
  lines: Array<{
    variantId?: number | null;
    sku?: string | null;
    title: string;
    quantity: number;
    price: string;
    discount?: string;
    taxLines?: TaxLineRecord[];
    giftCard?: boolean;
  }>;
  shippingLines?: Array<{ title: string; price: string; discount?: string; taxLines?: TaxLineRecord[] }>;
  taxesIncluded?: boolean;
  financialStatus?: OrderRecord["financialStatus"];
  shippingAddress?: AddressRecord | null;
  /** The shipping address when not given, as at most checkouts. */
  billingAddress?: AddressRecord | null;
  note?: string | null;
  createdAt?: string;
  attributes?: Array<{ key: string; value: string }>;
  localizedFields?: Array<{ key: string; value: string; countryCode?: string }>;
  /** A B2B order: its company (made on first use, by name) and location, with the location's tax registration id. */
  company?: { name: string; locationName?: string; taxRegistrationId?: string | null; countryCode: string } | null;
  metafields?: Array<{ namespace: string; key: string; type?: string; value: string }>;
  customerMetafields?: Array<{ namespace: string; key: string; type?: string; value: string }>;
}

export class OrderStore {
  readonly orders = new Map<number, OrderRecord>();
  readonly customers = new Map<number, CustomerRecord>();
  private nextNumber = 1001;
  /** The next order's number, for a saved state. */
  get upcomingNumber(): number {
    return this.nextNumber;
  }
  /** Goes on from a saved state: the next order never reuses a number. */
  resumeNumberingAt(next: number): void {
    this.nextNumber = Math.max(this.nextNumber, next);
  }

  constructor(
    private readonly ids: IdSequence,
    private readonly currencyCode: string,
    private readonly productOfVariant: (variantId: number) => number | null,
    private readonly defaultLocationId: () => number | null = () => null,
  ) {}

  createOrder(input: NewOrder, now = input.createdAt ?? new Date().toISOString()): OrderRecord {
    const customer = input.customer ? this.findOrCreateCustomer(input.customer, now, input.shippingAddress ?? null) : null;
    const order: OrderRecord = {
      id: this.ids.take(),
      name: `#${this.nextNumber++}`,
      email: input.email ?? customer?.email ?? null,
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      cancelReason: null,
      financialStatus: input.financialStatus ?? "PAID",
      fulfillmentStatus: "UNFULFILLED",
      currencyCode: this.currencyCode,
      customerId: customer?.id ?? null,
      lineItems: input.lines.map((line) => ({
        id: this.ids.take(),
        variantId: line.variantId ?? null,
        productId: line.variantId ? this.productOfVariant(line.variantId) : null,
        sku: line.sku ?? null,
        title: line.title,
        quantity: line.quantity,
        price: line.price,
        discount: line.discount ?? "0.00",
        taxLines: line.taxLines ?? [],
        giftCard: line.giftCard ?? false,
      })),
      shippingLines: (input.shippingLines ?? []).map((line) => ({
        title: line.title,
        price: line.price,
        discount: line.discount ?? "0.00",
        taxLines: line.taxLines ?? [],
      })),
      taxesIncluded: input.taxesIncluded ?? false,
      shippingAddress: input.shippingAddress ?? null,
      billingAddress: input.billingAddress ?? input.shippingAddress ?? null,
      note: input.note ?? null,
      tags: [],
      fulfillmentOrderId: this.ids.take(),
      locationId: this.defaultLocationId(),
      fulfillments: [],
      attributes: input.attributes ?? [],
      localizedFields: (input.localizedFields ?? []).map((field) => ({
        key: field.key,
        value: field.value,
        countryCode: field.countryCode ?? field.key.slice(-2),
        purpose: field.key.startsWith("SHIPPING_") ? "SHIPPING" : "TAX",
      })),
      company: input.company ? this.companyFor(input.company) : null,
      metafields: [],
    };
    for (const metafield of input.metafields ?? []) this.setMetafield(order, { type: "single_line_text_field", ...metafield }, now);
    if (customer)
      for (const metafield of input.customerMetafields ?? []) this.setMetafield(customer, { type: "single_line_text_field", ...metafield }, now);
    this.orders.set(order.id, order);
    return order;
  }

  /** The company of this name that an earlier order was placed for, else a new one, with this location. */
  private companyFor(input: NonNullable<NewOrder["company"]>): OrderCompanyRecord {
    const known = [...this.orders.values()].find((order) => order.company?.name === input.name)?.company;
    const locationName = input.locationName ?? input.name;
    const sameLocation = known && known.locationName === locationName ? known : null;
    return {
      id: known?.id ?? this.ids.take(),
      name: input.name,
      locationId: sameLocation?.locationId ?? this.ids.take(),
      locationName,
      taxRegistrationId: input.taxRegistrationId ?? null,
      countryCode: input.countryCode,
    };
  }

  /** Creates or replaces the owner's metafield of this namespace and key (metafieldsSet). */
  setMetafield(
    owner: { metafields?: MetafieldRecord[] },
    input: { namespace: string; key: string; type: string; value: string },
    now = new Date().toISOString(),
  ): MetafieldRecord {
    owner.metafields ??= [];
    const held = owner.metafields.find((m) => m.namespace === input.namespace && m.key === input.key);
    if (held) {
      Object.assign(held, { type: input.type, value: input.value, updatedAt: now });
      return held;
    }
    const made = { id: this.ids.take(), ...input, updatedAt: now };
    owner.metafields.push(made);
    return made;
  }

  updateOrder(
    id: number,
    change: Partial<Pick<OrderRecord, "note" | "tags" | "financialStatus" | "email">>,
    now = new Date().toISOString(),
  ): OrderRecord {
    const order = this.require(id);
    Object.assign(order, change, { updatedAt: now });
    return order;
  }

  cancelOrder(id: number, reason: string, now = new Date().toISOString()): OrderRecord {
    const order = this.require(id);
    order.cancelledAt = now;
    order.cancelReason = reason;
    order.updatedAt = now;
    return order;
  }

  /** Quantity of a line refunded so far. */
  refunded(order: OrderRecord, lineId: number): number {
    return (order.refunds ?? []).flatMap((refund) => refund.lines).reduce((sum, line) => sum + (line.lineItemId === lineId ? line.quantity : 0), 0);
  }

  /** A line's current quantity: what was sold, less what was refunded (0 once the order is cancelled). */
  currentQuantity(order: OrderRecord, lineId: number): number {
    const line = order.lineItems.find((l) => l.id === lineId);
    return !line || order.cancelledAt ? 0 : line.quantity - this.refunded(order, lineId);
  }

  /** Keeps a refund and what it changes: the order's financial status, its updatedAt. */
  addRefund(
    orderId: number,
    refund: Omit<OrderRefundRecord, "id" | "createdAt">,
    fullyRefunded: boolean,
    now = new Date().toISOString(),
  ): OrderRefundRecord {
    const order = this.require(orderId);
    const made: OrderRefundRecord = { id: this.ids.take(), createdAt: now, ...refund };
    (order.refunds ??= []).push(made);
    order.financialStatus = fullyRefunded ? "REFUNDED" : "PARTIALLY_REFUNDED";
    order.updatedAt = now;
    return made;
  }

  takeId(): number {
    return this.ids.take();
  }

  /** A line added to the order (an exchange item): unfulfilled, its money as the order's other lines. */
  addLine(
    orderId: number,
    line: { variantId: number; sku: string | null; title: string; quantity: number; price: string; taxLines: TaxLineRecord[] },
  ) {
    const order = this.require(orderId);
    const made = {
      id: this.ids.take(),
      variantId: line.variantId,
      productId: this.productOfVariant(line.variantId),
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      price: line.price,
      discount: "0.00",
      taxLines: line.taxLines,
      giftCard: false,
    };
    order.lineItems.push(made);
    order.fulfillmentStatus = "PARTIALLY_FULFILLED";
    order.updatedAt = new Date().toISOString();
    return made;
  }

  /** Keeps a new return, open. */
  addReturn(orderId: number, input: Pick<OrderReturnRecord, "lines" | "exchanges">, now = new Date().toISOString()): OrderReturnRecord {
    const order = this.require(orderId);
    const made: OrderReturnRecord = {
      id: this.ids.take(),
      name: `${order.name}-R${(order.returns?.length ?? 0) + 1}`,
      status: "OPEN",
      createdAt: now,
      closedAt: null,
      refundIds: [],
      ...input,
    };
    (order.returns ??= []).push(made);
    order.updatedAt = now;
    return made;
  }

  /** Quantity of a line not yet fulfilled. */
  remaining(order: OrderRecord, lineId: number): number {
    const line = order.lineItems.find((l) => l.id === lineId);
    if (!line || order.cancelledAt) return 0;
    const done = order.fulfillments.filter((f) => f.status === "SUCCESS").reduce((sum, f) => sum + (f.lines[lineId] ?? 0), 0);
    return line.quantity - done;
  }

  fulfill(
    orderId: number,
    lines: Record<number, number>,
    tracking: FulfillmentRecord["tracking"],
    now = new Date().toISOString(),
  ): FulfillmentRecord {
    const order = this.require(orderId);
    const fulfillment: FulfillmentRecord = {
      id: this.ids.take(),
      name: `${order.name}-F${order.fulfillments.length + 1}`,
      createdAt: now,
      status: "SUCCESS",
      tracking,
      lines,
    };
    order.fulfillments.push(fulfillment);
    const open = order.lineItems.some((line) => this.remaining(order, line.id) > 0);
    order.fulfillmentStatus = open ? "PARTIALLY_FULFILLED" : "FULFILLED";
    order.updatedAt = now;
    return fulfillment;
  }

  /** Records a tracking event on a fulfillment; the order changes its updatedAt, as an order's timeline grows. */
  addFulfillmentEvent(
    order: OrderRecord,
    fulfillment: FulfillmentRecord,
    event: { status: string; happenedAt: string | null; message: string | null },
    now = new Date().toISOString(),
  ): FulfillmentEventRecord {
    const made: FulfillmentEventRecord = {
      id: this.ids.take(),
      status: event.status,
      happenedAt: event.happenedAt ?? now,
      createdAt: now,
      message: event.message,
    };
    fulfillment.events = [...(fulfillment.events ?? []), made];
    order.updatedAt = now;
    return made;
  }

  /** The order holding this fulfillment, and the fulfillment. */
  byFulfillment(fulfillmentId: number): { order: OrderRecord; fulfillment: FulfillmentRecord } | undefined {
    for (const order of this.orders.values()) {
      const fulfillment = order.fulfillments.find((one) => one.id === fulfillmentId);
      if (fulfillment) return { order, fulfillment };
    }
    return undefined;
  }

  byFulfillmentOrder(fulfillmentOrderId: number): OrderRecord | undefined {
    return [...this.orders.values()].find((order) => order.fulfillmentOrderId === fulfillmentOrderId);
  }

  require(id: number): OrderRecord {
    const order = this.orders.get(id);
    if (!order) throw new Error(`no order ${id}`);
    return order;
  }

  /** What the merchant or the customer changes on a customer; bumps updatedAt. */
  updateCustomer(
    id: number,
    change: Partial<Pick<CustomerRecord, "email" | "firstName" | "lastName" | "phone" | "defaultAddress">>,
    now = new Date().toISOString(),
  ): CustomerRecord {
    const customer = this.customers.get(id);
    if (!customer) throw new Error(`no customer ${id}`);
    Object.assign(customer, change, { updatedAt: now });
    return customer;
  }

  private findOrCreateCustomer(
    input: { email: string; firstName: string; lastName: string },
    now: string,
    address: AddressRecord | null,
  ): CustomerRecord {
    const existing = [...this.customers.values()].find((customer) => customer.email === input.email);
    if (existing) {
      if (!existing.defaultAddress && address) existing.defaultAddress = address;
      return existing;
    }
    const customer: CustomerRecord = { id: this.ids.take(), phone: null, defaultAddress: address, createdAt: now, updatedAt: now, ...input };
    this.customers.set(customer.id, customer);
    return customer;
  }
}
