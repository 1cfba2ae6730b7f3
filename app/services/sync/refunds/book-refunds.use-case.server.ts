/**
 * A Shopify refund -> at most one ERP credit note, once the order's sale is in the ERP.
 *
 * Each refund Ponte reads (refunds/create, the `refunds` of an order webhook) is kept once (RefundRecord, one row per
 * Shopify refund) and settled after its order's export, in this order:
 *   the ERP's setting is off -> ignored;
 *   the order's sale is not in the ERP yet -> waiting (the export takes the order as it is then: refunded lines out);
 *   the order never went (cancelled before export) -> not exported;
 *   the sale was made from a version of the order newer than the refund -> in the sale (never a credit note);
 *   the ERP sale was cancelled -> cancelled (nothing to give back);
 *   the setting is "record" -> recorded (shown on the Orders page);
 *   no money and no goods back -> nothing;
 *   else the credit note: looked up by its reference first (a crash after the ERP's answer cannot book it twice),
 *   made, and checked: its total against what Shopify's transactions gave back.
 * Two workers never settle one refund at once (a lock named by the refund). A passing failure leaves it "retrying"
 * and is rethrown (the order's export job runs again); a refusal leaves it "failed" with the ERP's reason.
 */
import type { PrismaClient } from "@prisma/client";
import { erpLinkSystem } from "../../bindings/binder.server";
import { withLockSession, type LockSession } from "../../database/advisory-locks.server";
import type { REFUND_STATUSES } from "../../database/column-values";
import { ErpRefusedError, type ErpConnector } from "../../erp/erp-connector";
import type { ErpCreditNote, NewErpCreditNote } from "../../erp/erp.types";
import { isRetryable, RetryableError } from "../../errors";
import { quoted } from "../orders/export-failure";
import { erpRecordId, type ErpConnectionId, type ErpRecordId, type ShopDomain } from "../../ids";
import { amount, format, type Amount } from "../../money/money";
import { refundFromRecord, type ShopifyRefund } from "../../shopify/shopify-refund";
import type { ShopifyOrder } from "../../shopify/shopify-order";
import { readLinks, serviceArticleLinkKey } from "../orders/export-context.server";
import type { RefundsMode } from "../../erp/refunds-mode";
import { SERVICE_ARTICLE_NAMES, type ServiceArticleSkus } from "../orders/order-to-erp.mapper";
import { checkAgainstExchange, checkRefundMoney, creditLinesOf, creditNoteReference, type CreditLineSource } from "./refund-to-credit-note.mapper";
import { exchangeLinesOf, exchangeTotal } from "./exchange-to-erp.mapper";
import type { ShopifyReturn } from "../../shopify/shopify-return";
import { readShopSettings } from "../../shops/shop-settings.server";

export type RefundStatus = (typeof REFUND_STATUSES)[number];
/** The statuses a settle run takes up again by itself. */
const OPEN: RefundStatus[] = ["waiting", "retrying"];

/** Keeps refunds read from Shopify, each once: a refund never changes in Shopify, so the first copy is the one kept. */
export async function recordRefunds(db: PrismaClient, shop: ShopDomain, refunds: ShopifyRefund[]): Promise<number> {
  let added = 0;
  for (const refund of refunds) {
    added += await db.$executeRaw`
      insert into "RefundRecord" (shop, "refundId", "orderId", "refundedAt", refund, status, "updatedAt")
      values (${shop}, ${refund.id}, ${refund.orderId}, ${new Date(refund.createdAt)}, ${JSON.stringify(refund)}::jsonb, 'waiting', now())
      on conflict (shop, "refundId") do nothing`;
  }
  return added;
}

export interface RefundSettlement {
  db: PrismaClient;
  erp: ErpConnector;
  erpId: ErpConnectionId;
  /** The ERP's name, for the reasons shown to the merchant. */
  erpName: string;
  mode: RefundsMode;
  serviceSkus: ServiceArticleSkus;
  /** Reads a return through the Admin API: a refund made for a return with an exchange is checked against it. */
  returnOf?: (returnId: string) => Promise<ShopifyReturn | null>;
}

export interface RefundOutcome {
  refundId: string;
  status: RefundStatus;
  reason?: string | null;
  creditNote?: ErpCreditNote;
}

/** Settles the order's open refunds (see the top of this file); one indexed read when it has none. */
export async function settleOrderRefunds(deps: RefundSettlement, shop: ShopDomain, order: ShopifyOrder): Promise<RefundOutcome[]> {
  const { db } = deps;
  const open = await db.refundRecord.findMany({
    where: { shop, orderId: order.id, status: { in: OPEN } },
    orderBy: { refundedAt: "asc" },
  });
  if (open.length === 0) return [];
  const exported = await db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } });
  const tolerance = amount((await readShopSettings(db, shop)).totalsTolerance);
  const outcomes: RefundOutcome[] = [];
  for (const row of open) {
    const refund = refundFromRecord(row.refund);
    const outcome = await settleOne(deps, shop, order, refund, exported, tolerance);
    outcomes.push(outcome);
  }
  return outcomes;
}

type ExportRow = Awaited<ReturnType<PrismaClient["orderExport"]["findUnique"]>>;

async function settleOne(
  deps: RefundSettlement,
  shop: ShopDomain,
  order: ShopifyOrder,
  refund: ShopifyRefund,
  exported: ExportRow,
  /** The shop's totals tolerance: how far the ERP's own tax rounding may take the credit note from Shopify's figures. */
  tolerance: Amount,
): Promise<RefundOutcome> {
  const { db } = deps;
  // The refund's money is known whatever becomes of it: the Orders page shows it for a refund recorded or waiting too.
  const lines = creditLinesOf(refund, order.taxesIncluded, deps.serviceSkus);
  let check = checkRefundMoney(refund, lines, order.taxesIncluded);
  const money = { expectedTotal: check.booked, shopifyTotal: `${check.refunded} ${check.refundedCurrency}` };
  const save = async (outcome: RefundOutcome, extra: Record<string, unknown> = {}) => {
    await db.refundRecord.update({
      where: { shop_refundId: { shop, refundId: refund.id } },
      data: { status: outcome.status, reason: outcome.reason ?? null, erpConnectionId: deps.erpId, ...money, ...extra },
    });
    return outcome;
  };
  if (deps.mode === "off") return save({ refundId: refund.id, status: "ignored" });
  if (!exported?.erpOrderId) {
    if (exported?.status === "skipped") return save({ refundId: refund.id, status: "not-exported", reason: "the order never went to the ERP" });
    return save({ refundId: refund.id, status: "waiting" });
  }
  const madeFrom = exported.saleMadeFromVersion ?? exported.exportedVersion;
  if (madeFrom && new Date(refund.createdAt) <= madeFrom) return save({ refundId: refund.id, status: "in-sale" });
  if (exported.erpState === "cancelled") return save({ refundId: refund.id, status: "cancelled" });
  if (deps.mode === "record") return save({ refundId: refund.id, status: "recorded" });

  // A refund made for a return with an exchange gives back the returned goods less the new items (booked as a sale of
  // their own with the return): its transactions are checked against that.
  if (check.differs && refund.returnId && deps.returnOf) {
    const made = await deps.returnOf(refund.returnId);
    if (made && made.exchangeLineIds.length > 0) {
      const newItems = exchangeLinesOf(order, made.exchangeLineIds, deps.serviceSkus);
      if (!newItems) return save({ refundId: refund.id, status: "waiting" }); // the order's update with the new items comes next
      check = checkAgainstExchange(check, exchangeTotal(newItems, order.currency));
    }
  }

  // Adjustments that cancel out and goods that stay where they are: there is nothing for the ERP to book.
  if (amount(check.booked).isZero() && !lines.some((line) => line.restockLocationId)) return save({ refundId: refund.id, status: "nothing" });

  return withLockSession(db, async (locks) => {
    if (!(await locks.tryLock(["refund", shop, refund.id]))) throw new RefundBusyError(`refund ${refund.id} is being booked by another worker`);
    const held = await db.refundRecord.findUnique({ where: { shop_refundId: { shop, refundId: refund.id } }, select: { status: true } });
    if (held && !OPEN.includes(held.status as RefundStatus)) return { refundId: refund.id, status: held.status as RefundStatus };
    const reference = creditNoteReference(exported.erpReference ?? exported.orderName, refund);
    const warehouses = await warehousesFor(db, shop, lines);
    const notMapped = lines.filter((line) => line.restockLocationId && !warehouses.has(line.restockLocationId));
    try {
      const note =
        (await deps.erp.findCreditNoteByReference(reference)) ??
        (await createCreditNote(deps, shop, order, refund, exported, lines, warehouses, reference));
      // Shopify's transactions against Shopify's own lines (exact), and the ERP's total against them (within the tolerance).
      const differs = check.differs || amount(note.total).minus(check.booked).abs().greaterThan(tolerance);
      const reason = differs
        ? `Booked with a difference: credit note ${note.total} ${note.currency}, Shopify refunded ${check.refunded} ${check.refundedCurrency}.`
        : notMapped.length > 0
          ? unmappedGoodsReason(notMapped)
          : check.refundedCurrency !== check.currency
            ? `Booked in ${check.currency}; the buyer was refunded ${check.refunded} ${check.refundedCurrency}.`
            : null;
      return save(
        { refundId: refund.id, status: "booked", reason, creditNote: note },
        {
          creditNoteId: note.id,
          creditNoteNumber: note.number,
          erpTotal: note.total,
          erpTax: note.tax,
          totalsDiffer: differs,
          attempts: { increment: 1 },
        },
      );
    } catch (error) {
      const { retryable, reason } = creditNoteFailure(deps.erpName, order.name, error);
      console.warn(
        JSON.stringify({ event: "refund-not-booked", shop, order: order.name, refund: refund.id, retryable, error: (error as Error).message }),
      );
      await save({ refundId: refund.id, status: retryable ? "retrying" : "failed", reason }, { attempts: { increment: 1 } });
      if (retryable) throw error;
      return { refundId: refund.id, status: "failed", reason };
    }
  });
}

/**
 * What a failed credit note (a refund's or a return's) leaves on its record: whether it passes by itself, and the
 * sentence the Orders page says (said-reasons.ts reads it back), the ERP's own words kept in it.
 */
export function creditNoteFailure(erpName: string, orderName: string, error: unknown): { retryable: boolean; reason: string } {
  const erp = erpName === "ERP" ? "The ERP" : erpName;
  if (isRetryable(error))
    return { retryable: true, reason: `${erp} did not answer for the refund of order ${orderName}; Ponte tries again on its own.` };
  const message = error instanceof ErpRefusedError ? quoted(error.message) : (error as Error).message;
  return { retryable: false, reason: `${erp} refused the credit note for order ${orderName}: ${message}. Correct it, then retry the refund.` };
}

/** The sentence for goods restocked at Shopify locations no ERP warehouse is mapped to. */
export function unmappedGoodsReason(lines: CreditLineSource[]): string | null {
  return lines.length > 0
    ? `Goods back at a Shopify location with no ERP warehouse: ${lines.map((l) => l.title).join(", ")}; move them in the ERP.`
    : null;
}

/** Another worker is booking this refund right now; retry shortly. */
export class RefundBusyError extends RetryableError {}

async function createCreditNote(
  deps: RefundSettlement,
  shop: ShopDomain,
  order: ShopifyOrder,
  refund: ShopifyRefund,
  exported: NonNullable<ExportRow>,
  lines: CreditLineSource[],
  warehouses: Map<string, ErpRecordId<"warehouse">>,
  reference: string,
): Promise<ErpCreditNote> {
  const { erp } = deps;
  const saleId = erpRecordId("sale", exported.erpOrderId!);
  const sale = await erp.getSalesOrder(saleId);
  if (!sale) throw new ErpRefusedError(`the ERP no longer has sale ${exported.erpNumber ?? saleId}`, "not_found");
  if (sale.currency !== refund.currency) throw new ErpRefusedError(`the sale is in ${sale.currency}, the refund in ${refund.currency}`, "invalid");
  const articles = await articlesFor(deps, shop, lines);
  return erp.createCreditNote({
    reference,
    saleId,
    customerId: sale.customerId,
    currency: refund.currency,
    note: `Shopify ${order.name}, refund ${refund.id.split("/").pop()}${refund.note ? `\n${refund.note}` : ""}`,
    lines: creditNoteLinesOf(lines, articles, warehouses, refund.currency),
  });
}

/** Credit-note lines as the ERP takes them: each with its article, and the warehouse its goods go back into, if any. */
export function creditNoteLinesOf(
  lines: CreditLineSource[],
  articles: Map<string, ErpRecordId<"article">>,
  warehouses: Map<string, ErpRecordId<"warehouse">>,
  currency: string,
): NewErpCreditNote["lines"] {
  return lines.map((line) => ({
    articleId: articles.get(line.key)!,
    description: line.title,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    discount: format("0", currency),
    taxes: line.taxes,
    restockWarehouseId: line.restockLocationId ? (warehouses.get(line.restockLocationId) ?? null) : null,
  }));
}

/**
 * The ERP article of each line: the one the order's export linked, else found by SKU, else (service articles, and
 * with `newGoods` a product an exchange brings that the ERP lacks) made, under the lock the order export takes to make
 * an article, so two workers never make one twice.
 */
export async function articlesFor(
  deps: RefundSettlement,
  shop: ShopDomain,
  lines: CreditLineSource[],
  newGoods?: { locks: LockSession; keys: Set<string> },
): Promise<Map<string, ErpRecordId<"article">>> {
  const articleKeys = lines.flatMap((line) => line.variantId ?? (line.service ? serviceArticleLinkKey(line.sku) : []));
  const links = await readLinks(deps.db, { shop, system: erpLinkSystem(deps.erpId), customerId: null, articleKeys });
  const found = new Map<string, ErpRecordId<"article">>();
  for (const line of lines) {
    const linked = line.variantId
      ? links.articles.get(line.variantId)
      : line.service
        ? links.articles.get(serviceArticleLinkKey(line.sku))
        : undefined;
    if (linked) {
      found.set(line.key, linked);
      continue;
    }
    const makes = !line.service && newGoods?.keys.has(line.key);
    if (makes) await newGoods!.locks.lockAll([["erp-article", shop, erpLinkSystem(deps.erpId), line.sku]]);
    const article =
      (await deps.erp.findArticleBySku(line.sku)) ??
      (line.service
        ? await deps.erp.createArticle({ sku: line.sku, name: SERVICE_ARTICLE_NAMES[line.service], listPrice: "0", service: true })
        : makes
          ? await deps.erp.createArticle({ sku: line.sku, name: line.title, listPrice: line.unitPrice, service: false })
          : null);
    if (!article) throw new ErpRefusedError(`no article ${line.sku} for "${line.title}"`, "invalid");
    found.set(line.key, article.id);
  }
  return found;
}

/** The ERP warehouse each Shopify location's stock comes from (the Stock page's mapping), for the lines restocked there. */
export async function warehousesFor(db: PrismaClient, shop: ShopDomain, lines: CreditLineSource[]): Promise<Map<string, ErpRecordId<"warehouse">>> {
  const locations = [...new Set(lines.flatMap((line) => (line.restockLocationId ? [line.restockLocationId] : [])))];
  if (locations.length === 0) return new Map();
  const rows = await db.posLocationStock.findMany({ where: { shop, locationId: { in: locations }, source: "warehouse" } });
  return new Map(rows.flatMap((row) => (row.warehouseId ? [[row.locationId, erpRecordId("warehouse", row.warehouseId)] as const] : [])));
}

/** Puts the order's failed refunds back to be tried again (the Orders page's retry). */
export async function retryFailedRefunds(db: PrismaClient, shop: ShopDomain, orderId?: string): Promise<number> {
  const { count } = await db.refundRecord.updateMany({
    where: { shop, status: "failed", ...(orderId ? { orderId } : {}) },
    data: { status: "retrying", reason: null },
  });
  return count;
}
