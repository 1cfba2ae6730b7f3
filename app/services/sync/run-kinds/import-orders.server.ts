/** Import orders: pulls what changed in Shopify since the watermark (orders, then products), and queues what the ERP still lacks. */
import { say } from "../../../i18n/merchant-message";
import { catalogSourcesForShop } from "../../catalog/catalog-sources.server";
import { applyListingRulesFromSource } from "../../catalog/listing-rules.server";
import { erpRoutesForShop } from "../../erp/erp-connections.server";
import type { RunCounts, RunHandle } from "../../runs/job-runs.server";
import { adminClientForShop } from "../../shopify/shop-admin-client.server";
import { ordersAwaitingExport, ordersGoingTo } from "../orders/orders-awaiting-export.server";
import { reconcileOrders } from "../reconcile/reconcile-orders.server";
import { reconcileProducts } from "../reconcile/reconcile-products.server";
import type { ActionDependencies, PrepareRun } from "./run-kind";
import type { ErpConnectionId, ShopDomain } from "../../ids";

export const prepareImportOrders: PrepareRun = async (deps, shop, context) => ({
  work: (run) => importOrders(deps, shop, run, context.erpConnectionIds ?? []),
});

async function importOrders(deps: ActionDependencies, shop: ShopDomain, run: RunHandle, erpIds: ErpConnectionId[]): Promise<RunCounts> {
  let counts: RunCounts;
  try {
    const client = await adminClientForShop(deps.sessions, shop);
    const orders = await reconcileOrders(deps.db, client, shop);
    await run.progress(50);
    await run.checkCancelled();
    const products = await reconcileProducts(deps.db, client, shop);
    await run.log(say("runs.log.import.read", { count: orders.read, products: products.read }));
    counts = { read: orders.read, updated: orders.applied, "products read": products.read };
    // The listing rules run after each order import too, once the catalog is in sync with its source.
    const sources =
      deps.box && (await deps.db.catalogSync.findUnique({ where: { shop }, select: { shop: true } }))
        ? await catalogSourcesForShop(deps.db, deps.box, shop)
        : null;
    const listing =
      sources && !("unavailable" in sources) ? await applyListingRulesFromSource({ db: deps.db, client, source: sources.products }, shop, run) : null;
    if (listing) counts = { ...counts, ...listing };
  } finally {
    // What the webhooks and this pass brought, and anything an earlier crash left behind, goes to the ERP even if Shopify failed.
    const queued = await queueExports(deps, shop, erpIds);
    if (queued.length > 0)
      await run.log(
        erpIds.length > 0
          ? say("runs.log.import.queuedFor", { count: queued.length, erps: await erpNames(deps, shop, erpIds) })
          : say("runs.log.import.queued", { count: queued.length }),
      );
  }
  return counts;
}

async function queueExports(deps: ActionDependencies, shop: ShopDomain, erpIds: ErpConnectionId[]): Promise<string[]> {
  const awaiting = await ordersAwaitingExport(deps.db, shop);
  const queued = erpIds.length > 0 ? await ordersGoingTo(deps.db, shop, awaiting, erpIds) : awaiting;
  for (const orderId of queued) await deps.enqueueExport(shop, orderId);
  return queued;
}

async function erpNames(deps: ActionDependencies, shop: ShopDomain, erpIds: ErpConnectionId[]): Promise<string> {
  const routes = await erpRoutesForShop(deps.db, shop);
  return (
    routes
      .filter((route) => erpIds.includes(route.id))
      .map((route) => route.name)
      .join(", ") || "ERPs no longer connected"
  );
}
