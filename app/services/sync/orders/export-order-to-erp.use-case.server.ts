/**
 * One Shopify order -> exactly one ERP sales order, kept in step afterwards.
 * The fixed steps, under a per-order lock:
 *   already linked? -> revise it (cancel, or carry an edit over) ->
 *   else: should it go yet? -> found in the ERP by reference? ->
 *   customer -> articles -> create -> bind.
 *
 * Exactly once: the order's link (shop, order) is unique; a transaction-level
 * advisory lock keeps two workers off the same order at once (the second
 * gets OrderBusyError, a RetryableError); and before creating, the ERP is
 * asked for a sale with the order's reference, so a crash between the ERP's
 * answer and our commit cannot make a second sale.
 *
 * Never a duplicate customer or article: two orders of one new customer (or
 * with one new SKU) exported at once would each find nothing and create one.
 * Before resolving them, the export waits for locks named by the customer's
 * email and Shopify id and by each SKU, held until its transaction ends; the
 * second order then finds what the first one created and linked.
 */
import type { OrderExport, PrismaClient } from "@prisma/client";
import { transactionLocks, tryTransactionLock } from "../../database/transaction-lock.server";
import { bind, erpLinkSystem, toExternal, type LinkKey } from "../../bindings/binder.server";
import { ErpRefusedError, type ErpConnector } from "../../erp/erp-connector";
import type { ErpAddress } from "../../erp/erp.types";
import { PermanentError, RetryableError } from "../../errors";
import { erpContentDigest, erpLinesOf, exportDecision, SHIPPING_SKU, toErpAddress, toErpSalesOrder } from "./order-to-erp.mapper";
import { recordExported, recordFlag, recordPendingState } from "./order-export-states.server";
import { WAITING_FOR_PAYMENT } from "./order-sync-states";
import type { ShopifyOrder } from "./shopify-order";

export type ExportOutcome =
  | { status: "exported"; erpOrderId: string; erpNumber: string; recovered: boolean }
  | { status: "already-exported"; erpOrderId: string }
  | { status: "updated"; erpOrderId: string }
  | { status: "cancelled-in-erp"; erpOrderId: string }
  | { status: "flagged"; erpOrderId: string; flag: string }
  | { status: "skipped"; reason: string }
  | { status: "waiting"; reason: string };

export interface ExportDependencies {
  db: PrismaClient;
  erp: ErpConnector;
  /** Which of the shop's ERPs `erp` is (ErpConnection.id): its links are its own. */
  erpId: string;
}

/** Another worker holds this order right now; retry shortly. */
export class OrderBusyError extends RetryableError {}

type Tx = PrismaClient;

export async function exportOrderToErp({ db, erp, erpId }: ExportDependencies, shop: string, order: ShopifyOrder): Promise<ExportOutcome> {
  const link = (entity: LinkKey["entity"]): LinkKey => ({ shop, system: erpLinkSystem(erpId), entity });
  return db.$transaction(
    async (transaction) => {
      const tx = transaction as Tx;
      if (!(await tryTransactionLock(tx, [shop, order.id]))) throw new OrderBusyError(`order ${order.name} is being exported by another worker`);

      const known = await toExternal(tx, link("order"), order.id);
      if (known) {
        const current = await tx.orderExport.findUnique({ where: { shop_orderId: { shop, orderId: order.id } } });
        return reviseExportedOrder(tx, { erp, link }, shop, order, known, current);
      }

      const settings = await tx.shopSettings.findUnique({ where: { shop } });
      const decision = exportDecision(order, settings?.ordersToErp === "all" ? "all" : "paid");
      if (decision !== "export") {
        const outcome: ExportOutcome =
          decision === "skip-cancelled" ? { status: "skipped", reason: "cancelled before export" } : { status: "waiting", reason: WAITING_FOR_PAYMENT };
        await recordPendingState(tx, shop, order, { status: outcome.status === "skipped" ? "skipped" : "waiting", reason: outcome.reason }, false);
        return outcome;
      }

      const existing = await erp.findSalesOrderByReference(order.name);
      const sale = existing ?? (await erp.createSalesOrder(await erpSalesOrderFor(tx, { erp, link }, shop, order)));
      await bind(tx, link("order"), order.id, sale.id);
      await recordExported(tx, shop, order, sale, erpContentDigest(order), erpId);
      return { status: "exported", erpOrderId: sale.id, erpNumber: sale.number, recovered: existing !== null } as const;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * An order already in the ERP changed in Shopify: a cancellation cancels the
 * ERP sale, an edit to what the sale was made from replaces its lines, each
 * while the ERP allows it; when it refuses, the order is flagged for the
 * merchant instead (and nothing else is touched).
 */
/** One ERP: its connector, and its links in Ponte. */
interface TargetErp {
  erp: ErpConnector;
  link: (entity: LinkKey["entity"]) => LinkKey;
}

async function reviseExportedOrder(tx: Tx, target: TargetErp, shop: string, order: ShopifyOrder, saleId: string, current: OrderExport | null): Promise<ExportOutcome> {
  const { erp } = target;
  const version = new Date(order.updatedAt);
  if (current?.exportedVersion && current.exportedVersion >= version) return { status: "already-exported", erpOrderId: saleId };

  if (order.cancelledAt) {
    if (current?.erpState === "cancelled") return { status: "already-exported", erpOrderId: saleId };
    try {
      const sale = await erp.cancelSalesOrder(saleId);
      await recordFlag(tx, shop, order.id, null, { erpState: sale.state, exportedVersion: version });
      return { status: "cancelled-in-erp", erpOrderId: saleId };
    } catch (error) {
      if (!(error instanceof ErpRefusedError)) throw error;
      const flag = `Cancelled in Shopify, but the ERP keeps its sale ${current?.erpNumber ?? saleId}: ${error.message}. Cancel or return it in the ERP.`;
      await recordFlag(tx, shop, order.id, flag, { exportedVersion: version });
      return { status: "flagged", erpOrderId: saleId, flag };
    }
  }

  const digest = erpContentDigest(order);
  if (current?.exportedDigest === digest) {
    await recordFlag(tx, shop, order.id, current.flag, { exportedVersion: version });
    return { status: "already-exported", erpOrderId: saleId };
  }
  try {
    const sale = await erp.updateSalesOrder(saleId, await erpSalesOrderFor(tx, target, shop, order));
    await recordFlag(tx, shop, order.id, null, { erpState: sale.state, exportedVersion: version });
    await tx.orderExport.update({ where: { shop_orderId: { shop, orderId: order.id } }, data: { exportedDigest: digest } });
    return { status: "updated", erpOrderId: saleId };
  } catch (error) {
    if (!(error instanceof ErpRefusedError)) throw error;
    const flag = `Edited in Shopify after export, but the ERP sale ${current?.erpNumber ?? saleId} can no longer change: ${error.message}. Carry the edit over in the ERP.`;
    await recordFlag(tx, shop, order.id, flag, { exportedVersion: version });
    return { status: "flagged", erpOrderId: saleId, flag };
  }
}

async function erpSalesOrderFor(tx: Tx, target: TargetErp, shop: string, order: ShopifyOrder) {
  await transactionLocks(tx, creationLocks(target.link("customer").system, shop, order));
  return toErpSalesOrder(order, { customerId: await resolveCustomer(tx, target, order), articleIds: await resolveArticles(tx, target, order) });
}

/** The names of what exporting this order may create in this ERP: its customer and its articles. */
function creationLocks(system: string, shop: string, order: ShopifyOrder): string[][] {
  const names: string[][] = erpLinesOf(order).map((line) => ["erp-article", shop, system, line.sku]);
  const email = order.customer?.email ?? order.email;
  if (email) names.push(["erp-customer-email", shop, system, email.toLowerCase()]);
  if (order.customer?.id) names.push(["erp-customer", shop, system, order.customer.id]);
  return names;
}

async function resolveCustomer(db: Tx, { erp, link }: TargetErp, order: ShopifyOrder): Promise<string> {
  const shopifyCustomer = order.customer?.id ?? null;
  if (shopifyCustomer) {
    const linked = await toExternal(db, link("customer"), shopifyCustomer);
    if (linked) return linked;
  }
  const email = order.customer?.email ?? order.email;
  const found = email ? await erp.findCustomer({ email }) : null;
  const customer =
    found ??
    (await erp.createCustomer({
      name: customerName(order),
      email: email ?? null,
      externalRef: shopifyCustomer,
      addresses: distinctAddresses([toErpAddress(order.shippingAddress), toErpAddress(order.billingAddress)]),
    }));
  // A guest checkout has no Shopify customer: it is matched by email each time instead.
  if (shopifyCustomer) await bind(db, link("customer"), shopifyCustomer, customer.id);
  return customer.id;
}

/** Shipping and billing addresses, the second only when it differs. */
function distinctAddresses(addresses: Array<ErpAddress | null>): ErpAddress[] {
  const kept: ErpAddress[] = [];
  for (const address of addresses) {
    if (address && !kept.some((k) => k.street === address.street && k.city === address.city && k.zip === address.zip)) kept.push(address);
  }
  return kept;
}

function customerName(order: ShopifyOrder): string {
  const fromCustomer = `${order.customer?.firstName ?? ""} ${order.customer?.lastName ?? ""}`.trim();
  const name = fromCustomer || order.shippingAddress?.name || order.email || "";
  if (!name) throw new PermanentError(`order ${order.name} has no customer, no name and no email: the ERP needs one of them`);
  return name;
}

async function resolveArticles(db: Tx, { erp, link }: TargetErp, order: ShopifyOrder): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const line of erpLinesOf(order)) {
    const linked = line.variantId ? await toExternal(db, link("article"), line.variantId) : null;
    const articleId =
      linked ?? (await erp.findArticleBySku(line.sku))?.id ?? (await erp.createArticle({ sku: line.sku, name: line.sku === SHIPPING_SKU ? "Shipping" : line.title, listPrice: line.unitPrice })).id;
    if (line.variantId && !linked) await bind(db, link("article"), line.variantId, articleId);
    ids.set(line.key, articleId);
  }
  return ids;
}
