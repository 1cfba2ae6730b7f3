/** Import products into the ERP: the store's variants made (or found) as articles in each ERP, linked by SKU, once. */
import { say } from "../../../i18n/merchant-message";
import { importStoreProducts, type ErpProductImportOutcome } from "../../catalog/erp-product-import.server";
import { readImportCategoryFrom } from "../../catalog/erp-product-import-preview.server";
import type { RunHandle } from "../../runs/job-runs.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import type { PrepareRun } from "./run-kind";
import { withErps } from "./with-erps.server";

export const prepareErpProductImport: PrepareRun = (deps, shop, context) =>
  withErps(deps, shop, context, ({ erps, several, named }) => ({
    work: async (run: RunHandle) => {
      const client = await adminClientForShop(deps.sessions, shop);
      const categoryFrom = await readImportCategoryFrom(deps.db, shop);
      await run.log(say(`runs.log.erpImport.started.${categoryFrom}`));
      const total: ErpProductImportOutcome = { read: 0, linked: 0, created: 0, unchanged: 0, skipped: 0, failed: 0 };
      for (const erp of erps) {
        const outcome = await importStoreProducts(
          { db: deps.db, erp: erp.connector, erpId: erp.id, client },
          shop,
          {
            id: run.id,
            log: (line, level) => run.log(typeof line === "string" ? line : named(erp, line), level),
            progress: run.progress,
            checkCancelled: run.checkCancelled,
          },
          categoryFrom,
        );
        if (several) await run.log(named(erp, say("runs.log.erpImport.erpDone", { created: outcome.created, linked: outcome.linked })));
        for (const key of Object.keys(total) as Array<keyof ErpProductImportOutcome>) total[key] += outcome[key];
      }
      return { ...total };
    },
  }));
