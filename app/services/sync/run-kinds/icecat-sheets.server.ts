/** Update Icecat sheets: each Shopify product's Icecat data-sheet written into it, where new or changed. */
import { updateIcecatSheets } from "../../catalog/icecat-sheets.server";
import { icecatAccountOf } from "../../icecat/icecat-settings.server";
import type { RunHandle } from "../../runs/job-runs.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import type { PrepareRun } from "./run-kind";

export const prepareIcecatSheets: PrepareRun = async (deps, shop) => {
  const icecat = deps.box ? await icecatAccountOf(deps.db, deps.box, shop, process.env.PONTE_ICECAT_URL || undefined) : null;
  if (!icecat) return { unavailable: "Icecat is not connected (Catalog page)" };
  return {
    work: async (run: RunHandle) => {
      const client = await adminClientForShop(deps.sessions, shop);
      return {
        ...(await updateIcecatSheets(
          { db: deps.db, client, account: icecat.account, write: icecat.write, translations: icecat.translations },
          shop,
          run,
        )),
      };
    },
  };
};
