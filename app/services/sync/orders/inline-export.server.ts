/**
 * The inbox drain exports an order itself, right after its webhook's snapshot
 * is written, instead of queueing a job to do it: a flash sale's order then
 * costs no job rows (a unique check, an insert, a lock, a delete each). What
 * cannot be done now goes to the export job as before, which retries with
 * backoff and watches for a system that is down:
 * - an export that fails, whatever the reason (the job tries it again);
 * - every order of a shop whose ERP was found unavailable in the last
 *   `unavailableForMs` (no batch waits on timeouts one order after another);
 * - orders left when the batch's `budgetMs` is spent (a slow ERP must not hold
 *   the batch past its lease).
 * Exporting twice is harmless (the export locks the order and finds a sale
 * already made by its reference), so nothing here needs to be exactly once.
 */
import { UnavailableError } from "../../errors";
import type { ShopDomain } from "../../ids";

export interface InlineExportOptions {
  exportNow: (shop: ShopDomain, orderId: string) => Promise<unknown>;
  queue: (shop: ShopDomain, orderId: string) => Promise<void>;
  /** Told of an export that failed here and was handed to the job (the worker's log). */
  log?: (line: string) => void;
  unavailableForMs?: number;
  now?: () => number;
}

export interface InlineExporter {
  /** Exports now, or queues; resolves once the order is exported or queued. */
  (shop: ShopDomain, orderId: string, deadline: number): Promise<"exported" | "queued">;
}

export function inlineExporter(options: InlineExportOptions): InlineExporter {
  const now = options.now ?? Date.now;
  const unavailableForMs = options.unavailableForMs ?? 30_000;
  const unavailableUntil = new Map<ShopDomain, number>();
  return async (shop, orderId, deadline) => {
    if (now() >= deadline || (unavailableUntil.get(shop) ?? 0) > now()) {
      await options.queue(shop, orderId);
      return "queued";
    }
    try {
      await options.exportNow(shop, orderId);
      return "exported";
    } catch (error) {
      if (error instanceof UnavailableError) unavailableUntil.set(shop, now() + unavailableForMs);
      options.log?.(`order ${orderId} of ${shop}: exported by its job instead (${(error as Error).message})`);
      await options.queue(shop, orderId);
      return "queued";
    }
  };
}
