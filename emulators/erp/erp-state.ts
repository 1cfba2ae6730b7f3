/** The generic HTTP ERP emulator's books: customers, articles and sales orders in memory. */
import type { ErpArticle, ErpCustomer, ErpSalesOrder, ErpSalesOrderState, NewErpArticle, NewErpCustomer, NewErpSalesOrder } from "../../app/services/erp/erp.types";

import { ErpCatalog } from "./erp-catalog";

const CANCELLABLE: ErpSalesOrderState[] = ["draft", "confirmed", "processing"];
const EDITABLE: ErpSalesOrderState[] = ["draft", "confirmed"];

export class ErpBooks {
  readonly customers = new Map<string, ErpCustomer>();
  readonly articles = new Map<string, ErpArticle>();
  readonly salesOrders = new Map<string, ErpSalesOrder>();
  /** What the ERP offers to e-commerce, and its warehouses' stock. */
  catalog = new ErpCatalog();
  private next = 1;

  /** The books as JSON, for the sandbox to keep them across restarts. */
  toJSON() {
    return { next: this.next, customers: [...this.customers.values()], articles: [...this.articles.values()], salesOrders: [...this.salesOrders.values()], catalog: this.catalog.toJSON() };
  }

  static fromJSON(json: ReturnType<ErpBooks["toJSON"]>): ErpBooks {
    const books = new ErpBooks();
    books.next = json.next;
    books.catalog = ErpCatalog.fromJSON(json.catalog);
    for (const customer of json.customers) books.customers.set(customer.id, customer);
    for (const article of json.articles) books.articles.set(article.id, article);
    for (const order of json.salesOrders) books.salesOrders.set(order.id, order);
    return books;
  }

  private id(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  createCustomer(input: NewErpCustomer): ErpCustomer {
    const customer = { ...input, id: this.id("C") };
    this.customers.set(customer.id, customer);
    return customer;
  }

  createArticle(input: NewErpArticle): ErpArticle {
    const id = this.id("A");
    const article = { id, code: input.code ?? `ART-${String(this.articles.size + 1).padStart(5, "0")}`, sku: input.sku, name: input.name, listPrice: input.listPrice };
    this.articles.set(id, article);
    return article;
  }

  /** Creates a confirmed sale; the reference must be new. */
  createSalesOrder(input: NewErpSalesOrder): { order: ErpSalesOrder } | { conflict: string } | { invalid: string } {
    if ([...this.salesOrders.values()].some((order) => order.reference === input.reference)) return { conflict: `reference ${input.reference} is already used` };
    if (!this.customers.has(input.customerId)) return { invalid: `no customer ${input.customerId}` };
    const unknown = input.lines.find((line) => !this.articles.has(line.articleId));
    if (unknown) return { invalid: `no article ${unknown.articleId}` };
    const lines = input.lines.map((line) => ({ ...line, discount: line.discount ?? "0" }));
    const id = this.id("S");
    const order: ErpSalesOrder = {
      id,
      number: `SO${String(this.salesOrders.size + 1).padStart(5, "0")}`,
      reference: input.reference,
      customerId: input.customerId,
      currency: input.currency,
      state: "confirmed",
      total: totalOf(lines),
      lines,
      shipment: null,
    };
    this.salesOrders.set(id, order);
    return { order };
  }

  /** Replaces lines of a sale still open to edits (draft or confirmed). */
  update(id: string, input: NewErpSalesOrder): { order: ErpSalesOrder } | { refused: string } | { invalid: string } | null {
    const order = this.salesOrders.get(id);
    if (!order) return null;
    if (!EDITABLE.includes(order.state)) return { refused: `a sale that is ${order.state} can no longer be edited` };
    if (input.reference !== order.reference) return { invalid: "the reference of a sale cannot change" };
    const unknown = input.lines.find((line) => !this.articles.has(line.articleId));
    if (unknown) return { invalid: `no article ${unknown.articleId}` };
    order.lines = input.lines.map((line) => ({ ...line, discount: line.discount ?? "0" }));
    order.total = totalOf(order.lines);
    return { order };
  }

  cancel(id: string): { order: ErpSalesOrder } | { refused: string } | null {
    const order = this.salesOrders.get(id);
    if (!order) return null;
    if (!CANCELLABLE.includes(order.state) && order.state !== "cancelled") return { refused: `a sale that is ${order.state} cannot be cancelled` };
    order.state = "cancelled";
    return { order };
  }

  /** What the ERP's users do: ship (with tracking) and invoice. */
  ship(id: string, carrier: string, trackingNumber: string): ErpSalesOrder {
    const order = this.salesOrders.get(id)!;
    order.state = "shipped";
    order.shipment = { carrier, trackingNumber };
    return order;
  }

  invoice(id: string): ErpSalesOrder {
    const order = this.salesOrders.get(id)!;
    order.state = "invoiced";
    return order;
  }
}

/** The sale's total with tax, as an ERP shows it. */
function totalOf(lines: ErpSalesOrder["lines"]): string {
  return lines
    .reduce((sum, line) => {
      const net = Math.round(Number(line.unitPrice) * line.quantity * (1 - Number(line.discount) / 100) * 100) / 100;
      return sum + net + Math.round(net * Number(line.taxRate ?? 0)) / 100;
    }, 0)
    .toFixed(2);
}
