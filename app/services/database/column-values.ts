/**
 * Every column that holds one of a fixed set of words (a status, a kind, a
 * setting), with its words: the one list the TypeScript unions are made from
 * and the database's CHECK constraints were written from (migration
 * 20261201200700_column_value_checks). test/integration/column-values.test.ts
 * compares this list with the live constraints and with the schema's own
 * comments, so neither can name a value the other does not.
 */
import { salesOrderStateSchema } from "../erp/erp.types";
import { REFUNDS_MODES } from "../erp/refunds-mode";
import { PRICE_ADJUSTMENTS, PRICE_BASES, PRICE_ROUNDINGS, PRICE_SCOPES } from "../pricing/price-rules";
import { RUN_STATUSES } from "../runs/run-list";
import { SCHEDULE_ACTIONS } from "../schedules/schedule-form";

const keys = <T extends Record<string, unknown>>(record: T) => Object.keys(record) as Array<keyof T & string>;

export const ORDER_EXPORT_STATUSES = ["waiting", "exported", "retrying", "failed", "skipped"] as const;
export const POS_ALLOCATION_STATUSES = ["planned", "dispatched", "waiting", "retrying", "unservable", "cancel-flagged", "skipped", "failed"] as const;
export const RUN_TRIGGERS = ["built-in", "schedule", "manual"] as const;
export const FIRST_SYNC_STATES = ["not-started", "running", "waiting", "completed", "failed", "cancelled"] as const;
export const ERP_KINDS = ["tryton", "http"] as const;
export const POS_KINDS = ["cassa-in-cloud"] as const;
export const POS_BLOCKING_SETTINGS = ["mandatory-time", "minimum-order"] as const;
export const LOCATION_STOCK_SOURCES = ["none", "sum", "sale-point", "warehouse"] as const;
export const CATALOG_ITEM_ORIGINS = ["linked", "created"] as const;
export const DRAFTED_BY = ["out-of-stock", "not-for-ecommerce"] as const;
export const CATALOG_SOURCES = ["pos", "erp"] as const;
export const ORDERS_TO_ERP = ["paid", "all"] as const;
export const SNAPSHOT_SOURCES = ["webhook", "reconcile"] as const;
export const RUN_LOG_LEVELS = ["info", "warning", "error"] as const;
/** What became of a Shopify refund in the ERP (services/sync/refunds). */
export const REFUND_STATUSES = [
  "waiting",
  "in-sale",
  "not-exported",
  "cancelled",
  "ignored",
  "recorded",
  "nothing",
  "booked",
  "retrying",
  "failed",
] as const;
/** Importing the store's products into the ERP: what becomes an article's category. */
export const ERP_IMPORT_CATEGORIES = ["product-type", "collection", "none"] as const;
/** A store variant's ERP article: found in the ERP by its SKU, or made by the import. */
export const ERP_ARTICLE_ORIGINS = ["linked", "created"] as const;
/** What the last "Update Icecat sheets" found for a product. */
export const ICECAT_SHEET_OUTCOMES = ["written", "missing", "denied", "no-identifier"] as const;
/** What became of a Shopify return's goods back without a refund. */
export const RETURN_STATUSES = ["waiting", "ignored", "recorded", "nothing", "booked", "retrying", "failed"] as const;

export type OrderExportStatus = (typeof ORDER_EXPORT_STATUSES)[number];
export type PosAllocationStatus = (typeof POS_ALLOCATION_STATUSES)[number];
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export type FirstSyncState = (typeof FIRST_SYNC_STATES)[number];
export type ErpKind = (typeof ERP_KINDS)[number];
export type PosBlockingSetting = (typeof POS_BLOCKING_SETTINGS)[number];
export type LocationStockSource = (typeof LOCATION_STOCK_SOURCES)[number];
export type SnapshotSource = (typeof SNAPSHOT_SOURCES)[number];
export type RunLogLevel = (typeof RUN_LOG_LEVELS)[number];

/** model -> column -> its words. A list column (Schedule.actions) holds only these words. */
export const COLUMN_VALUES: Record<string, Record<string, readonly string[]>> = {
  OrderSnapshot: { source: SNAPSHOT_SOURCES },
  ProductSnapshot: { source: SNAPSHOT_SOURCES },
  OrderExport: { status: ORDER_EXPORT_STATUSES, erpState: salesOrderStateSchema.options },
  ShopSettings: { ordersToErp: ORDERS_TO_ERP, erpImportCategory: ERP_IMPORT_CATEGORIES },
  ErpArticleLink: { origin: ERP_ARTICLE_ORIGINS },
  IcecatSheetState: { outcome: ICECAT_SHEET_OUTCOMES },
  ErpConnection: { kind: ERP_KINDS, refundsMode: REFUNDS_MODES },
  RefundRecord: { status: REFUND_STATUSES },
  ReturnRecord: { status: RETURN_STATUSES },
  PosConnection: { kind: POS_KINDS, blockingSetting: POS_BLOCKING_SETTINGS },
  PosOrderAllocation: { status: POS_ALLOCATION_STATUSES },
  PosLocationStock: { source: LOCATION_STOCK_SOURCES },
  JobRun: { trigger: RUN_TRIGGERS, status: RUN_STATUSES },
  JobRunLogEntry: { level: RUN_LOG_LEVELS },
  Schedule: { actions: keys(SCHEDULE_ACTIONS) },
  CatalogItem: { origin: CATALOG_ITEM_ORIGINS },
  CatalogSync: { firstSync: FIRST_SYNC_STATES },
  CatalogProduct: { draftedBy: DRAFTED_BY },
  PriceRule: { scope: keys(PRICE_SCOPES), base: keys(PRICE_BASES), adjustment: keys(PRICE_ADJUSTMENTS), rounding: keys(PRICE_ROUNDINGS) },
  CatalogSettings: { productSource: CATALOG_SOURCES, stockSource: CATALOG_SOURCES },
};

/** The CHECK constraint's name for a column. */
export const checkName = (model: string, column: string) => `${model}_${column}_values`;

/** The SQL that constrains a column to its words (a list column: every element). */
export function checkConstraintSql(model: string, column: string, values: readonly string[], isList: boolean): string {
  const words = values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ");
  const test = isList ? `"${column}" <@ ARRAY[${words}]::text[]` : `"${column}" IN (${words})`;
  return `ALTER TABLE "${model}" ADD CONSTRAINT "${checkName(model, column)}" CHECK (${test});`;
}
