/**
 * What every run kind's file gives (see index.server.ts): how to prepare one run for a shop, either the work to run
 * as a recorded run, or why it cannot run now (its system is not connected). Wiring and availability only; the
 * work itself is the use cases'.
 */
import type { PrismaClient } from "@prisma/client";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import type { SecretBox } from "../../crypto/secret-box.server";
import type { FinishedRun, RunCounts, RunHandle, RunSchedule, RunTrigger } from "../../runs/job-runs.server";
import type { CustomerSyncMode } from "../customers/sync-customers.server";
import type { ErpConnectionId, SalePointId, ShopDomain } from "../../ids";
import type { RunKind } from "../../runs/run-list";

export interface ActionDependencies {
  db: PrismaClient;
  box: SecretBox | null;
  sessions: SessionStorage;
  /** Queues an order's export to the ERP. */
  enqueueExport: (shop: ShopDomain, orderId: string) => Promise<void>;
  /** Queues an order's dispatch to the POS. */
  enqueuePosDispatch: (shop: ShopDomain, orderId: string) => Promise<void>;
  /** Starts a run of this kind again at `at` (a run that waited at an outside system's limit). */
  resumeLater: (shop: ShopDomain, kind: RunKind, at: Date) => Promise<void>;
  /** Told of every run that ended (alerts). */
  onRunFinished?: (run: FinishedRun) => Promise<void>;
}

export interface RunContext {
  trigger: RunTrigger;
  /** The schedule that started the run, by its time or its play button. */
  schedule?: RunSchedule;
  /** The "queued" run row made when the merchant pressed play. */
  queuedRunId?: string;
  /** Keeps the job's queue lock alive while a long run works. */
  keepAlive?: () => Promise<unknown>;
  /** Customer sync: every linked customer ("all") or those changed since the last run. */
  customers?: CustomerSyncMode;
  /** POS: also orders whose dispatch failed before. */
  includeFailedPos?: boolean;
  /** Push stock: only the locations fed by these sale points (a schedule's filter). */
  salePointIds?: SalePointId[];
  /** Import orders, sync customers, sync statuses: only with these ERPs (a schedule's filter); empty or absent: every ERP. */
  erpConnectionIds?: ErpConnectionId[];
  /** Full resync: images sent again even where they did not change. */
  forceImages?: boolean;
}

export type Prepared = { work: (run: RunHandle) => Promise<RunCounts> } | { unavailable: string };

export type PrepareRun = (deps: ActionDependencies, shop: ShopDomain, context: RunContext) => Promise<Prepared>;
