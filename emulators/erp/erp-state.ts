/** The generic HTTP ERP emulator's books: customers, articles and sales orders in memory. */
import type {
  ErpArticle,
  ErpCreditNote,
  ErpCustomer,
  ErpInvoice,
  ErpSalesOrder,
  ErpSalesOrderState,
  NewErpArticle,
  NewErpCreditNote,
  NewErpCustomer,
  NewErpSalesOrder,
} from "../../app/services/erp/erp.types";

import { ErpCatalog } from "./erp-catalog";
import { erpRecordId, type ErpRecord, type ErpRecordId } from "../../app/services/ids";
import { amount, format, sum } from "../../app/services/money/money";

export const DEFAULT_CURRENCIES = ["EUR", "USD", "GBP", "CHF", "CAD", "PLN", "CZK", "HUF", "HKD", "JPY", "AUD", "BRL"];

/** How the ERP is set up: the currencies it books in (null: any) and, by tax title, the rate of its own tax when it differs from what the sale says. */
export interface ErpSetup {
  currencies: string[] | null;
  taxRates: Record<string, string>;
}

const CANCELLABLE: ErpSalesOrderState[] = ["draft", "confirmed", "processing"];
const EDITABLE: ErpSalesOrderState[] = ["draft", "confirmed"];

export class ErpBooks {
  readonly customers = new Map<string, ErpCustomer>();
  readonly articles = new Map<string, ErpArticle>();
  /** Article categories by name, made when an article first names one. */
  readonly articleCategories = new Set<string>();
  readonly salesOrders = new Map<string, ErpSalesOrder>();
  readonly creditNotes = new Map<string, ErpCreditNote>();
  /** What the ERP offers to e-commerce, and its warehouses' stock. */
  catalog = new ErpCatalog();
  /** Set up, as a merchant's ERP is, with the currencies its shops sell in. */
  setup: ErpSetup = { currencies: [...DEFAULT_CURRENCIES], taxRates: {} };
  private next = 1;

  /** The books as JSON, for the sandbox to keep them across restarts. */
  toJSON() {
    return {
      next: this.next,
      setup: this.setup,
      customers: [...this.customers.values()],
      articles: [...this.articles.values()],
      salesOrders: [...this.salesOrders.values()],
      creditNotes: [...this.creditNotes.values()],
      catalog: this.catalog.toJSON(),
    };
  }

  static fromJSON(json: ReturnType<ErpBooks["toJSON"]>): ErpBooks {
    const books = new ErpBooks();
    books.next = json.next;
    books.catalog = ErpCatalog.fromJSON(json.catalog);
    if (json.setup) books.setup = json.setup;
    for (const customer of json.customers) books.customers.set(customer.id, customer);
    for (const article of json.articles) books.articles.set(article.id, article);
    for (const order of json.salesOrders) books.salesOrders.set(order.id, order);
    for (const note of json.creditNotes ?? []) books.creditNotes.set(note.id, note);
    return books;
  }

  /** The ERP's next id for a record of this kind: C1 (customer), A2 (article), S3 (sale)… */
  private id<R extends ErpRecord>(record: R, prefix: string): ErpRecordId<R> {
    return erpRecordId(record, `${prefix}${this.next++}`);
  }

  /** Why the ERP cannot book a sale in this currency, or null. */
  cannotBook(needs: { currency: string }): string | null {
    if (this.setup.currencies && !this.setup.currencies.includes(needs.currency))
      return `The ERP has no currency ${needs.currency}: add it, then retry the order`;
    return null;
  }

  createCustomer(input: NewErpCustomer): ErpCustomer {
    const customer: ErpCustomer = {
      id: this.id("customer", "C"),
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      externalRef: input.externalRef,
      addresses: input.addresses.map((a) => ({
        ...a,
        company: a.company ?? null,
        street2: a.street2 ?? null,
        province: a.province ?? null,
        provinceCode: a.provinceCode ?? null,
        phone: a.phone ?? null,
        invoice: a.invoice ?? true,
        delivery: a.delivery ?? true,
      })),
      taxIdentifiers: (input.taxIdentifiers ?? []).map((id) => ({ ...id, valid: id.valid ?? true })),
      pec: input.pec ?? null,
      sdiCode: input.sdiCode ?? null,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  /** An article of this SKU already there (the ERP keeps SKUs unique), or null. */
  articleWithSku(sku: string): ErpArticle | null {
    return [...this.articles.values()].find((article) => article.sku === sku) ?? null;
  }

  /** The category of that name, made if missing (names are matched as written, without surrounding spaces). */
  private categoryNamed(name: string): string {
    const trimmed = name.trim();
    this.articleCategories.add(trimmed);
    return trimmed;
  }

  createArticle(input: NewErpArticle): ErpArticle {
    const id = this.id("article", "A");
    const article = {
      id,
      code: input.code ?? `ART-${String(this.articles.size + 1).padStart(5, "0")}`,
      sku: input.sku,
      name: input.name,
      listPrice: input.listPrice,
      ...(input.category ? { category: this.categoryNamed(input.category) } : {}),
    };
    this.articles.set(id, article);
    return article;
  }

  /** Creates a confirmed sale; the reference must be new. */
  createSalesOrder(input: NewErpSalesOrder): { order: ErpSalesOrder } | { conflict: string } | { invalid: string } {
    if ([...this.salesOrders.values()].some((order) => order.reference === input.reference))
      return { conflict: `reference ${input.reference} is already used` };
    if (!this.customers.has(input.customerId)) return { invalid: `no customer ${input.customerId}` };
    const refusal = this.cannotBook(input);
    if (refusal) return { invalid: refusal };
    const unknown = input.lines.find((line) => !this.articles.has(line.articleId));
    if (unknown) return { invalid: `no article ${unknown.articleId}` };
    const lines = input.lines.map((line) => ({ ...line, discount: line.discount ?? "0", taxes: line.taxes ?? [] }));
    const id = this.id("sale", "S");
    const order: ErpSalesOrder = {
      id,
      number: `SO${String(this.salesOrders.size + 1).padStart(5, "0")}`,
      reference: input.reference,
      customerId: input.customerId,
      currency: input.currency,
      state: "confirmed",
      ...this.totalsOf(lines, input.currency),
      lines,
      shipment: null,
      invoice: null,
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
    order.lines = input.lines.map((line) => ({ ...line, discount: line.discount ?? "0", taxes: line.taxes ?? [] }));
    Object.assign(order, this.totalsOf(order.lines, order.currency));
    return { order };
  }

  cancel(id: string): { order: ErpSalesOrder } | { refused: string } | null {
    const order = this.salesOrders.get(id);
    if (!order) return null;
    if (!CANCELLABLE.includes(order.state) && order.state !== "cancelled") return { refused: `a sale that is ${order.state} cannot be cancelled` };
    order.state = "cancelled";
    return { order };
  }

  /**
   * The sale's tax and total as an ERP computes them: each line's net rounded
   * to the currency, each of its taxes at the rate of the ERP's own tax of
   * that title (the sale's rate unless set up otherwise) rounded per line.
   */
  totalsOf(lines: ErpSalesOrder["lines"], currency: string): { total: string; tax: string } {
    const nets = lines.map((line) => lineNet(line, currency));
    const taxes = lines.flatMap((line, n) =>
      line.taxes.map((tax) => format(nets[n]!.times(amount(this.setup.taxRates[tax.title] ?? tax.rate)).dividedBy(100), currency)),
    );
    const tax = sum(taxes);
    return { total: format(sum(nets).plus(tax), currency), tax: format(tax, currency) };
  }

  /**
   * Books a credit note: its reference must be new, its customer, articles, sale and warehouses known. Goods that
   * come back (a line naming a warehouse) go back into that warehouse's stock, by the article's SKU.
   */
  createCreditNote(input: NewErpCreditNote): { note: ErpCreditNote } | { conflict: string } | { invalid: string } {
    if ([...this.creditNotes.values()].some((note) => note.reference === input.reference))
      return { conflict: `reference ${input.reference} is already used` };
    if (!this.customers.has(input.customerId)) return { invalid: `no customer ${input.customerId}` };
    if (input.saleId && !this.salesOrders.has(input.saleId)) return { invalid: `no sales order ${input.saleId}` };
    const refusal = this.cannotBook(input);
    if (refusal) return { invalid: refusal };
    const unknown = input.lines.find((line) => !this.articles.has(line.articleId));
    if (unknown) return { invalid: `no article ${unknown.articleId}` };
    const nowhere = input.lines.find((line) => line.restockWarehouseId && !this.catalog.warehouses.has(line.restockWarehouseId));
    if (nowhere) return { invalid: `no warehouse ${nowhere.restockWarehouseId}` };
    const lines = input.lines.map((line) => ({ ...line, discount: line.discount ?? "0", taxes: line.taxes ?? [] }));
    for (const line of lines) {
      if (!line.restockWarehouseId) continue;
      const sku = this.articles.get(line.articleId)!.sku;
      const held = this.catalog.stock.get(line.restockWarehouseId)?.get(sku) ?? 0;
      this.catalog.setStock(line.restockWarehouseId, sku, held + line.quantity);
    }
    const note: ErpCreditNote = {
      id: this.id("creditNote", "CN"),
      number: `CN${String(this.creditNotes.size + 1).padStart(5, "0")}`,
      reference: input.reference,
      saleId: input.saleId,
      customerId: input.customerId,
      currency: input.currency,
      state: "posted",
      ...this.totalsOf(lines, input.currency),
      lines,
    };
    this.creditNotes.set(note.id, note);
    return { note };
  }

  /** What the ERP's users do: ship (with tracking) and invoice. */
  ship(id: string, carrier: string, trackingNumber: string): ErpSalesOrder {
    const order = this.salesOrders.get(id)!;
    order.state = "shipped";
    order.shipment = { carrier, trackingNumber, deliveredAt: null };
    return order;
  }

  /** What the carrier's data tells the ERP: the shipped sale reached the customer (now, or at the time given). */
  deliver(id: string, deliveredAt: string = new Date().toISOString()): ErpSalesOrder | "not shipped" {
    const order = this.salesOrders.get(id)!;
    if (!order.shipment) return "not shipped";
    order.shipment = { ...order.shipment, deliveredAt };
    return order;
  }

  /** Invoices the sale: its invoice numbered in the ERP's own sequence (or as given), dated today (or as given). */
  invoice(id: string, invoice: Partial<ErpInvoice> = {}): ErpSalesOrder {
    const order = this.salesOrders.get(id)!;
    order.state = "invoiced";
    const year = new Date().getUTCFullYear();
    const invoiced = [...this.salesOrders.values()].filter((o) => o.invoice).length;
    order.invoice = {
      number: invoice.number ?? `INV/${year}/${String(invoiced + 1).padStart(5, "0")}`,
      date: invoice.date ?? new Date().toISOString().slice(0, 10),
      documentId: invoice.documentId ?? null,
      documentUrl: invoice.documentUrl ?? null,
    };
    return order;
  }

  /** Customers matching every part of the query given (an email case-blind, a tax id by type and compact value). */
  findCustomers(query: { email?: string | null; externalRef?: string | null; taxIdType?: string | null; taxId?: string | null }): ErpCustomer[] {
    return [...this.customers.values()].filter(
      (c) =>
        (!query.email || c.email?.toLowerCase() === query.email.toLowerCase()) &&
        (!query.externalRef || c.externalRef === query.externalRef) &&
        (!query.taxId || c.taxIdentifiers.some((id) => id.value === query.taxId && (!query.taxIdType || id.type === query.taxIdType))),
    );
  }

  /** Adds the tax ids the customer lacks (by type and value); none is removed, past invoices name them. */
  addTaxIdentifiers(customer: ErpCustomer, ids: NewErpCustomer["taxIdentifiers"]): void {
    for (const id of ids ?? []) {
      if (!customer.taxIdentifiers.some((held) => held.type === id.type && held.value === id.value))
        customer.taxIdentifiers.push({ ...id, valid: id.valid ?? true });
    }
  }
}

/** A line's net in the sale's currency, as an ERP rounds it. */
function lineNet(line: ErpSalesOrder["lines"][number], currency: string) {
  return amount(format(amount(line.unitPrice).times(line.quantity).minus(amount(line.discount)), currency));
}
