/** Send orders to POS: queues every order the POS still owes (failed ones too when the merchant forces it). */
import { say } from "../../../i18n/merchant-message";
import { hasPosConnection } from "../../pos/pos-connections.server";
import { ordersAwaitingPos } from "../pos/dispatch-snapshot-to-pos.server";
import type { PrepareRun } from "./run-kind";

export const preparePosDispatch: PrepareRun = async (deps, shop, context) => {
  if (!(await hasPosConnection(deps.db, shop))) return { unavailable: "no POS is connected" };
  return {
    work: async (run) => {
      const pending = await ordersAwaitingPos(deps.db, shop, { includeFailed: context.includeFailedPos ?? false });
      for (const orderId of pending) await deps.enqueuePosDispatch(shop, orderId);
      await run.log(say("runs.log.pos.queued", { count: pending.length }));
      return { queued: pending.length };
    },
  };
};
