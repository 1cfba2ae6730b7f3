/** What the ERP's kinds share: the shop's ERPs a run works with (a schedule's filter applied), or why there are none. */
import type { MerchantMessage } from "../../../i18n/merchant-message";
import { erpsForShop, type ShopErp } from "../../erp/erp-connections.server";
import type { ActionDependencies, Prepared, RunContext } from "./run-kind";
import type { ShopDomain } from "../../ids";

export interface SelectedErps {
  erps: ShopErp[];
  /** With several ERPs, each log line says which one it is about. */
  /** A log line named by its ERP when the shop has several ("Polska: …"). */
  named: (erp: ShopErp, line: MerchantMessage) => MerchantMessage;
  several: boolean;
}

/** The shop's ERPs the run works with (a schedule's filter applied), or why there are none. */
export async function withErps(
  deps: ActionDependencies,
  shop: ShopDomain,
  context: RunContext,
  then: (selected: SelectedErps) => Prepared,
): Promise<Prepared> {
  const all = deps.box ? await erpsForShop(deps.db, deps.box, shop) : [];
  const only = context.erpConnectionIds ?? [];
  const erps = only.length > 0 ? all.filter((erp) => only.includes(erp.id)) : all;
  if (erps.length === 0) return { unavailable: only.length > 0 ? "none of the schedule's ERPs is connected any more" : "no ERP is connected" };
  const several = all.length > 1;
  return then({ erps, several, named: (erp, line) => (several ? { ...line, params: { ...line.params, prefix: erp.name } } : line) });
}
