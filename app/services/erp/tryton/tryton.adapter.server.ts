/**
 * The Tryton adapter (Tryton 6.0, JSON-RPC). How Ponte's terms sit on
 * Tryton's models:
 * - customer = party.party; email and phone = contact mechanisms;
 *   externalRef (the Shopify customer) = an untyped party identifier's code
 *   (gid://shopify/Customer/…); tax ids = typed party identifiers
 *   (it_codicefiscale, it_iva, eu_vat, pl_nip, br_cpf, br_cnpj), which Tryton
 *   checks with python-stdnum: one that failed Ponte's check (sent only when
 *   the merchant says so) goes untyped, as a Tryton user keeps a number Tryton
 *   refuses; the PEC = an e-mail contact mechanism named "PEC", the codice
 *   destinatario SDI = an "other" contact mechanism named "SDI" (Tryton 6.0
 *   has no e-invoicing module for Italy in Debian: these are where an
 *   accountant looks for them);
 *   addresses = party.address with Tryton's own invoice and delivery flags:
 *   both street lines in `street` (one per line), the company in `name`
 *   (Tryton's "building name", printed above the street), the province as a
 *   country.subdivision (created when Tryton lacks it, as the country is).
 * - sale lines: Tryton has no discount on a line (without sale_discount), so
 *   the unit price is the line's net after discount / quantity, to Tryton's
 *   4 decimals; each Shopify tax goes as one Tryton tax of that rate (the one
 *   named like it when several share the rate). Tryton computes the taxes
 *   itself (the bootstrap keeps its tax rounding per document: see there).
 * - Before a sale, checkCanBook looks for the currency and every tax, so an
 *   order Tryton cannot book is refused before its customer is made.
 * - article = product.product; sku = the product's code (its template's
 *   code, with no suffix, for the articles Ponte creates); created goods are
 *   salable, in units, in the bootstrap's "Ponte articles" category.
 * - sales order = sale.sale, left as a quotation (the ERP's users confirm
 *   it); reference = sale.reference, which Ponte keeps unique itself.
 * - Tryton cancels only draft and quotation sales; anything further is
 *   refused (ErpRefusedError "not_cancellable").
 * - the sale's invoice = its first posted or paid account.invoice: its
 *   number and invoice date.
 * - As a catalog source: what is offered to e-commerce is what the web shop
 *   (module web_shop; the first active one) publishes: its products (each
 *   product.product a variant, grouped by template), its categories, its
 *   warehouses; stock is a product's quantity in a warehouse (Tryton's
 *   `locations` context, child locations included). Tryton 6.0 keeps no
 *   product images.
 */
import { z } from "zod";
import { parseAnswer } from "../../edges/parse-answer";
import { ContractViolationError } from "../../errors";
import {
  addressRecord,
  companyRecord,
  contactRecord,
  identifierRecord,
  invoiceRecord,
  namedRecord,
  partyRecord,
  quantityRecord,
  articleRecord,
  partyAddressesRecord,
  saleStateRecord,
  productTypeRecord,
  saleWarehouseRecord,
  taxRecord,
  webShopRecord,
  productRecord,
  saleLineRecord,
  saleRecord,
  shipmentRecord,
} from "./tryton-records";
import type { StockPage, SourceCategory, SourceProduct, SourceStockLevel } from "../../sources/product-source.types";
import { PermanentError, RetryableError } from "../../errors";
import { amount, Dec, format, isAmount, plain, price, sum } from "../../money/money";
import { ErpRefusedError, type ErpConnector } from "../erp-connector";
import type {
  ErpCreditNote,
  NewErpCreditNote,
  BookingNeeds,
  ConnectionCheck,
  CustomerQuery,
  ErpAddress,
  ErpTaxIdentifier,
  ErpArticle,
  ErpCustomer,
  ErpSalesOrder,
  ErpSalesOrderState,
  ErpWarehouse,
  NewErpArticle,
  NewErpCustomer,
  NewErpSalesOrder,
} from "../erp.types";
import { decimal, TrytonRpc, TrytonUserError, type TrytonSettings } from "./tryton-rpc.server";
import { erpRecordId, type ErpRecordId } from "../../ids";
import { TAX_ID_TYPES, type TaxIdType } from "../../tax-ids/tax-identifier";

type Row = Record<string, unknown>;

export const PONTE_ARTICLE_CATEGORY = "Ponte articles";
/** The service article a refunded line whose goods do not come back is credited on (created on first need). */
export const REFUND_SKU = "PONTE-REFUND";

export class TrytonAdapter implements ErpConnector {
  readonly kind = "tryton";
  readonly sourceName = "ERP";
  readonly rpc: TrytonRpc;
  private unitId: number | null = null;
  private readonly taxIds = new Map<string, number>();
  private readonly currencyIds = new Map<string, number>();

  constructor(settings: TrytonSettings) {
    this.rpc = new TrytonRpc(settings);
  }

  async testConnection(): Promise<ConnectionCheck> {
    try {
      const [company] = await this.rpc.records(companyRecord, "company.company", "search_read", [], 0, 1, null, ["rec_name"]);
      return company
        ? { ok: true, detail: `Tryton, company ${company.rec_name}` }
        : { ok: false, error: "Tryton has no company: run the bootstrap first" };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async findCustomer(query: CustomerQuery): Promise<ErpCustomer | null> {
    const domain: unknown[] = [];
    if (query.externalRef) domain.push(["identifiers.code", "=", query.externalRef]);
    if (query.taxId)
      domain.push([
        "identifiers",
        "where",
        [
          ["type", "=", query.taxId.type],
          ["code", "=", query.taxId.value],
        ],
      ]);
    if (query.email) domain.push(["contact_mechanisms.value", "ilike", query.email], ["contact_mechanisms.type", "=", "email"]);
    if (domain.length === 0) return null;
    const [party] = await this.rpc.ids("party.party", "search", domain, 0, 1, null);
    return party === undefined ? null : this.readCustomer(party);
  }

  async getCustomer(id: ErpRecordId<"customer">): Promise<ErpCustomer | null> {
    const numeric = Number(id);
    if (!Number.isInteger(numeric)) return null;
    const found = await this.rpc.ids("party.party", "search", [["id", "=", numeric]], 0, 1, null);
    return found.length ? this.readCustomer(numeric) : null;
  }

  async createCustomer(customer: NewErpCustomer): Promise<ErpCustomer> {
    const addresses: Row[] = [];
    for (const address of customer.addresses)
      addresses.push({ ...(await this.addressValues(address)), invoice: address.invoice ?? true, delivery: address.delivery ?? true });
    const contacts: Row[] = customer.email ? [{ type: "email", value: customer.email }] : [];
    if (customer.pec) contacts.push({ type: "email", name: PEC_CONTACT, value: customer.pec });
    if (customer.sdiCode) contacts.push({ type: "other", name: SDI_CONTACT, value: customer.sdiCode });
    const identifiers: Row[] = customer.externalRef ? [{ code: customer.externalRef }] : [];
    identifiers.push(...(customer.taxIdentifiers ?? []).map(identifierValues));
    const [id] = await this.uniqueOrRetry("customer", () =>
      this.rpc.ids("party.party", "create", [
        {
          name: customer.name,
          contact_mechanisms: contacts.length ? [["create", contacts]] : [],
          identifiers: identifiers.length ? [["create", identifiers]] : [],
          addresses: [["create", addresses.length ? addresses : [{}]]],
        },
      ]),
    );
    if (customer.phone) await this.addPhone(id!, customer.phone);
    return this.readCustomer(id!);
  }

  /**
   * Tryton checks a phone number against the countries of the party's
   * addresses (so it is added once they exist); a number it still cannot read
   * ("0411846664" with no country it fits) is kept as an "other" contact
   * rather than lose it or refuse the order.
   */
  private async addPhone(party: number, phone: string): Promise<void> {
    try {
      await this.rpc.model("party.contact_mechanism", "create", [{ party, type: "phone", value: phone }]);
    } catch (error) {
      if (!(error instanceof TrytonUserError)) throw error;
      await this.rpc.model("party.contact_mechanism", "create", [{ party, type: "other", value: phone, comment: "Phone from Shopify" }]);
    }
  }

  /**
   * A uniqueness refusal while creating a customer or an article means another
   * export made the same one (or took the same code from Tryton's sequence) at
   * the same moment: a passing failure, retried, never a failed order.
   */
  private async uniqueOrRetry<T>(what: string, create: () => Promise<T>): Promise<T> {
    try {
      return await create();
    } catch (error) {
      if (error instanceof TrytonUserError && /unique/i.test(error.message)) {
        throw new RetryableError(`Tryton refused a new ${what} another export was creating at the same moment (${error.message}); trying again`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async updateCustomer(id: ErpRecordId<"customer">, change: Partial<NewErpCustomer>): Promise<ErpCustomer> {
    const party = Number(id);
    if (change.name !== undefined) await this.rpc.model("party.party", "write", [party], { name: change.name });
    const contacts = await this.contactsOf(party);
    const setContact = async (type: string, name: string | null, value: string) => {
      const held = contacts.find((c) => c.type === type && (c.name ?? null) === name);
      if (!held) await this.rpc.model("party.contact_mechanism", "create", [{ party, type, value, ...(name ? { name } : {}) }]);
      else if (held.value !== value) await this.rpc.model("party.contact_mechanism", "write", [held.id], { value });
    };
    if (change.email) await setContact("email", null, change.email);
    if (change.pec) await setContact("email", PEC_CONTACT, change.pec);
    if (change.sdiCode) await setContact("other", SDI_CONTACT, change.sdiCode);
    if (change.taxIdentifiers?.length) {
      const heldIds = await this.identifiersOf(party);
      const missing = change.taxIdentifiers
        .map(identifierValues)
        .filter((wanted) => !heldIds.some((held) => held.code === wanted.code && (held.type ?? null) === (wanted.type ?? null)));
      if (missing.length)
        await this.rpc.model(
          "party.identifier",
          "create",
          missing.map((values) => ({ party, ...values })),
        );
    }
    const held = (await this.readCustomer(party)).addresses;
    for (const address of change.addresses ?? []) {
      if (
        held.some(
          (a) => a.street === address.street && (a.street2 ?? null) === (address.street2 ?? null) && a.city === address.city && a.zip === address.zip,
        )
      )
        continue;
      await this.rpc.model("party.address", "create", [
        { party, ...(await this.addressValues(address)), invoice: address.invoice ?? true, delivery: address.delivery ?? true },
      ]);
    }
    return this.readCustomer(party);
  }

  async findArticleBySku(sku: string): Promise<ErpArticle | null> {
    const rows = await this.rpc.records(articleRecord, "product.product", "search_read", [["code", "=", sku]], 0, 1, null, [
      "id",
      "code",
      "name",
      "list_price",
    ]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async createArticle(article: NewErpArticle): Promise<ErpArticle> {
    const unit = await this.unit();
    const [category] = await this.rpc.ids("product.category", "search", [["name", "=", PONTE_ARTICLE_CATEGORY]], 0, 1, null);
    const filedUnder = article.category?.trim() ? await this.productCategory(article.category.trim()) : null;
    await this.uniqueOrRetry("article", () =>
      this.rpc.model("product.template", "create", [
        {
          name: article.name,
          type: article.service ? "service" : "goods",
          default_uom: unit,
          sale_uom: unit,
          salable: true,
          // Tryton keeps 4 decimals of a list price.
          list_price: decimal(amount(article.listPrice).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed()),
          ...(category ? { account_category: category } : {}),
          ...(filedUnder ? { categories: [["add", [filedUnder]]] } : {}),
          // Tryton 6.0 makes a product's code from its template's code and its own suffix.
          code: article.code ?? article.sku,
          products: [["create", [{ suffix_code: "" }]]],
        },
      ]),
    );
    const created = await this.findArticleBySku(article.code ?? article.sku);
    if (!created) throw new Error(`Tryton did not keep the article ${article.sku}`);
    return created;
  }

  /** The product category (not an accounting one) of this name, made when Tryton has none. */
  private async productCategory(name: string): Promise<number> {
    const [found] = await this.rpc.ids(
      "product.category",
      "search",
      [
        ["name", "=", name],
        ["accounting", "=", false],
      ],
      0,
      1,
      [["id", "ASC"]],
    );
    if (found !== undefined) return found;
    const [made] = await this.rpc.ids("product.category", "create", [{ name, accounting: false }]);
    if (made === undefined) throw new ContractViolationError(`Tryton made no product category ${name}`);
    return made;
  }

  async findSalesOrderByReference(reference: string): Promise<ErpSalesOrder | null> {
    const id = await this.saleIdByReference(reference);
    return id === undefined ? null : this.readSale(id);
  }

  async createSalesOrder(order: NewErpSalesOrder): Promise<ErpSalesOrder> {
    if (await this.findSalesOrderByReference(order.reference)) {
      throw new ErpRefusedError(`reference ${order.reference} is already used`, "duplicate_reference");
    }
    const partyId = Number(order.customerId);
    const [party] = await this.rpc.records(partyAddressesRecord, "party.party", "read", [partyId], ["addresses"]);
    if (!party) throw new ErpRefusedError(`no customer ${order.customerId}`, "invalid");
    const currency = await this.currencyOf(order.currency);
    const lines = await this.saleLines(order);
    const { invoiceAddress, shipmentAddress } = await this.saleAddresses(partyId, party.addresses[0], order);
    const warehouse = await this.saleWarehouse();
    try {
      const [id] = await this.rpc.ids("sale.sale", "create", [
        {
          party: partyId,
          currency,
          reference: order.reference,
          description: order.shopifyName ? `Shopify ${order.shopifyName}` : "",
          comment: order.note ?? "",
          invoice_address: invoiceAddress,
          shipment_address: shipmentAddress,
          ...(warehouse ? { warehouse } : {}),
          lines: [["create", lines]],
        },
      ]);
      // Tryton warns when its own stock is short; the shop has sold it, so the sale goes in.
      await this.rpc.modelAcceptingWarnings("sale.sale", "quote", [id]);
      return this.readSale(id!);
    } catch (error) {
      if (error instanceof TrytonUserError) throw new ErpRefusedError(error.message, "invalid");
      throw error;
    }
  }

  async getSalesOrder(id: ErpRecordId<"sale">): Promise<ErpSalesOrder | null> {
    const numeric = Number(id);
    if (!Number.isInteger(numeric)) return null;
    const found = await this.rpc.ids("sale.sale", "search", [["id", "=", numeric]], 0, 1, null);
    return found.length ? this.readSale(numeric) : null;
  }

  /** Tryton lets a sale change while it is a draft or a quotation (sent back to draft, rewritten, quoted again); after that it refuses. */
  async updateSalesOrder(id: ErpRecordId<"sale">, order: NewErpSalesOrder): Promise<ErpSalesOrder> {
    const [sale] = await this.rpc.records(saleStateRecord, "sale.sale", "read", [Number(id)], ["state", "reference", "party", "lines"]);
    if (!sale) throw new ErpRefusedError(`no sales order ${id}`, "not_found");
    if (sale.state !== "draft" && sale.state !== "quotation")
      throw new ErpRefusedError(`a Tryton sale that is ${String(sale.state)} can no longer be edited`, "not_editable");
    if (sale.reference !== order.reference) throw new ErpRefusedError("the reference of a sale cannot change", "invalid");
    const lines = await this.saleLines(order);
    const change: Row = {
      comment: order.note ?? "",
      lines: [
        ["delete", sale.lines],
        ["create", lines],
      ],
    };
    if (order.shippingAddress || order.billingAddress) {
      const addresses = await this.saleAddresses(Number(sale.party), null, order);
      if (addresses.invoiceAddress) change.invoice_address = addresses.invoiceAddress;
      if (addresses.shipmentAddress) change.shipment_address = addresses.shipmentAddress;
    }
    try {
      if (sale.state === "quotation") await this.rpc.model("sale.sale", "draft", [Number(id)]);
      await this.rpc.model("sale.sale", "write", [Number(id)], change);
      await this.rpc.modelAcceptingWarnings("sale.sale", "quote", [Number(id)]);
    } catch (error) {
      if (error instanceof TrytonUserError) throw new ErpRefusedError(error.message, "invalid");
      throw error;
    }
    return this.readSale(Number(id));
  }

  async cancelSalesOrder(id: ErpRecordId<"sale">): Promise<ErpSalesOrder> {
    const [sale] = await this.rpc.records(saleStateRecord, "sale.sale", "read", [Number(id)], ["state", "reference", "lines"]);
    if (!sale) throw new ErpRefusedError(`no sales order ${id}`, "not_found");
    if (sale.state === "cancelled") return this.readSale(Number(id));
    if (sale.state !== "draft" && sale.state !== "quotation")
      throw new ErpRefusedError(`a Tryton sale that is ${String(sale.state)} cannot be cancelled`, "not_cancellable");
    await this.rpc.model("sale.sale", "cancel", [Number(id)]);
    return this.readSale(Number(id));
  }

  async findCreditNoteByReference(reference: string): Promise<ErpCreditNote | null> {
    const id = await this.saleIdByReference(reference);
    return id === undefined ? null : this.readCreditNote(id, reference);
  }

  /** The sale (or return sale) with this reference, if any. */
  private async saleIdByReference(reference: string): Promise<number | undefined> {
    const [id] = await this.rpc.ids("sale.sale", "search", [["reference", "=", reference]], 0, 1, null);
    return id;
  }

  /**
   * A credit note is booked the way Tryton's users book a return: a sale with negative quantities, left as a
   * quotation like Ponte's sales. Once confirmed and processed, Tryton makes from it a customer return shipment (the
   * goods back into the sale's warehouse: the one the restocked lines name) and a credit note. A line whose goods do
   * not come back goes on the service article REFUND_SKU (described by the refunded line), so that it moves no stock.
   *
   * A Tryton sale has one warehouse: goods going back into several are split, one return sale per warehouse, the
   * first under the credit note's reference with the lines of no goods, each other under the reference and " #2",
   * " #3"…; those are made first, each only when not there yet, so that a retry after a crash completes the note
   * and the first (which the note is found by) comes last.
   */
  async createCreditNote(note: NewErpCreditNote): Promise<ErpCreditNote> {
    if (await this.findCreditNoteByReference(note.reference)) {
      throw new ErpRefusedError(`reference ${note.reference} is already used`, "duplicate_reference");
    }
    const partyId = Number(note.customerId);
    const [party] = await this.rpc.records(partyAddressesRecord, "party.party", "read", [partyId], ["addresses"]);
    if (!party) throw new ErpRefusedError(`no customer ${note.customerId}`, "invalid");
    const currency = await this.currencyOf(note.currency);
    const goods = await this.goodsArticles(note.lines.map((line) => line.articleId));
    const moneyOnly = note.lines.some((line) => !line.restockWarehouseId && goods.has(Number(line.articleId)))
      ? ((await this.findArticleBySku(REFUND_SKU)) ?? (await this.createArticle({ sku: REFUND_SKU, name: "Refund", listPrice: "0", service: true })))
      : null;
    const lines = note.lines.map((line) => ({
      ...line,
      articleId: !line.restockWarehouseId && goods.has(Number(line.articleId)) ? moneyOnly!.id : line.articleId,
      quantity: -line.quantity,
    }));
    const warehouses = [...new Set(note.lines.flatMap((line) => (line.restockWarehouseId ? [line.restockWarehouseId] : [])))];
    const parts = warehouses.slice(1).map((warehouse, n) => ({
      reference: `${note.reference} #${n + 2}`,
      warehouse,
      lines: lines.filter((line) => line.restockWarehouseId === warehouse),
    }));
    const first = {
      reference: note.reference,
      warehouse: warehouses[0],
      lines: lines.filter((line) => !parts.some((part) => part.warehouse === line.restockWarehouseId)),
    };
    const address = party.addresses[0] ?? null;
    try {
      for (const part of parts) {
        if ((await this.saleIdByReference(part.reference)) === undefined)
          await this.createReturnSale({ partyId, address, currency, note: note.note, ...part });
      }
      const id = await this.createReturnSale({ partyId, address, currency, note: note.note, ...first });
      return this.readCreditNote(id, note.reference);
    } catch (error) {
      if (error instanceof TrytonUserError) throw new ErpRefusedError(error.message, "invalid");
      throw error;
    }
  }

  /** One return sale (negative quantities) from a warehouse, quoted. */
  private async createReturnSale(sale: {
    partyId: number;
    address: number | null;
    currency: number;
    reference: string;
    note: string;
    warehouse: string | undefined;
    lines: NewErpCreditNote["lines"];
  }): Promise<number> {
    const [id] = await this.rpc.ids("sale.sale", "create", [
      {
        party: sale.partyId,
        currency: sale.currency,
        reference: sale.reference,
        description: sale.note.split("\n")[0] ?? "",
        comment: sale.note,
        invoice_address: sale.address,
        shipment_address: sale.address,
        ...(sale.warehouse ? { warehouse: Number(sale.warehouse) } : await this.saleWarehouse().then((w) => (w ? { warehouse: w } : {}))),
        lines: [["create", await this.saleLines({ lines: sale.lines })]],
      },
    ]);
    await this.rpc.modelAcceptingWarnings("sale.sale", "quote", [id]);
    return id!;
  }

  /** Which of these products are goods (stocked), as opposed to services. */
  private async goodsArticles(ids: Array<ErpRecordId<"article">>): Promise<Set<number>> {
    const numeric = [...new Set(ids.map(Number))];
    const rows = await this.rpc.records(productTypeRecord, "product.product", "read", numeric, ["type"]);
    return new Set(rows.filter((row) => row.type === "goods").map((row) => row.id));
  }

  /**
   * A credit note read back from its return sale and the parts split from it (one per other warehouse): amounts
   * positive and added up, the numbers of its sales, each goods line with its sale's warehouse.
   */
  private async readCreditNote(id: number, reference: string): Promise<ErpCreditNote> {
    const partIds = await this.rpc.ids(
      "sale.sale",
      "search",
      [["reference", "in", Array.from({ length: 20 }, (_, n) => `${reference} #${n + 2}`)]],
      0,
      null,
      [["reference", "ASC"]],
    );
    const sales = [];
    for (const saleId of [id, ...partIds]) {
      const sale = await this.readSale(saleId);
      const [row] = await this.rpc.records(saleWarehouseRecord, "sale.sale", "read", [saleId], ["warehouse"]);
      sales.push({ sale, warehouse: row?.warehouse ?? null });
    }
    const main = sales[0]!.sale;
    const goods = await this.goodsArticles(sales.flatMap(({ sale }) => sale.lines.map((line) => line.articleId)));
    const taxes = sales.map(({ sale }) => sale.tax);
    return {
      id: erpRecordId("creditNote", id),
      number: sales.map(({ sale }) => sale.number).join(", "),
      reference: main.reference,
      saleId: null,
      customerId: main.customerId,
      currency: main.currency,
      state: main.state,
      total: format(sum(sales.map(({ sale }) => sale.total)).negated(), main.currency),
      tax: taxes.some((tax) => tax === null) ? null : format(sum(taxes as string[]).negated(), main.currency),
      lines: sales.flatMap(({ sale, warehouse }) =>
        sale.lines.map((line) => ({
          ...line,
          quantity: -line.quantity,
          restockWarehouseId: goods.has(Number(line.articleId)) && warehouse ? erpRecordId("warehouse", warehouse) : null,
        })),
      ),
    };
  }

  /** The sale's invoice address (the billing address, else the shipping one) and shipment address, each an address of the party. */
  private async saleAddresses(
    partyId: number,
    fallback: number | null | undefined,
    order: NewErpSalesOrder,
  ): Promise<{ invoiceAddress: number | null; shipmentAddress: number | null }> {
    const made = async (address: ErpAddress, invoice: boolean, delivery: boolean) =>
      (await this.rpc.ids("party.address", "create", [{ party: partyId, ...(await this.addressValues(address)), invoice, delivery }]))[0]!;
    const shipping = order.shippingAddress ? await made(order.shippingAddress, !order.billingAddress, true) : null;
    const billing = order.billingAddress ? await made(order.billingAddress, true, !order.shippingAddress) : null;
    return { invoiceAddress: billing ?? shipping ?? fallback ?? null, shipmentAddress: shipping ?? billing ?? fallback ?? null };
  }

  private async saleLines(order: Pick<NewErpSalesOrder, "lines">): Promise<Row[]> {
    const unit = await this.unit();
    const lines: Row[] = [];
    for (const line of order.lines) {
      const net = amount(line.unitPrice)
        .times(line.quantity)
        .minus(amount(line.discount ?? "0"));
      const taxes: number[] = [];
      for (const tax of line.taxes ?? []) taxes.push(await this.taxOf(tax));
      lines.push({
        type: "line",
        product: Number(line.articleId),
        description: line.description,
        quantity: line.quantity,
        unit,
        // Tryton keeps 4 decimals of a unit price and has no line discount: the line's net after discount per unit.
        unit_price: decimal(net.dividedBy(line.quantity).toDecimalPlaces(4, Dec.ROUND_HALF_UP).toFixed(4)),
        taxes: [["add", taxes]],
      });
    }
    return lines;
  }

  async checkCanBook(needs: BookingNeeds): Promise<void> {
    await this.currencyOf(needs.currency);
    for (const tax of needs.taxes) await this.taxOf(tax);
  }

  private async currencyOf(code: string): Promise<number> {
    const cached = this.currencyIds.get(code);
    if (cached !== undefined) return cached;
    const [currency] = await this.rpc.ids("currency.currency", "search", [["code", "=", code]], 0, 1, null);
    if (currency === undefined) {
      throw new ErpRefusedError(
        `Tryton has no currency ${code}: add it in Tryton (Currency > Currencies, with its exchange rate), then retry the order`,
        "cannot_book",
      );
    }
    this.currencyIds.set(code, currency);
    return currency;
  }

  /**
   * Tryton's own percentage tax for one Shopify tax: of that rate, and named
   * like it ("GST", "IVA 22%") when several share the rate. A rate Tryton
   * lacks is a clear refusal, not a sale with the wrong tax.
   */
  private async taxOf(tax: { title: string; rate: string }): Promise<number> {
    const key = `${tax.title}\u0000${tax.rate}`;
    const cached = this.taxIds.get(key);
    if (cached !== undefined) return cached;
    const rate = amount(tax.rate).dividedBy(100).toFixed(10);
    const candidates = await this.rpc.records(
      taxRecord,
      "account.tax",
      "search_read",
      [
        ["type", "=", "percentage"],
        ["rate", "=", decimal(rate)],
        ["parent", "=", null],
      ],
      0,
      null,
      [["id", "ASC"]],
      ["name", "description"],
    );
    const title = tax.title.trim().toLowerCase();
    const named = candidates.find((c) => [c.name, c.description].some((text) => text !== null && text.toLowerCase().includes(title)));
    const chosen = named ?? candidates[0];
    if (!chosen) {
      throw new ErpRefusedError(
        `Tryton has no ${tax.rate}% tax for ${tax.title}: add a percentage tax of that rate in Tryton (Financial > Taxes), then retry the order`,
        "cannot_book",
      );
    }
    this.taxIds.set(key, chosen.id);
    return chosen.id;
  }

  private async unit(): Promise<number> {
    if (this.unitId === null) {
      const [unit] = await this.rpc.ids("product.uom", "search", [["symbol", "=", "u"]], 0, 1, null);
      if (unit === undefined) throw new Error("Tryton has no unit of measure 'u'");
      this.unitId = unit;
    }
    return this.unitId;
  }

  private async addressValues(address: ErpAddress): Promise<Row> {
    // The oldest country of the code: two exports at once may each have made one.
    let [country] = await this.rpc.ids("country.country", "search", [["code", "=", address.countryCode]], 0, 1, [["id", "ASC"]]);
    if (country === undefined)
      [country] = await this.rpc.ids("country.country", "create", [{ name: address.countryCode, code: address.countryCode }]);
    const subdivision = address.provinceCode
      ? await this.subdivisionOf(country!, address.countryCode, address.provinceCode, address.province ?? address.provinceCode)
      : null;
    return {
      party_name: address.name,
      name: address.company ?? null,
      street: [address.street, address.street2].filter((line) => line && line.trim()).join("\n"),
      city: address.city,
      postal_code: address.zip,
      country,
      subdivision,
    };
  }

  /** Tryton's subdivision ("CA-QC"), created when Tryton lacks it, as its country is. */
  private async subdivisionOf(country: number, countryCode: string, provinceCode: string, name: string): Promise<number> {
    const code = `${countryCode}-${provinceCode}`.toUpperCase();
    // Of this very country (an address's subdivision must belong to its country).
    const [found] = await this.rpc.ids(
      "country.subdivision",
      "search",
      [
        ["code", "=", code],
        ["country", "=", country],
      ],
      0,
      1,
      [["id", "ASC"]],
    );
    if (found !== undefined) return found;
    const [made] = await this.rpc.ids("country.subdivision", "create", [{ country, code, name, type: "province" }]);
    return made!;
  }

  /** The party's contact mechanisms, oldest first. */
  private async contactsOf(party: number) {
    return this.rpc.records(
      contactRecord,
      "party.contact_mechanism",
      "search_read",
      [["party", "=", party]],
      0,
      null,
      [["id", "ASC"]],
      ["type", "name", "value"],
    );
  }

  private async identifiersOf(party: number) {
    return this.rpc.records(identifierRecord, "party.identifier", "search_read", [["party", "=", party]], 0, null, [["id", "ASC"]], ["type", "code"]);
  }

  private async readCustomer(id: number): Promise<ErpCustomer> {
    const [party] = await this.rpc.records(partyRecord, "party.party", "read", [id], ["name"]);
    const contacts = await this.contactsOf(id);
    const named = (type: string, name: string) => contacts.find((c) => c.type === type && c.name === name)?.value ?? null;
    const email = contacts.find((c) => c.type === "email" && c.name !== PEC_CONTACT);
    // A phone, a mobile, else an "other" that is not one of the invoicing contacts (a phone Tryton could not read).
    const phone = ["mobile", "other", "phone"].flatMap((type) => contacts.filter((c) => c.type === type && c.name !== SDI_CONTACT)).find(Boolean);
    const identifiers = await this.identifiersOf(id);
    const identifier = identifiers.find((i) => !i.type && /^(gid:\/\/|ponte:)/.test(i.code));
    const addresses = await this.rpc.records(
      addressRecord,
      "party.address",
      "search_read",
      [
        ["party", "=", id],
        ["street", "!=", null],
      ],
      0,
      null,
      null,
      ["party_name", "name", "street", "city", "postal_code", "country.code", "subdivision.code", "subdivision.name", "invoice", "delivery"],
    );
    return {
      id: erpRecordId("customer", id),
      name: party?.name ?? "",
      email: email?.value ?? null,
      phone: phone?.value ?? null,
      externalRef: identifier?.code ?? null,
      taxIdentifiers: identifiers.flatMap((i) => (isTaxIdType(i.type) ? [{ type: i.type, value: i.code, valid: true }] : [])),
      pec: named("email", PEC_CONTACT),
      sdiCode: named("other", SDI_CONTACT),
      addresses: addresses.map((a) => {
        const [street = "", ...more] = (a.street ?? "").split("\n");
        const countryCode = a["country."]?.code ?? "";
        const subdivision = a["subdivision."];
        const subdivisionCode = subdivision?.code || null;
        return {
          name: a.party_name || party?.name || "",
          company: a.name || null,
          street,
          street2: more.length ? more.join(" ") : null,
          city: a.city ?? "",
          province: subdivision?.name || null,
          provinceCode: subdivisionCode ? subdivisionCode.replace(/^[A-Z]{2}-/, "") : null,
          zip: a.postal_code ?? "",
          countryCode,
          phone: null,
          invoice: Boolean(a.invoice),
          delivery: Boolean(a.delivery),
        };
      }),
    };
  }

  private async readSale(id: number): Promise<ErpSalesOrder> {
    const [sale] = await this.rpc.records(
      saleRecord,
      "sale.sale",
      "read",
      [id],
      ["number", "reference", "party", "currency.code", "state", "shipment_state", "total_amount", "tax_amount", "lines", "invoices", "shipments"],
    );
    if (!sale) throw new ContractViolationError(`Tryton has no sale ${id}, though it just named it`);
    const lines = await this.rpc.records(saleLineRecord, "sale.line", "read", sale.lines, [
      "product",
      "description",
      "quantity",
      "unit_price",
      "taxes",
    ]);
    const invoices = sale.invoices.length
      ? await this.rpc.records(invoiceRecord, "account.invoice", "read", sale.invoices, ["state", "number", "invoice_date", "type"])
      : [];
    const invoice = invoices.find((i) => (i.state === "posted" || i.state === "paid") && i.type !== "in" && i.number);
    const shipments = sale.shipments.length
      ? await this.rpc.records(shipmentRecord, "stock.shipment.out", "read", sale.shipments, ["number", "reference", "state", "effective_date"])
      : [];
    const shipped = shipments.find((s) => s.state === "done");
    const currency = sale["currency."]?.code ?? sale["currency.code"] ?? "";
    return {
      id: erpRecordId("sale", id),
      number: sale.number ?? "",
      reference: sale.reference ?? "",
      customerId: erpRecordId("customer", String(sale.party)),
      currency,
      state: saleState(
        sale.state,
        String(sale.shipment_state),
        invoices.map((i) => i.state),
      ),
      total: format(decimalOf(sale.total_amount), currency),
      tax: format(decimalOf(sale.tax_amount), currency),
      lines: lines.map((line) => ({
        articleId: erpRecordId("article", String(line.product)),
        description: line.description ?? "",
        quantity: Number(line.quantity),
        unitPrice: price(decimalOf(line.unit_price), currency),
        discount: "0",
        taxes: [],
      })),
      // Tryton 6.0 without its carrier modules has no carrier; the shipment's Reference (where a user types the carrier's
      // tracking code) is the tracking number, else the shipment's own number. Nor has it any delivery data: the
      // shipment's effective date (the day it was done) stands in for the day it was delivered (docs/delivery.md).
      shipment: shipped
        ? { carrier: null, trackingNumber: shipped.reference || shipped.number || "", deliveredAt: dateOf(shipped.effective_date) }
        : null,
      invoice: invoice ? { number: invoice.number!, date: dateOf(invoice.invoice_date), documentId: null, documentUrl: null } : null,
    };
  }

  async listProducts(): Promise<SourceProduct[]> {
    const shop = await this.webShop();
    if (shop.products.length === 0) return [];
    const published = new Set(shop.categories);
    const rows = await this.rpc.records(productRecord, "product.product", "read", shop.products, [
      "code",
      "name",
      "rec_name",
      "description",
      "list_price",
      "cost_price",
      "template",
      "categories",
      "active",
    ]);
    const byTemplate = new Map<string, SourceProduct>();
    for (const row of rows.filter((r) => r.active !== false)) {
      const templateId = String(row.template);
      const categories = row.categories;
      const product = byTemplate.get(templateId) ?? {
        id: templateId,
        name: row.name,
        description: row.description ?? "",
        // A category the web shop publishes, else the product's first.
        categoryId: String(categories.find((id) => published.has(id)) ?? categories[0] ?? "") || null,
        variants: [],
        imageUrls: [],
      };
      product.variants.push({
        id: String(row.id),
        sku: row.code ?? "",
        name: row.rec_name ?? row.name,
        price: money(row.list_price) ?? "0.00",
        cost: money(row.cost_price),
      });
      byTemplate.set(templateId, product);
    }
    return [...byTemplate.values()];
  }

  /** The web shop names its products in one list, read in one call: one page. */
  async *productPages(): AsyncGenerator<SourceProduct[]> {
    yield await this.listProducts();
  }

  /** One page per warehouse; the products are read once. */
  async *stockPages(warehouseIds: Array<ErpRecordId<"warehouse">>): AsyncGenerator<StockPage> {
    if (warehouseIds.length === 0) return;
    const products = await this.listProducts();
    for (const [index, warehouseId] of warehouseIds.entries())
      yield {
        levels: (await this.stockAt(warehouseId, products)).map((level) => ({ ...level, at: warehouseId })),
        ...(index === 0 ? { products } : {}),
      };
  }

  async listCategories(): Promise<SourceCategory[]> {
    const shop = await this.webShop();
    if (shop.categories.length === 0) return [];
    const rows = await this.rpc.records(namedRecord, "product.category", "read", shop.categories, ["name"]);
    return rows.map((row) => ({ id: String(row.id), name: row.name }));
  }

  async listWarehouses(): Promise<ErpWarehouse[]> {
    const shop = await this.webShop();
    // The web shop's warehouses; every warehouse when it names none.
    const rows = shop.warehouses.length
      ? await this.rpc.records(namedRecord, "stock.location", "read", shop.warehouses, ["name"])
      : await this.rpc.records(namedRecord, "stock.location", "search_read", [["type", "=", "warehouse"]], 0, null, null, ["name"]);
    return rows.map((row) => ({ id: erpRecordId("warehouse", row.id), name: row.name }));
  }

  /** A warehouse of this name among all of Tryton's, else a new one with its input, output and storage locations. */
  async ensureWarehouse(name: string): Promise<{ warehouse: ErpWarehouse; made: boolean }> {
    const [found] = await this.rpc.ids(
      "stock.location",
      "search",
      [
        ["type", "=", "warehouse"],
        ["name", "=", name],
      ],
      0,
      1,
      [["id", "ASC"]],
    );
    if (found !== undefined) return { warehouse: { id: erpRecordId("warehouse", found), name }, made: false };
    const [input, output, storage] = await this.rpc.ids("stock.location", "create", [
      { name: `${name} Input`, type: "storage" },
      { name: `${name} Output`, type: "storage" },
      { name: `${name} Storage`, type: "storage" },
    ]);
    const [warehouse] = await this.rpc.ids("stock.location", "create", [
      { name, type: "warehouse", input_location: input, output_location: output, storage_location: storage },
    ]);
    if (warehouse === undefined || storage === undefined) throw new ContractViolationError(`Tryton made no warehouse ${name}`);
    await this.rpc.model("stock.location", "write", [input, output, storage], { parent: warehouse });
    return { warehouse: { id: erpRecordId("warehouse", warehouse), name }, made: true };
  }

  async stockAt(warehouseId: ErpRecordId<"warehouse">, products?: SourceProduct[]): Promise<SourceStockLevel[]> {
    const variants = (products ?? (await this.listProducts())).flatMap((product) => product.variants);
    if (variants.length === 0) return [];
    const answer = await this.rpc.modelIn<unknown>(
      { locations: [Number(warehouseId)], with_childs: true },
      "product.product",
      "read",
      variants.map((v) => Number(v.id)),
      ["quantity"],
    );
    const rows = parseAnswer(z.array(quantityRecord), answer, "Tryton (product.product.read, quantity)");
    const quantities = new Map(rows.map((row) => [String(row.id), Number(row.quantity ?? 0)]));
    return variants.map((variant) => ({ variantId: variant.id, sku: variant.sku, quantity: quantities.get(variant.id) ?? 0 }));
  }

  /**
   * The warehouse a sale ships from: the web shop's first. Tryton fills it in by itself only while it has one
   * warehouse; with a second, a sale without one cannot be quoted. None when the web shop names none (Tryton's default).
   */
  private saleWarehouse(): Promise<number | undefined> {
    // Read once per adapter (one export, one run): a credit note split over warehouses makes several sales.
    this.shopWarehouse ??= this.webShop().then(
      (shop) => shop.warehouses[0],
      (error: unknown) => {
        this.shopWarehouse = undefined;
        if (error instanceof PermanentError) return undefined;
        throw error;
      },
    );
    return this.shopWarehouse;
  }
  private shopWarehouse: Promise<number | undefined> | undefined;

  /** The web shop whose publications make Tryton's e-commerce catalog. */
  private async webShop(): Promise<{ products: number[]; categories: number[]; warehouses: number[] }> {
    let shops: Array<z.output<typeof webShopRecord>>;
    try {
      shops = await this.rpc.records(webShopRecord, "web.shop", "search_read", [], 0, 1, [["id", "ASC"]], ["products", "categories", "warehouses"]);
    } catch (error) {
      if (error instanceof TrytonUserError || /web\.shop/.test((error as Error).message)) {
        throw new PermanentError("Tryton has no web shop module: activate web_shop and publish the products to sell online in a web shop");
      }
      throw error;
    }
    const [shop] = shops;
    if (!shop) throw new PermanentError("Tryton has no web shop: create one (Web > Shops) and add the products to sell online");
    return { products: shop.products, categories: shop.categories, warehouses: shop.warehouses };
  }
}

/** A Decimal as Tryton's JSON-RPC sends it ({"__class__": "Decimal", "decimal": "19.90"}), as text; never through a float. */
function decimalOf(value: unknown): string {
  if (value && typeof value === "object" && "decimal" in value) return plain(String((value as { decimal: unknown }).decimal));
  if (typeof value === "string" && isAmount(value)) return plain(value);
  if (typeof value === "number") return plain(amount(value));
  return "0";
}
const money = (value: unknown) => (value === null || value === undefined || value === false ? null : format(decimalOf(value), "EUR"));

function toArticle(row: z.output<typeof articleRecord>): ErpArticle {
  return { id: erpRecordId("article", row.id), code: row.code, sku: row.code, name: row.name, listPrice: format(decimalOf(row.list_price), "EUR") };
}

/** Tryton answers a date as {"__class__": "date", "year": …, "month": …, "day": …}; YYYY-MM-DD, or null. */
function dateOf(value: unknown): string | null {
  if (value && typeof value === "object" && "year" in value) {
    const { year, month, day } = value as { year: number; month: number; day: number };
    return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

const PEC_CONTACT = "PEC";
const SDI_CONTACT = "SDI";

function isTaxIdType(type: string | null): type is TaxIdType {
  return (TAX_ID_TYPES as readonly string[]).includes(type ?? "");
}

/** A tax id as a party identifier: typed when it passed its check, untyped (kept, not checked by Tryton) when not. */
function identifierValues(id: ErpTaxIdentifier): { type: string | null; code: string } {
  return { type: id.valid === false ? null : id.type, code: id.value };
}

/** Tryton's sale, shipment and invoice states, in Ponte's words. */
export function saleState(state: string, shipmentState: string, invoiceStates: string[]): ErpSalesOrderState {
  if (state === "cancelled") return "cancelled";
  if (invoiceStates.some((s) => s === "posted" || s === "paid")) return "invoiced";
  if (shipmentState === "sent") return "shipped";
  if (state === "draft" || state === "quotation") return "draft";
  if (state === "confirmed" || state === "processing" || state === "done") return state;
  return "draft";
}
