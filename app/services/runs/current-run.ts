/**
 * The run the current work belongs to, for code far below the run that must tell it something: a client that waits
 * for an outside system's call limit logs the wait in the run the merchant is watching, and lets Cancel end the wait.
 * runTracked sets it around a run's work; outside a run there is none.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { MerchantMessage } from "../../i18n/merchant-message";

/** What code below a run may do with it: add a line to its log, and stop if Cancel was pressed. */
export interface RunContext {
  log(message: MerchantMessage, level?: "info" | "warning" | "error"): Promise<void>;
  checkCancelled(): Promise<void>;
}

const storage = new AsyncLocalStorage<RunContext>();

export function withRunContext<T>(run: RunContext, work: () => Promise<T>): Promise<T> {
  return storage.run(run, work);
}

export function currentRun(): RunContext | undefined {
  return storage.getStore();
}
