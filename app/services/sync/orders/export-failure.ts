/**
 * Why an order could not go to the ERP, in words a merchant can act on: a
 * sentence about the order and what to do next. What an ERP says of its own
 * data (a refusal, a missing tax) is passed on, as it names the fix; a
 * database or library error never reaches a page: its details go to the
 * server log, in one structured line per failed export.
 */
import { ErpRefusedError, ErpUnavailableError } from "../../erp/erp-connector";
import { TrytonUserError } from "../../erp/tryton/tryton-rpc.server";
import { PermanentError, RetryableError } from "../../errors";
import type { ShopDomain } from "../../ids";

export interface FailedExport {
  shop: ShopDomain;
  order: { id: string; name: string };
  erp: { id: string; name: string };
  attempt: number;
}

/** An ERP's own message, without the full stop it may end with, to go inside a sentence. */
export const quoted = (message: string) => message.trim().replace(/[.!]+$/, "");

const sentence = (text: string) => {
  const trimmed = text.trim().replace(/\s+/g, " ");
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/** The reason shown on the Orders page for this failure of this order. */
export function merchantReason(error: unknown, orderName: string, name: string): string {
  // An ERP the merchant did not name is "the ERP".
  const erpName = name === "ERP" ? "the ERP" : name;
  const subject = erpName === "the ERP" ? "The ERP" : erpName;
  if (error instanceof ErpRefusedError) {
    if (error.code === "cannot_book") return sentence(`${subject} cannot book order ${orderName} yet: ${quoted(error.message)}`);
    return sentence(`${subject} refused order ${orderName}: ${quoted(error.message)}. Correct it in ${erpName} or in Shopify, then retry the order`);
  }
  if (error instanceof TrytonUserError)
    return sentence(`${subject} refused order ${orderName}: ${quoted(error.message)}. Correct it in ${erpName}, then retry the order`);
  if (error instanceof ErpUnavailableError)
    return sentence(`${subject} did not answer for order ${orderName} (${quoted(error.message)}); Ponte tries again on its own`);
  if (error instanceof RetryableError) return `Order ${orderName} met a passing problem on its way to ${erpName}; Ponte tries again on its own.`;
  if (error instanceof PermanentError) {
    const next = /key|login|password|credential/i.test(error.message)
      ? "Check the connection on the ERP page"
      : `Correct it in ${erpName} or in Shopify`;
    return sentence(`Order ${orderName} could not go to ${erpName}: ${quoted(error.message)}. ${next}, then retry the order`);
  }
  return `Order ${orderName} could not go to ${erpName} because of an error inside Ponte (the server log has the details). Retry the order; if it fails again, tell us.`;
}

/** One line in the server log for a failed export: who, which order, which ERP, which attempt, why (with the technical detail). */
export function logFailedExport(failure: FailedExport, reason: string, error: unknown, retryable: boolean): void {
  const detail =
    error instanceof Error
      ? { error: error.name, message: error.message, stack: error.stack?.split("\n").slice(0, 6).join("\n") }
      : { error: String(error) };
  console.error(
    JSON.stringify({
      event: "order-export-failed",
      shop: failure.shop,
      order: failure.order.name,
      orderId: failure.order.id,
      erp: failure.erp.name,
      erpId: failure.erp.id,
      attempt: failure.attempt,
      retryable,
      reason,
      ...detail,
    }),
  );
}
