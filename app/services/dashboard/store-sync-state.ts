/** The Store sync card's figures and its state, shared by the server and the browser. */

export interface StoreSyncOverview {
  orders: number;
  products: number;
  /** waiting: events a worker still has to process (recorded-only topics are done on arrival). */
  inbox: { processed: number; waiting: number; failed: number; oldestWaitingAt: string | null };
  lastReconciledUpTo: string | null;
  /** When the reconciliation poll last ran (it runs every 5 minutes while a worker does). */
  lastReconciledAt: string | null;
}

export type StoreSyncState = "failed" | "behind" | "unchecked" | "up-to-date";

/** An event waiting this long, or a reconciliation this old, means the store sync is not keeping up. */
export const WAITING_TOO_LONG_MS = 2 * 60_000;
export const RECONCILED_TOO_LONG_AGO_MS = 15 * 60_000;

/** The card's state, from what was measured: failures first, then work waiting too long, then a stale check. */
export function storeSyncState(sync: StoreSyncOverview, now = Date.now()): StoreSyncState {
  if (sync.inbox.failed > 0) return "failed";
  if (sync.inbox.oldestWaitingAt && now - new Date(sync.inbox.oldestWaitingAt).getTime() > WAITING_TOO_LONG_MS) return "behind";
  if (!sync.lastReconciledAt || now - new Date(sync.lastReconciledAt).getTime() > RECONCILED_TOO_LONG_AGO_MS) return "unchecked";
  return "up-to-date";
}
