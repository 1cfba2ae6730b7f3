/**
 * Every kind of run Ponte records, declared once: its label, what the shop
 * must have connected for it to apply, its built-in job (Agenda job, data,
 * how often, and the shop setting that holds the merchant's interval) and the
 * schedule action that runs it. The Activity filters, the Jobs page, the
 * Schedules form, the availability checks and the worker all read this;
 * how each kind runs is its own file under sync/run-kinds/ (see
 * sync/run-kinds/index.server.ts). Shared by the server and the browser.
 */
import { JobNames } from "../jobs/job-names";
import type { ShopDomain } from "../ids";

/** What must be connected for a kind to apply: nothing, an ERP, a POS, the catalog's sources, or Icecat (Catalog page). */
export type RunNeed = "nothing" | "erp" | "pos" | "catalog" | "icecat";

export interface RunKindDeclaration {
  label: string;
  needs: RunNeed;
  /** Its built-in job, when every shop runs it on its own. */
  builtIn?: {
    job: string;
    data: (shop: ShopDomain) => Record<string, string | boolean>;
    defaultMinutes: number;
    /** The shop setting holding the merchant's interval, if the merchant sets it. */
    setting?: "statusSyncMinutes" | "customerSyncMinutes";
  };
  /** Its schedule action, when a merchant's schedule can run it; erpFilter: a schedule can limit it to some ERPs. */
  action?: { key: string; label: string; erpFilter?: boolean };
}

export const RUN_KIND_REGISTRY = {
  "import-orders": {
    label: "Import orders",
    needs: "nothing",
    builtIn: { job: JobNames.reconcileShop, data: (shop: ShopDomain) => ({ shop }), defaultMinutes: 5 },
    action: { key: "import-orders", label: "Import orders", erpFilter: true },
  },
  "erp-statuses": {
    label: "Sync statuses",
    needs: "erp",
    builtIn: { job: JobNames.syncErpStatuses, data: (shop: ShopDomain) => ({ shop }), defaultMinutes: 10, setting: "statusSyncMinutes" },
    action: { key: "sync-statuses", label: "Sync statuses", erpFilter: true },
  },
  "customers-sync": {
    label: "Sync customers",
    needs: "erp",
    builtIn: {
      job: JobNames.syncCustomers,
      data: (shop: ShopDomain) => ({ shop, mode: "changed" }),
      defaultMinutes: 60,
      setting: "customerSyncMinutes",
    },
    action: { key: "sync-customers", label: "Sync customers", erpFilter: true },
  },
  "pos-dispatch": {
    label: "Send orders to POS",
    needs: "pos",
    // New orders reach the POS by webhook first; this is the safety net.
    builtIn: { job: JobNames.dispatchPendingToPos, data: (shop: ShopDomain) => ({ shop, includeFailed: false }), defaultMinutes: 5 },
  },
  "product-sync": { label: "Product sync", needs: "catalog" },
  "stock-push": {
    label: "Push stock",
    needs: "catalog",
    builtIn: { job: JobNames.pushStock, data: (shop: ShopDomain) => ({ shop }), defaultMinutes: 5 },
    action: { key: "push-stock", label: "Push stock" },
  },
  "product-refresh": {
    label: "Refresh products",
    needs: "catalog",
    builtIn: { job: JobNames.refreshProducts, data: (shop: ShopDomain) => ({ shop }), defaultMinutes: 720 },
    action: { key: "refresh-products", label: "Refresh products" },
  },
  "full-resync": { label: "Full resync", needs: "catalog", action: { key: "full-resync", label: "Full resync" } },
  "recalculate-prices": { label: "Recalculate prices", needs: "catalog", action: { key: "recalculate-prices", label: "Recalculate prices" } },
  // By hand from the ERP page (the whole catalog, after a preview); a schedule's "import new products" makes the ones
  // added since: the same run, since variants already linked are passed over.
  "icecat-sheets": {
    label: "Update Icecat sheets",
    needs: "icecat",
    action: { key: "update-icecat-sheets", label: "Update Icecat sheets" },
  },
  "erp-product-import": {
    label: "Import products into the ERP",
    needs: "erp",
    action: { key: "import-new-products", label: "Import new products into the ERP", erpFilter: true },
  },
} as const satisfies Record<string, RunKindDeclaration>;

export type RunKind = keyof typeof RUN_KIND_REGISTRY;
type ActionKeyOf<K extends RunKind> = (typeof RUN_KIND_REGISTRY)[K] extends { action: { key: infer A } } ? A : never;
/** A schedule action's key ("sync-statuses"). */
export type ScheduleAction = { [K in RunKind]: ActionKeyOf<K> }[RunKind];

export const RUN_KIND_IDS = Object.keys(RUN_KIND_REGISTRY) as [RunKind, ...RunKind[]];
const declarations = Object.entries(RUN_KIND_REGISTRY) as Array<[RunKind, RunKindDeclaration]>;

/** Which systems a shop has connected, for deciding which kinds apply. */
export interface ConnectedSystems {
  erp: boolean;
  pos: boolean;
  /** The catalog's product and stock sources (Catalog page) are connected. */
  catalog: boolean;
  /** An Icecat account is saved (Catalog page). */
  icecat: boolean;
}

export function kindApplies(kind: RunKind, connected: ConnectedSystems): boolean {
  const needs: RunNeed = (RUN_KIND_REGISTRY[kind] as RunKindDeclaration).needs;
  return needs === "nothing" || connected[needs];
}

/** The kinds with a built-in job, in the registry's order. */
export const builtInKinds = (): Array<{ kind: RunKind; builtIn: NonNullable<RunKindDeclaration["builtIn"]> }> =>
  declarations.filter(([, declaration]) => declaration.builtIn).map(([kind, declaration]) => ({ kind, builtIn: declaration.builtIn! }));

/** The kinds a schedule can run, in the registry's order. */
export const scheduleActionKinds = (): Array<{ kind: RunKind; action: ScheduleAction; label: string; erpFilter: boolean }> =>
  declarations
    .filter(([, declaration]) => declaration.action)
    .map(([kind, declaration]) => ({
      kind,
      action: declaration.action!.key as ScheduleAction,
      label: declaration.action!.label,
      erpFilter: declaration.action!.erpFilter ?? false,
    }));
