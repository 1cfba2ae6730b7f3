/**
 * How each run kind runs: the server half of runs/run-kind-registry.ts. The type makes every kind of the registry
 * have its preparation here, and nothing else.
 */
import type { RunKind } from "../../runs/run-kind-registry";
import { prepareFullResync, prepareProductRefresh, prepareProductSync, prepareRecalculatePrices, prepareStockPush } from "./catalog-kinds.server";
import { prepareCustomersSync, prepareErpStatuses } from "./erp-kinds.server";
import { prepareImportOrders } from "./import-orders.server";
import { preparePosDispatch } from "./pos-dispatch.server";
import type { PrepareRun } from "./run-kind";

export const PREPARE_RUN: Record<RunKind, PrepareRun> = {
  "import-orders": prepareImportOrders,
  "erp-statuses": prepareErpStatuses,
  "customers-sync": prepareCustomersSync,
  "pos-dispatch": preparePosDispatch,
  "product-sync": prepareProductSync,
  "stock-push": prepareStockPush,
  "product-refresh": prepareProductRefresh,
  "full-resync": prepareFullResync,
  "recalculate-prices": prepareRecalculatePrices,
};
