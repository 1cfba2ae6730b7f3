/**
 * One Shopify order -> exactly one ERP sales order. The fixed steps:
 * skip? -> lock -> already exported? -> found in the ERP by reference? ->
 * customer -> articles -> create -> bind.
 *
 * Exactly once: the order's link (shop, order) is unique; a transaction-level
 * advisory lock keeps two workers off the same order at once (the second
 * gets RetryableError); and before creating, the ERP is asked for a sale with
 * the order's reference, so a crash between the ERP's answer and our commit
 * cannot make a second sale.
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { bind, toExternal, type LinkKey } from "../../bindings/binder.server";
import type { ErpConnector } from "../../erp/erp-connector";
import { PermanentError, RetryableError } from "../../errors";
import { articleSkuFor, exportDecision, toErpAddress, toErpSalesOrder } from "./order-to-erp.mapper";
import type { ShopifyOrder } from "./shopify-order";

export type ExportOutcome =
  | { status: "exported"; erpOrderId: string; erpNumber: string; recovered: boolean }
  | { status: "already-exported"; erpOrderId: string }
  | { status: "skipped"; reason: string }
  | { status: "waiting"; reason: string };

export interface ExportDependencies {
  db: PrismaClient;
  erp: ErpConnector;
}

const link = (shop: string, entity: LinkKey["entity"]): LinkKey => ({ shop, system: "erp", entity });

export async function exportOrderToErp({ db, erp }: ExportDependencies, shop: string, order: ShopifyOrder): Promise<ExportOutcome> {
  const settings = await db.shopSettings.findUnique({ where: { shop } });
  const decision = exportDecision(order, settings?.ordersToErp === "all" ? "all" : "paid");
  if (decision !== "export") {
    const outcome: ExportOutcome =
      decision === "skip-cancelled" ? { status: "skipped", reason: "cancelled before export" } : { status: "waiting", reason: "waiting for payment" };
    await recordState(db, shop, order, { status: outcome.status === "skipped" ? "skipped" : "waiting", reason: outcome.reason }, true);
    return outcome;
  }

  return db.$transaction(
    async (tx) => {
      const lock = await tx.$queryRaw<Array<{ locked: boolean }>>`select pg_try_advisory_xact_lock(${lockKey(shop, order.id)}) as locked`;
      if (!lock[0]?.locked) throw new RetryableError(`order ${order.name} is being exported by another worker`);

      const known = await toExternal(tx as PrismaClient, link(shop, "order"), order.id);
      if (known) return { status: "already-exported", erpOrderId: known } as const;

      const existing = await erp.findSalesOrderByReference(order.name);
      const sale =
        existing ??
        (await erp.createSalesOrder(
          toErpSalesOrder(order, {
            customerId: await resolveCustomer(tx as PrismaClient, erp, shop, order),
            articleIds: await resolveArticles(tx as PrismaClient, erp, shop, order),
          }),
        ));
      await bind(tx as PrismaClient, link(shop, "order"), order.id, sale.id);
      await recordState(tx as PrismaClient, shop, order, { status: "exported", erpOrderId: sale.id, erpNumber: sale.number, reason: null }, true);
      return { status: "exported", erpOrderId: sale.id, erpNumber: sale.number, recovered: existing !== null } as const;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

async function resolveCustomer(db: PrismaClient, erp: ErpConnector, shop: string, order: ShopifyOrder): Promise<string> {
  const shopifyCustomer = order.customer?.id ?? null;
  if (shopifyCustomer) {
    const linked = await toExternal(db, link(shop, "customer"), shopifyCustomer);
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
      addresses: [toErpAddress(order.shippingAddress)].filter((a) => a !== null),
    }));
  // A guest checkout has no Shopify customer: it is matched by email each time instead.
  if (shopifyCustomer) await bind(db, link(shop, "customer"), shopifyCustomer, customer.id);
  return customer.id;
}

function customerName(order: ShopifyOrder): string {
  const fromCustomer = `${order.customer?.firstName ?? ""} ${order.customer?.lastName ?? ""}`.trim();
  const name = fromCustomer || order.shippingAddress?.name || order.email || "";
  if (!name) throw new PermanentError(`order ${order.name} has no customer, no name and no email: the ERP needs one of them`);
  return name;
}

async function resolveArticles(db: PrismaClient, erp: ErpConnector, shop: string, order: ShopifyOrder): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const line of order.lines) {
    const sku = articleSkuFor(line);
    const linked = line.variantId ? await toExternal(db, link(shop, "article"), line.variantId) : null;
    const articleId = linked ?? (await erp.findArticleBySku(sku))?.id ?? (await erp.createArticle({ sku, name: line.title, listPrice: line.price })).id;
    if (line.variantId && !linked) await bind(db, link(shop, "article"), line.variantId, articleId);
    ids.set(line.id, articleId);
  }
  return ids;
}

async function recordState(
  db: PrismaClient,
  shop: string,
  order: ShopifyOrder,
  state: { status: string; reason: string | null; erpOrderId?: string; erpNumber?: string },
  countAttempt: boolean,
): Promise<void> {
  await db.orderExport.upsert({
    where: { shop_orderId: { shop, orderId: order.id } },
    create: { shop, orderId: order.id, orderName: order.name, ...state, attempts: countAttempt ? 1 : 0 },
    update: { orderName: order.name, ...state, ...(countAttempt ? { attempts: { increment: 1 } } : {}) },
  });
}

/** A 64-bit advisory lock key for (shop, order). */
function lockKey(shop: string, orderId: string): bigint {
  return createHash("sha256").update(`${shop}|${orderId}`).digest().readBigInt64BE(0);
}
