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
 * what an ERP answer leads to (the links, the export's record, the totals
 * check) is written afterwards in one statement (recordSaleBooked).
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
 * Legal data: the buyer's tax ids, PEC and SDI code (customer-legal-data.ts)
 * go to the ERP customer. A customer is matched by a tax id that passed its
 * check before anything else (a company buying through several emails stays
 * one customer); a customer found or linked otherwise gets the ids it lacks.
 *
 * Money checked: after every create or update, the sale's total and tax as
 * the ERP computed them are compared with Shopify's current ones; a
 * difference over the shop's tolerance flags the order (totals-check.ts).
 */
import type { PrismaClient } from "@prisma/client";
import { withLockSession, type LockSession } from "../../database/advisory-locks.server";
import { bindAll, erpLinkSystem, type LinkKey, type LinkRow } from "../../bindings/binder.server";
import { ErpRefusedError, type ErpConnector } from "../../erp/erp-connector";
import type { ErpAddress, ErpCustomer, ErpSalesOrder, NewErpCustomer } from "../../erp/erp.types";
import { hasCustomerLegalData, NO_CUSTOMER_LEGAL_DATA, type CustomerLegalData } from "./customer-legal-data";
import { RetryableError } from "../../errors";
import {
  bookingNeeds,
  erpContentDigest,
  erpLinesOf,
  type ErpLineSource,
  erpReferenceFor,
  exportDecision,
  SERVICE_ARTICLE_NAMES,
  toErpAddress,
  toErpSalesOrder,
} from "./order-to-erp.mapper";
import { recordFlag, recordPendingState, recordSaleBooked } from "./order-export-states.server";
import { readExportContext, readLinks, serviceArticleLinkKey, type Booking, type ExportRecord, type OrderLinks } from "./export-context.server";
import { WAITING_FOR_PAYMENT } from "./order-sync-states";
import type { ShopifyOrder } from "../../shopify/shopify-order";
import { refundFromRecord } from "../../shopify/shopify-refund";
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
  /** The buyer's tax ids, PEC and SDI code for the ERP customer (order-legal-identity.server.ts); none when not given. */
  legal?: CustomerLegalData;
  /**
   * The order's lines that are exchange items of its returns, read from Shopify (readExchangeLineIds) only when an
   * order already in the ERP gained lines; without it, such lines count as an edit.
   */
  exchangeLinesOf?: (orderId: string) => Promise<Set<string>>;
}

/** Another worker holds this order right now; retry shortly. */
export class OrderBusyError extends RetryableError {}

type Db = PrismaClient;

/**
 * Database round trips: the order's lock; one read (readExportContext); for what is not linked yet, the locks that
 * let it be made and one read of its links again; one write of everything the ERP's answer leads to
 * (recordSaleBooked); letting the locks go. Four for an order whose customer and articles are known, six at most.
 */
export async function exportOrderToErp(
  { db, erp, erpId, legal = NO_CUSTOMER_LEGAL_DATA, exchangeLinesOf }: ExportDependencies,
  shop: ShopDomain,
  order: ShopifyOrder,
): Promise<ExportOutcome> {
  const link = (entity: LinkKey["entity"]): LinkKey => ({ shop, system: erpLinkSystem(erpId), entity });
  return withLockSession(db, async (locks) => {
    if (!(await locks.tryLock([shop, order.id]))) throw new OrderBusyError(`order ${order.name} is being exported by another worker`);
    const context = await readExportContext(locks.sql, {
      shop,
      erpId,
      system: erpLinkSystem(erpId),
      orderId: order.id,
      customerId: order.customer?.id ?? null,
      variantIds: order.lines.flatMap((line) => (line.variantId ? [line.variantId] : [])),
    });
    const { booking } = context;
    // The order mapped once into the ERP's lines: the booking check, the locks, the articles and the sale all read these.
    const target: TargetErp = { erp, erpId, link, booking, locks, lines: erpLinesOf(order, booking.serviceSkus), known: context, found: [], legal };

    if (context.sale) return reviseExportedOrder(db, target, shop, order, context.sale, context.record, context.tolerance, exchangeLinesOf);

    const decision = exportDecision(order, context.ordersToErp);
    if (decision !== "export") {
      const outcome: ExportOutcome =
        decision === "skip-cancelled" ? { status: "skipped", reason: "cancelled before export" } : { status: "waiting", reason: WAITING_FOR_PAYMENT };
      await recordPendingState(
        locks.sql,
        shop,
        order,
        { status: outcome.status === "skipped" ? "skipped" : "waiting", reason: outcome.reason },
        false,
      );
      return outcome;
    }

    const reference = erpReferenceFor(shop, order);
    const existing = await erp.findSalesOrderByReference(reference);
    let sale: ErpSalesOrder;
    if (existing) sale = existing;
    else {
      await erp.checkCanBook(bookingNeeds(target.lines, order.currency));
      sale = await keepingWhatWasFound(db, target, async () => erp.createSalesOrder(await erpSalesOrderFor(db, target, shop, order, reference)));
    }
    // The sale exists in the ERP: its link, its record and its totals check are written together, or not at all.
    const totals = checkTotals(order, sale, context.tolerance);
    await recordSaleBooked(locks.sql, {
      kind: "created",
      shop,
      erpId,
      system: link("order").system,
      order,
      sale,
      reference,
      digest: erpContentDigest(order),
      lines: linesOf(order),
      totals,
      links: [{ entity: "order", shopifyId: order.id, externalId: sale.id }, ...target.found],
      anonymousCustomerId: target.anonymousFound,
    });
    reportTotals(shop, order, sale, totals);
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
  /** The customer's and articles' links as read (readExportContext, then readLinks under the creation locks). */
  known: OrderLinks;
  /** Links found or made in the ERP during this export, written with the sale (or, should the sale fail, on their own). */
  found: LinkRow[];
  /** The ERP customer for orders without one, found or made by this export: kept on the connection with the sale. */
  anonymousFound?: string;
  /** The buyer's legal data for the ERP customer. */
  legal: CustomerLegalData;
}

/**
 * Runs the ERP work that resolves the customer and articles and makes or changes the sale. Should it fail after a
 * customer or article was found or made, their links are kept all the same, so the retry does not look for them again.
 */
async function keepingWhatWasFound<T>(db: Db, target: TargetErp, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (target.found.length > 0) {
      const { shop, system } = target.link("customer");
      await bindAll(db, { shop, system }, target.found).catch((failure: Error) =>
        console.warn(JSON.stringify({ event: "erp-links-not-kept", shop, reason: failure.message })),
      );
    }
    throw error;
  }
}

/** Logs a sale the ERP booked with other money than Shopify's (the check itself is kept by recordSaleBooked). */
function reportTotals(shop: ShopDomain, order: ShopifyOrder, sale: ErpSalesOrder, check: TotalsCheck | null): void {
  if (check?.differs)
    console.warn(JSON.stringify({ event: "erp-totals-differ", shop, order: order.name, orderId: order.id, erpSale: sale.number, ...check }));
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
  current: ExportRecord | null,
  tolerance: string,
  exchangeLinesOf?: ExportDependencies["exchangeLinesOf"],
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
  // Refunds after the sale are booked as credit notes, and an exchange's new items as a sale of their own: the sale
  // keeps what was sold, so that nothing counts twice. A change the refunds and exchanges do not explain (an item
  // added) is flagged for the merchant, never lost.
  const madeFrom = current?.saleMadeFromVersion ?? current?.exportedVersion ?? null;
  if (target.booking.refundsMode === "book" && current && madeFrom && current.exportedDigest !== digest) {
    const exchanged = await exchangeLinesAdded(order, current.exportedLines, exchangeLinesOf);
    if ((current.lastRefundAt && current.lastRefundAt > madeFrom) || exchanged.size > 0) {
      if (await explainedByRefunds(db, shop, order, current.exportedLines, madeFrom, exchanged)) {
        await recordFlag(db, shop, order.id, current.flag, { exportedVersion: version, exportedDigest: digest });
        return { status: "already-exported", erpOrderId: saleId };
      }
      const flag = `Changed in Shopify after a refund, beyond what the refund took back (an item added or exchanged): the ERP sale ${current.erpNumber ?? saleId} keeps what was sold. Carry the change over in the ERP.`;
      await recordFlag(db, shop, order.id, flag, { exportedVersion: version, exportedDigest: digest });
      return { status: "flagged", erpOrderId: saleId, flag };
    }
  }
  if (current?.exportedDigest === digest) {
    await recordFlag(db, shop, order.id, current.flag, { exportedVersion: version });
    return { status: "already-exported", erpOrderId: saleId };
  }
  // A digest written before this version of Ponte says nothing about what changed: the sale is refreshed while the ERP allows it, and left alone (not flagged) once it does not.
  const legacyDigest = Boolean(current?.exportedDigest) && !current!.exportedDigest!.startsWith("v2:");
  const reference = current?.erpReference ?? current?.orderName ?? order.name;
  try {
    const sale = await keepingWhatWasFound(db, target, async () =>
      erp.updateSalesOrder(saleId, await erpSalesOrderFor(db, target, shop, order, reference)),
    );
    const totals = checkTotals(order, sale, tolerance);
    await recordSaleBooked(target.locks.sql, {
      kind: "updated",
      shop,
      erpId: target.erpId,
      system: target.link("order").system,
      order,
      sale: { ...sale, number: current?.erpNumber ?? sale.number },
      reference,
      digest,
      lines: linesOf(order),
      totals,
      links: target.found,
      anonymousCustomerId: target.anonymousFound,
    });
    reportTotals(shop, order, sale, totals);
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

/** Each line's quantity the sale is made with, by Shopify line id. */
function linesOf(order: ShopifyOrder): Record<string, number> {
  return Object.fromEntries(order.lines.map((line) => [line.id, line.quantity]));
}

/**
 * The lines the order gained since its sale that are exchange items of its returns (read from Shopify only when it
 * gained any: an order whose lines are those of its sale costs nothing more).
 */
async function exchangeLinesAdded(
  order: ShopifyOrder,
  exportedLines: Record<string, number> | null,
  exchangeLinesOf: ExportDependencies["exchangeLinesOf"],
): Promise<Set<string>> {
  if (!exportedLines || !exchangeLinesOf) return new Set();
  const added = order.lines.filter((line) => !(line.id in exportedLines)).map((line) => line.id as string);
  if (added.length === 0) return new Set();
  const exchange = await exchangeLinesOf(order.id);
  return new Set(added.filter((id) => exchange.has(id)));
}

/**
 * Whether the order now is what the sale carries less what the refunds made since took back: every line's current
 * quantity is its quantity in the sale less its refunded quantity, and no line is new but an exchange's new items
 * (booked as a sale of their own). Unknown (a sale made before Ponte kept its lines) counts as explained, as before.
 */
async function explainedByRefunds(
  db: Db,
  shop: ShopDomain,
  order: ShopifyOrder,
  exportedLines: Record<string, number> | null,
  since: Date,
  exchanged: Set<string>,
): Promise<boolean> {
  if (!exportedLines) return true;
  const refunds = await db.refundRecord.findMany({ where: { shop, orderId: order.id, refundedAt: { gt: since } }, select: { refund: true } });
  const expected = new Map(Object.entries(exportedLines));
  for (const { refund } of refunds)
    for (const line of refundFromRecord(refund).lines) expected.set(line.lineItemId, (expected.get(line.lineItemId) ?? 0) - line.quantity);
  const now = new Map(order.lines.filter((line) => !exchanged.has(line.id)).map((line) => [line.id as string, line.quantity]));
  return [...new Set([...expected.keys(), ...now.keys()])].every((id) => Math.max(0, expected.get(id) ?? 0) === (now.get(id) ?? 0));
}

/**
 * The sale as the ERP is sent it. What is not linked yet (the customer, articles) may be made in the ERP: first the
 * locks named by it are taken (so that two exports never make one thing twice) and its links read again, in case
 * another export made it meanwhile.
 */
async function erpSalesOrderFor(db: Db, target: TargetErp, shop: ShopDomain, order: ShopifyOrder, reference: string) {
  const unlinked = unlinkedLines(target);
  const customerUnlinked = order.customer?.id
    ? !target.known.customer
    : emailOf(order) || customerName(order) || target.legal.matchBy.length
      ? true // a guest: found by tax id or email, or made, each time
      : !target.booking.anonymousCustomerId;
  if (unlinked.length > 0 || customerUnlinked) {
    await target.locks.lockAll(creationLocks(target.link("customer").system, shop, order, unlinked, customerUnlinked, target.legal));
    const articleKeys = unlinked.flatMap((line) => articleLinkKey(line) ?? []);
    const customerId = customerUnlinked ? (order.customer?.id ?? null) : null;
    if (articleKeys.length > 0 || customerId) {
      const again = await readLinks(target.locks.sql, { shop, system: target.link("customer").system, customerId, articleKeys });
      target.known = { customer: target.known.customer ?? again.customer, articles: new Map([...target.known.articles, ...again.articles]) };
    }
  }
  return toErpSalesOrder(
    order,
    { customerId: await resolveCustomer(db, target, order), articleIds: await resolveArticles(target) },
    { reference },
    target.booking.serviceSkus,
    target.lines,
  );
}

/** The lines whose article is not linked: variants not linked yet, service articles not found yet, lines of deleted products. */
function unlinkedLines({ lines, known }: TargetErp): ErpLineSource[] {
  return lines.filter((line) => {
    const key = articleLinkKey(line);
    return !key || !known.articles.has(key);
  });
}

/**
 * What an article is linked by: the Shopify variant, or for a service article (shipping, custom lines, gift cards,
 * tips) its SKU, so that it is looked up in the ERP once, not on every order. A line of a deleted product has none.
 */
function articleLinkKey(line: ErpLineSource): string | null {
  return line.variantId ?? (line.service ? serviceArticleLinkKey(line.sku) : null);
}

/** The names of what exporting this order may create in this ERP: its unlinked articles, and its customer (or the anonymous one) when unlinked. */
function creationLocks(
  system: string,
  shop: ShopDomain,
  order: ShopifyOrder,
  lines: ErpLineSource[],
  customer: boolean,
  legal: CustomerLegalData,
): string[][] {
  const names: string[][] = lines.map((line) => ["erp-article", shop, system, line.sku]);
  if (!customer) return names;
  const taxId = legal.matchBy[0];
  if (taxId) names.push(["erp-customer-tax-id", shop, system, taxId.type, taxId.value]);
  const email = emailOf(order);
  if (email) names.push(["erp-customer-email", shop, system, email.toLowerCase()]);
  if (order.customer?.id) names.push(["erp-customer", shop, system, order.customer.id]);
  if (!order.customer?.id && !email && !customerName(order) && !taxId) names.push(["erp-anonymous-customer", shop, system]);
  return names;
}

/** An empty email is no email. */
function emailOf(order: ShopifyOrder): string | null {
  const email = (order.customer?.email ?? order.email)?.trim();
  return email ? email : null;
}

async function resolveCustomer(db: Db, target: TargetErp, order: ShopifyOrder): Promise<ErpRecordId<"customer">> {
  const { erp, legal } = target;
  const shopifyCustomer = order.customer?.id ?? null;
  // A tax id that passed its check names the customer first: the company (or person) the invoice is for.
  const byTaxId = await findByTaxId(erp, legal);
  if (byTaxId) {
    await addMissingLegalData(erp, byTaxId, legal);
    if (shopifyCustomer && target.known.customer !== byTaxId.id)
      target.found.push({ entity: "customer", shopifyId: shopifyCustomer, externalId: byTaxId.id });
    return byTaxId.id;
  }
  if (shopifyCustomer && target.known.customer) {
    const linked = hasCustomerLegalData(legal) ? await erp.getCustomer(target.known.customer) : null;
    if (linked) await addMissingLegalData(erp, linked, legal);
    return target.known.customer;
  }
  const email = emailOf(order);
  const name = customerName(order);
  if (!shopifyCustomer && !email && !name && !hasCustomerLegalData(legal)) return anonymousCustomer(target);
  // Found by email, or by the Shopify customer it was made for (an export that made it and failed before linking it).
  const found = email ? await erp.findCustomer({ email }) : shopifyCustomer ? await erp.findCustomer({ externalRef: shopifyCustomer }) : null;
  if (found) await addMissingLegalData(erp, found, legal);
  const customer =
    found ??
    (await erp.createCustomer({
      name: name || email || "Shopify customer",
      email,
      phone: order.customer?.phone ?? order.phone ?? order.billingAddress?.phone ?? order.shippingAddress?.phone ?? null,
      externalRef: shopifyCustomer,
      addresses: customerAddresses(toErpAddress(order.billingAddress), toErpAddress(order.shippingAddress)),
      ...legalChange(legal),
    }));
  // A guest checkout has no Shopify customer: it is matched by email each time instead.
  if (shopifyCustomer) target.found.push({ entity: "customer", shopifyId: shopifyCustomer, externalId: customer.id });
  return customer.id;
}

/** The first customer holding one of the order's checked tax ids, company ids first. */
async function findByTaxId(erp: ErpConnector, legal: CustomerLegalData): Promise<ErpCustomer | null> {
  for (const taxId of legal.matchBy) {
    const found = await erp.findCustomer({ taxId });
    if (found) return found;
  }
  return null;
}

function legalChange(legal: CustomerLegalData): Pick<NewErpCustomer, "taxIdentifiers" | "pec" | "sdiCode"> {
  return {
    taxIdentifiers: legal.taxIdentifiers,
    ...(legal.pec ? { pec: legal.pec } : {}),
    ...(legal.sdiCode ? { sdiCode: legal.sdiCode } : {}),
  };
}

/** Gives a customer found in the ERP the tax ids it lacks and the PEC and SDI code of this order; no call when it has them. */
async function addMissingLegalData(erp: ErpConnector, customer: ErpCustomer, legal: CustomerLegalData): Promise<void> {
  const lacking = legal.taxIdentifiers.some((id) => !customer.taxIdentifiers.some((held) => held.type === id.type && held.value === id.value));
  const changed = (legal.pec && legal.pec !== customer.pec) || (legal.sdiCode && legal.sdiCode !== customer.sdiCode);
  if (lacking || changed) await erp.updateCustomer(customer.id, legalChange(legal));
}

/** The ERP customer for orders with no customer, no name and no email: the one the merchant named, else one made on first need and kept. */
async function anonymousCustomer(target: TargetErp): Promise<ErpRecordId<"customer">> {
  if (target.booking.anonymousCustomerId) return erpRecordId("customer", target.booking.anonymousCustomerId);
  // Found by its own reference: made by an export that ran meanwhile, or when Ponte lost its id (a new connection to
  // the same ERP). Kept on the ERP's connection with the sale (recordSaleBooked).
  const customer =
    (await target.erp.findCustomer({ externalRef: ANONYMOUS_CUSTOMER_REF })) ??
    (await target.erp.createCustomer({
      name: ANONYMOUS_CUSTOMER_NAME,
      email: null,
      phone: null,
      externalRef: ANONYMOUS_CUSTOMER_REF,
      addresses: [],
    }));
  target.booking.anonymousCustomerId = customer.id;
  target.anonymousFound = customer.id;
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

async function resolveArticles(target: TargetErp): Promise<Map<string, ErpRecordId<"article">>> {
  const { erp, lines, known } = target;
  const ids = new Map<string, ErpRecordId<"article">>();
  for (const line of lines) {
    const key = articleLinkKey(line);
    const linked = key ? (known.articles.get(key) ?? null) : null;
    const articleId =
      linked ??
      (await erp.findArticleBySku(line.sku))?.id ??
      (
        await erp.createArticle({
          sku: line.sku,
          name: line.service ? SERVICE_ARTICLE_NAMES[line.service] : line.title,
          listPrice: line.service ? "0" : line.unitPrice,
          service: line.service !== null,
        })
      ).id;
    if (key && !linked) {
      target.found.push({ entity: "article", shopifyId: key, externalId: articleId });
      known.articles.set(key, articleId);
    }
    ids.set(line.key, articleId);
  }
  return ids;
}
