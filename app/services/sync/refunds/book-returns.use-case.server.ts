/**
 * A Shopify return closed with goods back in stock that no refund brought back (an item returned and restocked,
 * nothing paid back: a goodwill return, a return whose money went as store credit elsewhere) -> the goods back in the
 * ERP: a credit note of no money whose lines bring them into the warehouse mapped to the location they were
 * restocked at. Once per return (its reference, looked up first); after the order's export, like refunds.
 *
 *   the ERP's refunds setting is off -> ignored; the sale is not in the ERP yet -> waiting;
 *   the return is not closed yet -> waiting (read again with the order's next export);
 *   every restocked unit was restocked by a refund of the return (its credit note moved it) -> nothing;
 *   setting "record" -> recorded; else the credit note.
 * The return is read through the Admin API (what came back and where); the refunds made for it are Ponte's own
 * records (RefundRecord), so a unit a refund restocked is never moved twice.
 *
 * A closed return with exchange items processed (see exchange-to-erp.mapper.ts for Shopify's money of an exchange):
 *   the new items -> an ERP sale of their own, linked to the order's sale ("<sale>/X<return>", looked up first);
 *   the returned goods -> the credit note of the refund made for the return when there is one (settled as refunds
 *   are; this adds only the goods it did not restock), else a credit note of the return at the goods' sold value;
 *   the new items not on the order Ponte holds yet -> waiting (its next update brings them).
 */
import type { PrismaClient } from "@prisma/client";
import { withLockSession } from "../../database/advisory-locks.server";
import { ErpRefusedError } from "../../erp/erp-connector";
import { isRetryable, RetryableError } from "../../errors";
import { erpRecordId, type ShopDomain } from "../../ids";
import { amount, format } from "../../money/money";
import type { AdminClient } from "../../shopify/admin-client.server";
import { readReturn } from "../../shopify/order-reader.server";
import { isRestocked, refundFromRecord, type ShopifyRefund } from "../../shopify/shopify-refund";
import type { ShopifyReturn } from "../../shopify/shopify-return";
import type { ShopifyOrder } from "../../shopify/shopify-order";
import { articleSkuFor, toErpAddress } from "../orders/order-to-erp.mapper";
import {
  creditService,
  exchangeLinesOf,
  exchangeSaleReference,
  exchangeTotal,
  returnCreditNoteReference,
  returnedGoodsAtValue,
} from "./exchange-to-erp.mapper";
import { readShopSettings } from "../../shops/shop-settings.server";
import {
  articlesFor,
  creditNoteFailure,
  creditNoteLinesOf,
  unmappedGoodsReason,
  warehousesFor,
  type RefundSettlement,
} from "./book-refunds.use-case.server";
import type { CreditLineSource } from "./refund-to-credit-note.mapper";

export interface ReturnSettlement extends RefundSettlement {
  /** The shop's Admin API, to read a return. */
  shopify: () => Promise<AdminClient>;
}

/** Keeps a return Shopify named (returns/close), once; it is read and settled with its order's next export. */
export async function recordReturn(db: PrismaClient, shop: ShopDomain, named: { returnId: string; orderId: string }): Promise<boolean> {
  const added = await db.$executeRaw`
    insert into "ReturnRecord" (shop, "returnId", "orderId", status, "updatedAt")
    values (${shop}, ${named.returnId}, ${named.orderId}, 'waiting', now())
    on conflict (shop, "returnId") do update set status = 'waiting', "updatedAt" = now()
      where "ReturnRecord".status in ('waiting', 'retrying')`;
  return added > 0;
}

const OPEN = ["waiting", "retrying"];

/** Another worker is booking this return right now; retry shortly. */
export class ReturnBusyError extends RetryableError {}

export async function settleOrderReturns(deps: ReturnSettlement, shop: ShopDomain, order: ShopifyOrder): Promise<void> {
  const { db } = deps;
  const open = await db.returnRecord.findMany({ where: { shop, orderId: order.id, status: { in: OPEN } } });
  if (open.length === 0) return;
  const exported = await db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } });
  for (const row of open) {
    const save = (status: string, extra: Record<string, unknown> = {}) =>
      db.returnRecord.update({ where: { shop_returnId: { shop, returnId: row.returnId } }, data: { status, erpConnectionId: deps.erpId, ...extra } });
    if (deps.mode === "off") {
      await save("ignored");
      continue;
    }
    if (!exported?.erpOrderId) continue;
    let made: ShopifyReturn | null;
    try {
      made = await readReturn(await deps.shopify(), row.returnId);
    } catch (error) {
      if (isRetryable(error)) throw error;
      console.warn(JSON.stringify({ event: "return-not-read", shop, order: order.name, return: row.returnId, error: (error as Error).message }));
      await save("failed", {
        attempts: { increment: 1 },
        reason: `Shopify did not give return ${row.returnId} of order ${order.name}: ${(error as Error).message}`,
      });
      continue;
    }
    if (!made) {
      await save("nothing", { reason: null });
      continue;
    }
    if (made.status !== "CLOSED") continue;
    if (made.exchangeLineIds.length > 0) {
      await settleExchange(deps, shop, order, exported, made, save);
      continue;
    }
    const lines = goodsBackWithoutRefund(order, made, await refundsOfReturn(db, shop, order, made));
    if (lines.length === 0) {
      await save("nothing", { name: made.name, reason: null });
      continue;
    }
    if (deps.mode === "record") {
      await save("recorded", { name: made.name });
      continue;
    }
    await withLockSession(db, async (locks) => {
      if (!(await locks.tryLock(["return", shop, row.returnId])))
        throw new ReturnBusyError(`return ${row.returnId} is being booked by another worker`);
      const reference = returnCreditNoteReference(exported.erpReference ?? exported.orderName, made.id);
      const warehouses = await warehousesFor(db, shop, lines);
      const notMapped = lines.filter((line) => !warehouses.has(line.restockLocationId!));
      try {
        const articles = await articlesFor(deps, shop, lines);
        const note =
          (await deps.erp.findCreditNoteByReference(reference)) ??
          (await deps.erp.createCreditNote({
            reference,
            saleId: erpRecordId("sale", exported.erpOrderId!),
            customerId: (await deps.erp.getSalesOrder(erpRecordId("sale", exported.erpOrderId!)))!.customerId,
            currency: order.currency,
            note: `Shopify ${order.name}, return ${made.name}: goods back, no refund`,
            lines: creditNoteLinesOf(lines, articles, warehouses, order.currency),
          }));
        await save("booked", {
          name: made.name,
          creditNoteId: note.id,
          creditNoteNumber: note.number,
          reason: unmappedGoodsReason(notMapped),
          attempts: { increment: 1 },
        });
      } catch (error) {
        await keepFailure(deps, { shop, order, made, save, event: "return-not-booked" }, error);
      }
    });
  }
}

/** The refunds Ponte holds that were made for the return (Shopify names the return on them, or the return names them). */
async function refundsOfReturn(db: PrismaClient, shop: ShopDomain, order: ShopifyOrder, made: ShopifyReturn): Promise<ShopifyRefund[]> {
  const rows = await db.refundRecord.findMany({ where: { shop, orderId: order.id }, select: { refund: true } });
  return rows.map((row) => refundFromRecord(row.refund)).filter((refund) => refund.returnId === made.id || made.refundIds.includes(refund.id));
}

/** The units the return restocked, less those a refund of the return restocked itself, as credit-note lines of no money. */
function goodsBackWithoutRefund(order: ShopifyOrder, made: ShopifyReturn, refunds: ShopifyRefund[]): CreditLineSource[] {
  const restockedByRefunds = new Map<string, number>();
  for (const read of refunds) {
    for (const line of read.lines.filter(isRestocked))
      restockedByRefunds.set(line.lineItemId, (restockedByRefunds.get(line.lineItemId) ?? 0) + line.quantity);
  }
  const lines: CreditLineSource[] = [];
  for (const back of made.restocked) {
    const already = restockedByRefunds.get(back.lineItemId) ?? 0;
    const quantity = back.quantity - Math.min(already, back.quantity);
    restockedByRefunds.set(back.lineItemId, Math.max(0, already - back.quantity));
    if (quantity <= 0) continue;
    lines.push({
      key: `${back.lineItemId}@${back.locationId ?? "none"}`,
      sku: articleSkuFor({ sku: back.sku, variantId: back.variantId, id: back.lineItemId }),
      service: null,
      title: back.title,
      quantity,
      unitPrice: format("0", order.currency),
      taxes: [],
      variantId: back.variantId,
      restockLocationId: back.locationId,
    });
  }
  return lines;
}

type ExportRow = NonNullable<Awaited<ReturnType<PrismaClient["orderExport"]["findUnique"]>>>;
type SaveReturn = (status: string, extra?: Record<string, unknown>) => Promise<unknown>;

/** A closed return with exchange items: the new items' sale and the returned goods' credit note (see the top of this file). */
async function settleExchange(
  deps: ReturnSettlement,
  shop: ShopDomain,
  order: ShopifyOrder,
  exported: ExportRow,
  made: ShopifyReturn,
  save: SaveReturn,
) {
  const { db } = deps;
  const newItems = exchangeLinesOf(order, made.exchangeLineIds, deps.serviceSkus);
  if (!newItems) return; // waiting: the order's update with the new items comes next
  const refunds = await refundsOfReturn(db, shop, order, made);
  // Returned goods a refund of the return carries are its credit note's; without one, they are this return's, at value.
  const goods =
    made.refundIds.length > 0 || refunds.length > 0
      ? goodsBackWithoutRefund(order, made, refunds)
      : returnedGoodsAtValue(order, made.returned, deps.serviceSkus);
  if (!goods) {
    await save("recorded", {
      name: made.name,
      reason: `Return ${made.name} exchanges items for goods no longer on the order: book the goods back and the new items in the ERP.`,
    });
    return;
  }
  if (deps.mode === "record") {
    await save("recorded", { name: made.name, exchangeExpectedTotal: exchangeTotal(newItems, order.currency) });
    return;
  }
  await withLockSession(db, async (locks) => {
    if (!(await locks.tryLock(["return", shop, made.id]))) throw new ReturnBusyError(`return ${made.id} is being booked by another worker`);
    const saleReference = exported.erpReference ?? exported.orderName;
    const saleId = erpRecordId("sale", exported.erpOrderId!);
    const expected = exchangeTotal(newItems, order.currency);
    try {
      const original = await deps.erp.getSalesOrder(saleId);
      if (!original) throw new ErpRefusedError(`the ERP no longer has sale ${exported.erpNumber ?? saleId}`, "not_found");
      const itemLines = newItems.map((line) => ({ ...line, service: creditService(line.service), restockLocationId: null }));
      const articles = await articlesFor(deps, shop, [...itemLines, ...goods], { locks, keys: new Set(itemLines.map((line) => line.key)) });
      const reference = exchangeSaleReference(saleReference, made.id);
      const sale =
        (await deps.erp.findSalesOrderByReference(reference)) ??
        (await deps.erp.createSalesOrder({
          reference,
          shopifyName: `${order.name} ${made.name}`,
          customerId: original.customerId,
          currency: order.currency,
          taxesIncluded: order.taxesIncluded,
          lines: newItems.map((line) => ({
            articleId: articles.get(line.key)!,
            description: line.title,
            quantity: line.quantity,
            unitPrice: line.unitPrice,
            discount: line.discount,
            taxes: line.taxes,
          })),
          shippingAddress: toErpAddress(order.shippingAddress),
          billingAddress: toErpAddress(order.billingAddress),
          note: `Shopify ${order.name}, exchange of return ${made.name}: the new items of sale ${exported.erpNumber ?? original.number}`,
        }));
      const warehouses = await warehousesFor(db, shop, goods);
      const notMapped = goods.filter((line) => line.restockLocationId && !warehouses.has(line.restockLocationId));
      const noteReference = returnCreditNoteReference(saleReference, made.id);
      const note =
        goods.length === 0
          ? null
          : ((await deps.erp.findCreditNoteByReference(noteReference)) ??
            (await deps.erp.createCreditNote({
              reference: noteReference,
              saleId,
              customerId: original.customerId,
              currency: order.currency,
              note: `Shopify ${order.name}, return ${made.name}: goods exchanged (sale ${sale.number})`,
              lines: creditNoteLinesOf(goods, articles, warehouses, order.currency),
            })));
      const tolerance = amount((await readShopSettings(db, shop)).totalsTolerance);
      const differs = amount(sale.total).minus(expected).abs().greaterThan(tolerance);
      await save("booked", {
        name: made.name,
        creditNoteId: note?.id ?? null,
        creditNoteNumber: note?.number ?? null,
        exchangeSaleId: sale.id,
        exchangeSaleNumber: sale.number,
        exchangeErpTotal: sale.total,
        exchangeExpectedTotal: expected,
        reason: differs
          ? `Exchange sale booked with a difference: ${sale.total} ${sale.currency} in the ERP, the new items come to ${expected} ${order.currency} in Shopify.`
          : unmappedGoodsReason(notMapped),
        attempts: { increment: 1 },
      });
    } catch (error) {
      await keepFailure(deps, { shop, order, made, save, event: "exchange-not-booked" }, error);
    }
  });
}

/** A return the ERP did not book: kept with its reason (retrying, rethrown, when it passes by itself; else failed). */
async function keepFailure(
  deps: ReturnSettlement,
  at: { shop: ShopDomain; order: ShopifyOrder; made: ShopifyReturn; save: SaveReturn; event: string },
  error: unknown,
): Promise<void> {
  const { retryable, reason } = creditNoteFailure(deps.erpName, at.order.name, error);
  console.warn(
    JSON.stringify({ event: at.event, shop: at.shop, order: at.order.name, return: at.made.id, retryable, error: (error as Error).message }),
  );
  await at.save(retryable ? "retrying" : "failed", { name: at.made.name, attempts: { increment: 1 }, reason });
  if (retryable) throw error;
}
