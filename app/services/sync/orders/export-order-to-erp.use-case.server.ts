/**
 * One Shopify order -> exactly one ERP sales order, kept in step afterwards.
 * The fixed steps, under a per-order lock:
 *   already linked? -> revise it (cancel, or carry an edit over) ->
 *   else: should it go yet? -> found in the ERP by reference? ->
 *   customer -> articles -> create -> bind.
 *
 * Exactly once: the order's link (shop, order) is unique; an advisory lock
 * keeps two workers off the same order at once (the second gets
 * OrderBusyError, a RetryableError); and before creating, the ERP is asked
 * for a sale with the order's reference, so a crash between the ERP's answer
 * and our commit cannot make a second sale.
 *
 * No database transaction is open while the ERP is called: the locks are
 * session locks on a connection of their own (advisory-locks.server.ts), and
 * what an ERP answer leads to (the link, the export's record, the totals
 * check) is written afterwards in one short transaction.
 *
 * Never a duplicate customer or article: two orders of one new customer (or
 * with one new SKU) exported at once would each find nothing and create one.
 * Before resolving them, the export waits for locks named by the customer's
 * email and Shopify id and by each SKU, held until its export ends; the
 * second order then finds what the first one created and linked.
 *
 * Nothing half-made: before creating anything for an order, the ERP is asked
 * whether it can book it (its currency, its taxes); one it cannot book is
 * refused with a reason and leaves nothing in the ERP.
 *
 * Money checked: after every create or update, the sale's total and tax as
 * the ERP computed them are compared with Shopify's current ones; a
 * difference over the shop's tolerance flags the order (totals-check.ts).
 */
import type { ErpConnection, OrderExport, PrismaClient } from "@prisma/client";
import { withLockSession, type LockSession } from "../../database/advisory-locks.server";
import { bind, erpLinkSystem, toExternal, type LinkKey } from "../../bindings/binder.server";
import { ErpRefusedError, type ErpConnector } from "../../erp/erp-connector";
import type { ErpAddress, ErpSalesOrder } from "../../erp/erp.types";
import { RetryableError } from "../../errors";
import {
  bookingNeeds,
  DEFAULT_SERVICE_SKUS,
  erpContentDigest,
  erpLinesOf,
  type ErpLineSource,
  erpReferenceFor,
  exportDecision,
  SERVICE_ARTICLE_NAMES,
  toErpAddress,
  toErpSalesOrder,
  type ServiceArticleSkus,
} from "./order-to-erp.mapper";
import { recordExported, recordFlag, recordPendingState, recordTotalsCheck } from "./order-export-states.server";
import { WAITING_FOR_PAYMENT } from "./order-sync-states";
import type { ShopifyOrder } from "../../shopify/shopify-order";
import { checkTotals, type TotalsCheck } from "./totals-check";
import { type ErpConnectionId, erpRecordId, type ErpRecordId, type ShopDomain } from "../../ids";

export type ExportOutcome =
  | { status: "exported"; erpOrderId: string; erpNumber: string; recovered: boolean; totals?: TotalsCheck | null }
  | { status: "already-exported"; erpOrderId: string }
  | { status: "updated"; erpOrderId: string; totals?: TotalsCheck | null }
  | { status: "cancelled-in-erp"; erpOrderId: string }
  | { status: "flagged"; erpOrderId: string; flag: string }
  | { status: "skipped"; reason: string }
  | { status: "waiting"; reason: string };

export interface ExportDependencies {
  db: PrismaClient;
  erp: ErpConnector;
  /** Which of the shop's ERPs `erp` is (ErpConnection.id): its links and its booking settings are its own. */
  erpId: ErpConnectionId;
}

/** Another worker holds this order right now; retry shortly. */
export class OrderBusyError extends RetryableError {}

type Db = PrismaClient;

/** What an ERP's settings say about booking: the service articles, and the customer for anonymous orders. */
interface Booking {
  serviceSkus: ServiceArticleSkus;
  anonymousCustomerId: string | null;
}

function bookingOf(row: Pick<ErpConnection, "customLineSku" | "giftCardSku" | "tipSku" | "anonymousCustomerId"> | null): Booking {
  if (!row) return { serviceSkus: DEFAULT_SERVICE_SKUS, anonymousCustomerId: null };
  return { serviceSkus: { custom: row.customLineSku, gift_card: row.giftCardSku, tip: row.tipSku }, anonymousCustomerId: row.anonymousCustomerId };
}

export async function exportOrderToErp({ db, erp, erpId }: ExportDependencies, shop: ShopDomain, order: ShopifyOrder): Promise<ExportOutcome> {
  const link = (entity: LinkKey["entity"]): LinkKey => ({ shop, system: erpLinkSystem(erpId), entity });
  return withLockSession(db, async (locks) => {
    if (!(await locks.tryLock([shop, order.id]))) throw new OrderBusyError(`order ${order.name} is being exported by another worker`);
    const [connection, settings, known] = await Promise.all([
      db.erpConnection.findUnique({ where: { id: erpId } }),
      db.shopSettings.findUnique({ where: { shop } }),
      toExternal(db, link("order"), order.id),
    ]);
    const booking = bookingOf(connection);
    // The order mapped once into the ERP's lines: the booking check, the locks, the articles and the sale all read these.
    const target: TargetErp = { erp, erpId, link, booking, locks, lines: erpLinesOf(order, booking.serviceSkus) };
    const tolerance = settings?.totalsTolerance ?? "0.00";

    if (known) {
      const current = await db.orderExport.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } });
      return reviseExportedOrder(db, target, shop, order, erpRecordId("sale", known), current, tolerance);
    }

    const decision = exportDecision(order, settings?.ordersToErp === "all" ? "all" : "paid");
    if (decision !== "export") {
      const outcome: ExportOutcome =
        decision === "skip-cancelled" ? { status: "skipped", reason: "cancelled before export" } : { status: "waiting", reason: WAITING_FOR_PAYMENT };
      await recordPendingState(db, shop, order, { status: outcome.status === "skipped" ? "skipped" : "waiting", reason: outcome.reason }, false);
      return outcome;
    }

    const reference = erpReferenceFor(shop, order);
    const existing = await erp.findSalesOrderByReference(reference);
    let sale: ErpSalesOrder;
    if (existing) sale = existing;
    else {
      await erp.checkCanBook(bookingNeeds(target.lines, order.currency));
      sale = await erp.createSalesOrder(await erpSalesOrderFor(db, target, shop, order, reference));
    }
    // The sale exists in the ERP: its link, its record and its totals check are written together, or not at all.
    const totals = await db.$transaction(async (transaction) => {
      const tx = transaction as Db;
      await bind(tx, link("order"), order.id, sale.id);
      await recordExported(tx, shop, order, sale, erpContentDigest(order), erpId, reference);
      return checkAndRecordTotals(tx, shop, order, sale, tolerance);
    });
    return { status: "exported", erpOrderId: sale.id, erpNumber: sale.number, recovered: existing !== null, totals } as const;
  });
}

/** One ERP: its connector, its links in Ponte, and its booking settings. */
interface TargetErp {
  erp: ErpConnector;
  erpId: ErpConnectionId;
  link: (entity: LinkKey["entity"]) => LinkKey;
  booking: Booking;
  /** The export's locks: the order's, and those it waits for before creating a customer or an article. */
  locks: LockSession;
  /** The order's lines as the ERP books them (erpLinesOf), worked out once per export. */
  lines: ErpLineSource[];
}

/** Compares the sale as the ERP booked it with Shopify's current totals, and keeps the result on the order. */
async function checkAndRecordTotals(
  tx: Db,
  shop: ShopDomain,
  order: ShopifyOrder,
  sale: ErpSalesOrder,
  tolerance: string,
): Promise<TotalsCheck | null> {
  const check = checkTotals(order, sale, tolerance);
  if (!check) return null;
  await recordTotalsCheck(tx, shop, order.id, check);
  if (check.differs)
    console.warn(JSON.stringify({ event: "erp-totals-differ", shop, order: order.name, orderId: order.id, erpSale: sale.number, ...check }));
  return check;
}

/**
 * An order already in the ERP changed in Shopify: a cancellation cancels the
 * ERP sale, an edit to what the sale was made from replaces its lines, each
 * while the ERP allows it; when it refuses, the order is flagged for the
 * merchant instead (and nothing else is touched).
 */
async function reviseExportedOrder(
  db: Db,
  target: TargetErp,
  shop: ShopDomain,
  order: ShopifyOrder,
  saleId: ErpRecordId<"sale">,
  current: OrderExport | null,
  tolerance: string,
): Promise<ExportOutcome> {
  const { erp } = target;
  const version = new Date(order.updatedAt);
  if (current?.exportedVersion && current.exportedVersion > version) return { status: "already-exported", erpOrderId: saleId };

  if (order.cancelledAt) {
    if (current?.erpState === "cancelled") return { status: "already-exported", erpOrderId: saleId };
    try {
      const sale = await erp.cancelSalesOrder(saleId);
      await recordFlag(db, shop, order.id, null, { erpState: sale.state, exportedVersion: version });
      return { status: "cancelled-in-erp", erpOrderId: saleId };
    } catch (error) {
      if (!(error instanceof ErpRefusedError)) throw error;
      const flag = `Cancelled in Shopify, but the ERP keeps its sale ${current?.erpNumber ?? saleId}: ${error.message}. Cancel or return it in the ERP.`;
      await recordFlag(db, shop, order.id, flag, { exportedVersion: version });
      return { status: "flagged", erpOrderId: saleId, flag };
    }
  }

  const digest = erpContentDigest(order);
  if (current?.exportedDigest === digest) {
    await recordFlag(db, shop, order.id, current.flag, { exportedVersion: version });
    return { status: "already-exported", erpOrderId: saleId };
  }
  // A digest written before this version of Ponte says nothing about what changed: the sale is refreshed while the ERP allows it, and left alone (not flagged) once it does not.
  const legacyDigest = Boolean(current?.exportedDigest) && !current!.exportedDigest!.startsWith("v2:");
  const reference = current?.erpReference ?? current?.orderName ?? order.name;
  try {
    const sale = await erp.updateSalesOrder(saleId, await erpSalesOrderFor(db, target, shop, order, reference));
    const totals = await db.$transaction(async (transaction) => {
      const tx = transaction as Db;
      await recordFlag(tx, shop, order.id, null, { erpState: sale.state, exportedVersion: version });
      await tx.orderExport.update({ where: { shop_orderId: { shop, orderId: order.id } }, data: { exportedDigest: digest } });
      return checkAndRecordTotals(tx, shop, order, sale, tolerance);
    });
    return { status: "updated", erpOrderId: saleId, totals };
  } catch (error) {
    if (!(error instanceof ErpRefusedError)) throw error;
    if (legacyDigest) {
      await db.orderExport.update({
        where: { shop_orderId: { shop, orderId: order.id } },
        data: { exportedDigest: digest, exportedVersion: version },
      });
      return { status: "already-exported", erpOrderId: saleId };
    }
    const flag = `Edited in Shopify after export, but the ERP sale ${current?.erpNumber ?? saleId} can no longer change: ${error.message}. Carry the edit over in the ERP.`;
    await recordFlag(db, shop, order.id, flag, { exportedVersion: version });
    return { status: "flagged", erpOrderId: saleId, flag };
  }
}

async function erpSalesOrderFor(db: Db, target: TargetErp, shop: ShopDomain, order: ShopifyOrder, reference: string) {
  await target.locks.lockAll(creationLocks(target.link("customer").system, shop, order, target.lines));
  return toErpSalesOrder(
    order,
    { customerId: await resolveCustomer(db, target, order), articleIds: await resolveArticles(db, target) },
    { reference },
    target.booking.serviceSkus,
    target.lines,
  );
}

/** The names of what exporting this order may create in this ERP: its customer (or the anonymous one) and its articles. */
function creationLocks(system: string, shop: ShopDomain, order: ShopifyOrder, lines: ErpLineSource[]): string[][] {
  const names: string[][] = lines.map((line) => ["erp-article", shop, system, line.sku]);
  const email = emailOf(order);
  if (email) names.push(["erp-customer-email", shop, system, email.toLowerCase()]);
  if (order.customer?.id) names.push(["erp-customer", shop, system, order.customer.id]);
  if (!order.customer?.id && !email && !customerName(order)) names.push(["erp-anonymous-customer", shop, system]);
  return names;
}

/** An empty email is no email. */
function emailOf(order: ShopifyOrder): string | null {
  const email = (order.customer?.email ?? order.email)?.trim();
  return email ? email : null;
}

async function resolveCustomer(db: Db, target: TargetErp, order: ShopifyOrder): Promise<ErpRecordId<"customer">> {
  const { erp, link } = target;
  const shopifyCustomer = order.customer?.id ?? null;
  if (shopifyCustomer) {
    const linked = await toExternal(db, link("customer"), shopifyCustomer);
    if (linked) return erpRecordId("customer", linked);
  }
  const email = emailOf(order);
  const name = customerName(order);
  if (!shopifyCustomer && !email && !name) return anonymousCustomer(db, target);
  const found = email ? await erp.findCustomer({ email }) : null;
  const customer =
    found ??
    (await erp.createCustomer({
      name: name || email || "Shopify customer",
      email,
      phone: order.customer?.phone ?? order.phone ?? order.billingAddress?.phone ?? order.shippingAddress?.phone ?? null,
      externalRef: shopifyCustomer,
      addresses: customerAddresses(toErpAddress(order.billingAddress), toErpAddress(order.shippingAddress)),
    }));
  // A guest checkout has no Shopify customer: it is matched by email each time instead.
  if (shopifyCustomer) await bind(db, link("customer"), shopifyCustomer, customer.id);
  return customer.id;
}

/** The ERP customer for orders with no customer, no name and no email: the one the merchant named, else one made on first need and kept. */
async function anonymousCustomer(db: Db, target: TargetErp): Promise<ErpRecordId<"customer">> {
  if (target.booking.anonymousCustomerId) return erpRecordId("customer", target.booking.anonymousCustomerId);
  const row = await db.erpConnection.findUnique({ where: { id: target.erpId }, select: { anonymousCustomerId: true } });
  if (row?.anonymousCustomerId) return erpRecordId("customer", row.anonymousCustomerId);
  // Found again by its own reference when Ponte has lost its id (a new connection to the same ERP).
  const customer =
    (await target.erp.findCustomer({ externalRef: ANONYMOUS_CUSTOMER_REF })) ??
    (await target.erp.createCustomer({
      name: ANONYMOUS_CUSTOMER_NAME,
      email: null,
      phone: null,
      externalRef: ANONYMOUS_CUSTOMER_REF,
      addresses: [],
    }));
  await db.erpConnection.updateMany({ where: { id: target.erpId }, data: { anonymousCustomerId: customer.id } });
  target.booking.anonymousCustomerId = customer.id;
  return customer.id;
}

export const ANONYMOUS_CUSTOMER_NAME = "Shopify orders without a customer";
const ANONYMOUS_CUSTOMER_REF = "ponte:orders-without-customer";

/** The billing address as the invoice address and the shipping address as the delivery address; one address for both when they are the same. */
function customerAddresses(billing: ErpAddress | null, shipping: ErpAddress | null): Array<ErpAddress & { invoice: boolean; delivery: boolean }> {
  if (billing && shipping && sameAddress(billing, shipping)) return [{ ...shipping, invoice: true, delivery: true }];
  const addresses: Array<ErpAddress & { invoice: boolean; delivery: boolean }> = [];
  if (billing) addresses.push({ ...billing, invoice: true, delivery: !shipping });
  if (shipping) addresses.push({ ...shipping, invoice: !billing, delivery: true });
  return addresses;
}

function sameAddress(a: ErpAddress, b: ErpAddress): boolean {
  const key = (x: ErpAddress) =>
    [x.name, x.company, x.street, x.street2, x.city, x.zip, x.countryCode].map((v) => (v ?? "").trim().toLowerCase()).join("|");
  return key(a) === key(b);
}

function customerName(order: ShopifyOrder): string {
  const fromCustomer = `${order.customer?.firstName ?? ""} ${order.customer?.lastName ?? ""}`.trim();
  return (
    fromCustomer || order.billingAddress?.name || order.shippingAddress?.name || order.billingAddress?.company || order.shippingAddress?.company || ""
  );
}

async function resolveArticles(db: Db, { erp, link, lines }: TargetErp): Promise<Map<string, ErpRecordId<"article">>> {
  const ids = new Map<string, ErpRecordId<"article">>();
  for (const line of lines) {
    const linked = line.variantId ? await toExternal(db, link("article"), line.variantId) : null;
    const articleId =
      (linked ? erpRecordId("article", linked) : null) ??
      (await erp.findArticleBySku(line.sku))?.id ??
      (
        await erp.createArticle({
          sku: line.sku,
          name: line.service ? SERVICE_ARTICLE_NAMES[line.service] : line.title,
          listPrice: line.service ? "0" : line.unitPrice,
          service: line.service !== null,
        })
      ).id;
    if (line.variantId && !linked) await bind(db, link("article"), line.variantId, articleId);
    ids.set(line.key, articleId);
  }
  return ids;
}
