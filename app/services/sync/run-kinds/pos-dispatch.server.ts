/** Send orders to POS: queues every order the POS still owes (failed ones too when the merchant forces it). */
import { hasPosConnection } from "../../pos/pos-connections.server";
import { ordersAwaitingPos } from "../pos/dispatch-snapshot-to-pos.server";
import type { PrepareRun } from "./run-kind";

export const preparePosDispatch: PrepareRun = async (deps, shop, context) => {
  if (!(await hasPosConnection(deps.db, shop))) return { unavailable: "no POS is connected" };
  return {
    work: async (run) => {
      const pending = await ordersAwaitingPos(deps.db, shop, { includeFailed: context.includeFailedPos ?? false });
      for (const orderId of pending) await deps.enqueuePosDispatch(shop, orderId);
      await run.log(`${pending.length} order${pending.length === 1 ? "" : "s"} queued for the sale points.`);
      return { queued: pending.length };
    },
  };
};
