/**
 * The one interface every ERP adapter implements: a thin CRUD-ish shell over
 * the ERP's own protocol. "Not found" is null; a refusal the ERP means
 * (a sale it will not cancel) is ErpRefusedError; a failure that may pass
 * (network, 429, 5xx) is RetryableError; bad credentials are PermanentError.
 */
import { RefusedError, UnavailableError } from "../errors";
import type { StockPage, SourceCategory, SourceProduct, SourceStockLevel } from "../sources/product-source.types";
import type {
  BookingNeeds,
  ConnectionCheck,
  CustomerQuery,
  ErpArticle,
  ErpWarehouse,
  ErpCustomer,
  ErpSalesOrder,
  ErpCreditNote,
  NewErpCreditNote,
  NewErpArticle,
  NewErpCustomer,
  NewErpSalesOrder,
} from "./erp.types";
import type { ErpRecordId } from "../ids";

export class ErpRefusedError extends RefusedError {
  constructor(
    message: string,
    override readonly code: string,
  ) {
    super(message, code);
    this.name = "ErpRefusedError";
  }
}

/** The ERP did not answer, or answered that it cannot now (429, 5xx): every call to it fails until it is back. */
export class ErpUnavailableError extends UnavailableError {
  constructor(message: string) {
    super(message);
    this.name = "ErpUnavailableError";
  }
}

export interface ErpConnector {
  readonly kind: string;
  readonly sourceName: "ERP";
  testConnection(): Promise<ConnectionCheck>;

  /** The first customer matching every part of the query given, or null. */
  findCustomer(query: CustomerQuery): Promise<ErpCustomer | null>;
  /** The customer with this ERP id, or null. */
  getCustomer(id: ErpRecordId<"customer">): Promise<ErpCustomer | null>;
  createCustomer(customer: NewErpCustomer): Promise<ErpCustomer>;
  /** Changes the fields given; each address given that the customer lacks is added, none removed (past sales use them). */
  updateCustomer(id: ErpRecordId<"customer">, change: Partial<NewErpCustomer>): Promise<ErpCustomer>;

  findArticleBySku(sku: string): Promise<ErpArticle | null>;
  /** Creates an article; the ERP gives it a code when none is asked for. */
  createArticle(article: NewErpArticle): Promise<ErpArticle>;

  /**
   * Refuses (ErpRefusedError "cannot_book", with a sentence saying what to set
   * up) when the ERP cannot book a sale in this currency with these taxes;
   * asked before anything is created for an order, so nothing is left half-made.
   */
  checkCanBook(needs: BookingNeeds): Promise<void>;

  /** The sale made for this reference, if any: what makes a retry safe. */
  findSalesOrderByReference(reference: string): Promise<ErpSalesOrder | null>;
  createSalesOrder(order: NewErpSalesOrder): Promise<ErpSalesOrder>;
  getSalesOrder(id: ErpRecordId<"sale">): Promise<ErpSalesOrder | null>;
  /** Replaces the sale's lines, address and note (same reference), or refuses (ErpRefusedError) once the ERP no longer allows edits. */
  updateSalesOrder(id: ErpRecordId<"sale">, order: NewErpSalesOrder): Promise<ErpSalesOrder>;
  /** Cancels the sale, or refuses (ErpRefusedError) when the ERP no longer allows it. */
  cancelSalesOrder(id: ErpRecordId<"sale">): Promise<ErpSalesOrder>;

  /** The credit note made for this reference (a Shopify refund), if any: what makes a retry safe. */
  findCreditNoteByReference(reference: string): Promise<ErpCreditNote | null>;
  /** Books money (and goods, where a line names a warehouse) given back on a sale, as the ERP's users do. */
  createCreditNote(note: NewErpCreditNote): Promise<ErpCreditNote>;

  /** The ERP as a catalog source: the products it offers to e-commerce, with list and cost prices. */
  listProducts(): Promise<SourceProduct[]>;
  /** The same products a page at a time. */
  productPages(): AsyncIterable<SourceProduct[]>;
  /** The categories it offers to e-commerce. */
  listCategories(): Promise<SourceCategory[]>;
  /** The warehouses whose stock can feed Shopify locations. */
  listWarehouses(): Promise<ErpWarehouse[]>;
  /** The warehouse of this name (any, not only those feeding the store), made when the ERP has none: one per name. */
  ensureWarehouse(name: string): Promise<{ warehouse: ErpWarehouse; made: boolean }>;
  /** Stock by SKU in one warehouse, of the products offered to e-commerce (`products` spares reading them again). */
  stockAt(warehouseId: ErpRecordId<"warehouse">, products?: SourceProduct[]): Promise<SourceStockLevel[]>;
  /** The stock of these warehouses a page at a time, so that a catalog of any size is read in the memory of one page. */
  stockPages(warehouseIds: Array<ErpRecordId<"warehouse">>): AsyncIterable<StockPage>;
}
