/**
 * The work a job, a schedule or a play button runs for a shop, each as one
 * recorded run (see runs/job-runs) of its kind: import orders, sync
 * customers, sync statuses, send orders to the POS, the first product sync,
 * push stock, refresh products, full resync, recalculate prices. A run of a kind already
 * going for the shop is recorded as skipped, never doubled. A kind whose
 * system is not connected does nothing: no run at all when a job or a
 * schedule starts it, a skipped run with the reason when the merchant did.
 */
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { SecretBox } from "../crypto/secret-box.server";
import { firstProductSync } from "../catalog/first-product-sync.server";
import { catalogSourcesForShop } from "../catalog/catalog-sources.server";
import { applyListingRulesFromSource } from "../catalog/listing-rules.server";
import { refreshProducts } from "../catalog/product-refresh.server";
import { pushStockFromSources } from "../catalog/stock-push.server";
import { erpRoutesForShop, erpsForShop, type ShopErp } from "../erp/erp-connections.server";
import { recalculatePrices } from "../pricing/price-recalculation.server";
import { recordSkippedRun, RunAlreadyRunning, runTracked, type FinishedRun, type RunCounts, type RunHandle, type RunTrigger } from "../runs/job-runs.server";
import { runKindLabel, type RunKind } from "../runs/run-list";
import { ShopifyOrderActions } from "../shopify/order-status.adapter.server";
import { adminClientForShop } from "../shopify/shop-admin-client.server";
import { syncCustomers, type CustomerSyncMode, type CustomerSyncOutcome } from "./customers/sync-customers.server";
import { ordersAwaitingExport, ordersGoingTo } from "./orders/orders-awaiting-export.server";
import { claimTotalsDifferences, totalsDifferenceFailure } from "./orders/totals-differences.server";
import { recheckPendingPayments } from "./orders/recheck-pending-payments.server";
import { ordersAwaitingPos } from "./pos/dispatch-snapshot-to-pos.server";
import { reconcileOrders } from "./reconcile/reconcile-orders.server";
import { reconcileProducts } from "./reconcile/reconcile-products.server";
import { syncErpStatuses } from "./statuses/sync-erp-statuses.server";

export interface ActionDependencies {
  db: PrismaClient;
  box: SecretBox | null;
  sessions: SessionStorage;
  /** Queues an order's export to the ERP. */
  enqueueExport: (shop: string, orderId: string) => Promise<void>;
  /** Queues an order's dispatch to the POS. */
  enqueuePosDispatch: (shop: string, orderId: string) => Promise<void>;
  /** Told of every run that ended (alerts). */
  onRunFinished?: (run: FinishedRun) => Promise<void>;
}

export interface RunContext {
  trigger: RunTrigger;
  /** The "queued" run row made when the merchant pressed play. */
  queuedRunId?: string;
  /** Keeps the job's queue lock alive while a long run works. */
  keepAlive?: () => Promise<unknown>;
  /** Customer sync: every linked customer ("all") or those changed since the last run. */
  customers?: CustomerSyncMode;
  /** POS: also orders whose dispatch failed before. */
  includeFailedPos?: boolean;
  /** Push stock: only the locations fed by these sale points (a schedule's filter). */
  salePointIds?: string[];
  /** Import orders, sync customers, sync statuses: only with these ERPs (a schedule's filter); empty or absent: every ERP. */
  erpConnectionIds?: string[];
  /** Full resync: images sent again even where they did not change. */
  forceImages?: boolean;
}

type Prepared = { work: (run: RunHandle) => Promise<RunCounts> } | { unavailable: string };

/** Runs one kind of work for the shop as a recorded run. */
export async function runAction(deps: ActionDependencies, shop: string, kind: RunKind, context: RunContext): Promise<void> {
  const prepared = await prepare(deps, shop, kind, context);
  const identity = { shop, kind, trigger: context.trigger, queuedRunId: context.queuedRunId };
  if ("unavailable" in prepared) {
    if (context.queuedRunId) await recordSkippedRun(deps.db, identity, prepared.unavailable);
    return;
  }
  try {
    await runTracked(deps.db, { ...identity, keepAlive: context.keepAlive, onFinished: deps.onRunFinished }, prepared.work);
  } catch (error) {
    if (!(error instanceof RunAlreadyRunning)) throw error;
    await recordSkippedRun(deps.db, identity, `${runKindLabel(kind)} was already running for this shop`);
  }
}

async function prepare(deps: ActionDependencies, shop: string, kind: RunKind, context: RunContext): Promise<Prepared> {
  if (kind === "import-orders") return { work: (run) => importOrders(deps, shop, run, context.erpConnectionIds ?? []) };
  if (kind === "pos-dispatch") {
    if (!(await deps.db.posConnection.findUnique({ where: { shop }, select: { shop: true } }))) return { unavailable: "no POS is connected" };
    return {
      work: async (run) => {
        const pending = await ordersAwaitingPos(deps.db, shop, { includeFailed: context.includeFailedPos ?? false });
        for (const orderId of pending) await deps.enqueuePosDispatch(shop, orderId);
        await run.log(`${pending.length} order${pending.length === 1 ? "" : "s"} queued for the sale points.`);
        return { queued: pending.length };
      },
    };
  }
  if (kind === "product-sync" || kind === "stock-push" || kind === "product-refresh" || kind === "full-resync" || kind === "recalculate-prices") {
    if (!deps.box) return { unavailable: "no encryption key is set, so no source can be read" };
    const sources = await catalogSourcesForShop(deps.db, deps.box, shop);
    if ("unavailable" in sources) return sources;
    const source = sources.products;
    if (kind === "product-sync") return { work: async (run) => firstProductSync({ db: deps.db, source, client: await adminClientForShop(deps.sessions, shop) }, shop, run) };
    const sync = await deps.db.catalogSync.findUnique({ where: { shop }, select: { firstSync: true } });
    if (sync?.firstSync !== "completed") return { unavailable: "the first product sync has not completed yet" };
    if (kind === "recalculate-prices") return { work: async (run) => recalculatePrices({ db: deps.db, source, client: await adminClientForShop(deps.sessions, shop) }, shop, run) };
    if (kind === "stock-push") return { work: async (run) => pushStockFromSources({ db: deps.db, sources, client: await adminClientForShop(deps.sessions, shop) }, shop, run, context.salePointIds ?? []) };
    const mode = { full: kind === "full-resync", forceImages: context.forceImages ?? false };
    return { work: async (run) => refreshProducts({ db: deps.db, source, client: await adminClientForShop(deps.sessions, shop) }, shop, run, mode) };
  }
  const all = deps.box ? await erpsForShop(deps.db, deps.box, shop) : [];
  const only = context.erpConnectionIds ?? [];
  const erps = only.length > 0 ? all.filter((erp) => only.includes(erp.id)) : all;
  if (erps.length === 0) return { unavailable: only.length > 0 ? "none of the schedule's ERPs is connected any more" : "no ERP is connected" };
  // With several ERPs, each log line says which one it is about.
  const several = all.length > 1;
  const named = (erp: ShopErp, text: string) => (several ? `${erp.name}: ${text}` : text);
  if (kind === "customers-sync") {
    const mode = context.customers ?? "changed";
    return {
      work: async (run) => {
        await run.log(mode === "all" ? "Updating every linked customer." : "Updating customers changed since the last run.");
        const counts = (outcome: CustomerSyncOutcome) => ({ read: outcome.read, updated: outcome.updated, "not in the ERP": outcome.notLinked, failed: outcome.failed });
        const client = await adminClientForShop(deps.sessions, shop);
        const total: CustomerSyncOutcome = { read: 0, updated: 0, notLinked: 0, failed: 0 };
        for (const erp of erps) {
          const before = { ...total };
          const outcome = await syncCustomers(
            { db: deps.db, erp: erp.connector, erpId: erp.id, client },
            shop,
            mode,
            new Date(),
            async (soFar) => {
              await run.report(counts(sum(before, soFar)));
              await run.checkCancelled();
            },
            (failure) => run.log(named(erp, `Customer ${failure.email ?? failure.customerId} not updated: ${failure.reason}`), "error"),
          );
          Object.assign(total, sum(before, outcome));
          if (several) await run.log(named(erp, `${outcome.updated} customer${outcome.updated === 1 ? "" : "s"} updated.`));
        }
        return counts(total);
      },
    };
  }
  return {
    work: async (run) => {
      const client = await adminClientForShop(deps.sessions, shop);
      const statuses = { checked: 0, applied: 0, flagged: 0 };
      for (const erp of erps) {
        const outcome = await syncErpStatuses({ db: deps.db, erp: erp.connector, erpId: erp.id, store: new ShopifyOrderActions(client) }, shop, undefined, (flagged) =>
          run.log(named(erp, `Order ${flagged.orderName ?? "?"}: ${flagged.flag}`), "warning"),
        );
        statuses.checked += outcome.checked;
        statuses.applied += outcome.applied;
        statuses.flagged += outcome.flagged;
        if (several) await run.log(named(erp, `${outcome.checked} order${outcome.checked === 1 ? "" : "s"} checked, ${outcome.applied} change${outcome.applied === 1 ? "" : "s"} carried to Shopify.`));
        await run.checkCancelled();
      }
      const payments = await recheckPendingPayments(deps.db, client, shop, deps.enqueueExport);
      // Sales booked with other totals than Shopify's since the last run: named here, and the run fails to raise the alert.
      const differences = await claimTotalsDifferences(deps.db, shop);
      for (const difference of differences) await run.log(`Order ${difference.orderName}: ${difference.flag}`, "warning");
      if (differences.length > 0) throw totalsDifferenceFailure(differences);
      return { ...statuses, paymentsChecked: payments.checked, newlyPaid: payments.changed };
    },
  };
}

function sum(a: CustomerSyncOutcome, b: CustomerSyncOutcome): CustomerSyncOutcome {
  return { read: a.read + b.read, updated: a.updated + b.updated, notLinked: a.notLinked + b.notLinked, failed: a.failed + b.failed };
}

/** Pulls what changed in Shopify since the watermark (orders, then products), and queues what the ERP still lacks. */
async function importOrders(deps: ActionDependencies, shop: string, run: RunHandle, erpIds: string[]): Promise<RunCounts> {
  let counts: RunCounts;
  try {
    const client = await adminClientForShop(deps.sessions, shop);
    const orders = await reconcileOrders(deps.db, client, shop);
    await run.progress(50);
    await run.checkCancelled();
    const products = await reconcileProducts(deps.db, client, shop);
    await run.log(`${orders.read} order${orders.read === 1 ? "" : "s"} and ${products.read} product${products.read === 1 ? "" : "s"} read from Shopify.`);
    counts = { read: orders.read, updated: orders.applied, "products read": products.read };
    // The listing rules run after each order import too, once the catalog is in sync with its source.
    const sources = deps.box && (await deps.db.catalogSync.findUnique({ where: { shop }, select: { shop: true } })) ? await catalogSourcesForShop(deps.db, deps.box, shop) : null;
    const listing = sources && !("unavailable" in sources) ? await applyListingRulesFromSource({ db: deps.db, client, source: sources.products }, shop, run) : null;
    if (listing) counts = { ...counts, ...listing };
  } finally {
    // What the webhooks and this pass brought, and anything an earlier crash left behind, goes to the ERP even if Shopify failed.
    const queued = await queueExports(deps, shop, erpIds);
    if (queued.length > 0) await run.log(`${queued.length} order${queued.length === 1 ? "" : "s"} queued for the ERP${erpIds.length > 0 ? ` (only those going to ${await erpNames(deps, shop, erpIds)})` : ""}.`);
  }
  return counts;
}

async function queueExports(deps: ActionDependencies, shop: string, erpIds: string[]): Promise<string[]> {
  const awaiting = await ordersAwaitingExport(deps.db, shop);
  const queued = erpIds.length > 0 ? await ordersGoingTo(deps.db, shop, awaiting, erpIds) : awaiting;
  for (const orderId of queued) await deps.enqueueExport(shop, orderId);
  return queued;
}

async function erpNames(deps: ActionDependencies, shop: string, erpIds: string[]): Promise<string> {
  const routes = await erpRoutesForShop(deps.db, shop);
  return routes.filter((route) => erpIds.includes(route.id)).map((route) => route.name).join(", ") || "ERPs no longer connected";
}
