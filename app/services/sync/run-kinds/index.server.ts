/**
 * How each run kind runs: the server half of runs/run-kind-registry.ts. The type makes every kind of the registry
 * have its preparation here, and nothing else; each kind's preparation is a file of its own beside this one.
 */
import type { RunKind } from "../../runs/run-kind-registry";
import { prepareCustomersSync } from "./customers-sync.server";
import { prepareErpProductImport } from "./erp-product-import.server";
import { prepareErpStatuses } from "./erp-statuses.server";
import { prepareFullResync } from "./full-resync.server";
import { prepareIcecatSheets } from "./icecat-sheets.server";
import { prepareImportOrders } from "./import-orders.server";
import { preparePosDispatch } from "./pos-dispatch.server";
import { prepareProductRefresh } from "./product-refresh.server";
import { prepareProductSync } from "./product-sync.server";
import { prepareRecalculatePrices } from "./recalculate-prices.server";
import { prepareStockPush } from "./stock-push.server";
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
  "icecat-sheets": prepareIcecatSheets,
  "erp-product-import": prepareErpProductImport,
};
