/**
 * A merchant's schedule as the form gives it, shared by the browser (live
 * preview) and the server (saving): a name, the actions, and when. Only
 * actions whose system is connected are offered.
 */
import { z } from "zod";
import type { RunKind } from "../runs/run-list";
import { scheduleWhenSchema } from "./recurrence";

export const SCHEDULE_ACTIONS = {
  "import-orders": "Import orders",
  "sync-customers": "Sync customers",
  "sync-statuses": "Sync statuses",
  "push-stock": "Push stock",
  "refresh-products": "Refresh products",
  "full-resync": "Full resync",
  "recalculate-prices": "Recalculate prices",
} as const;
export type ScheduleAction = keyof typeof SCHEDULE_ACTIONS;

/** The kind of run each action makes (its runs never overlap those of a built-in job of the same kind). */
export const RUN_KIND_OF_ACTION: Record<ScheduleAction, RunKind> = {
  "import-orders": "import-orders",
  "sync-customers": "customers-sync",
  "sync-statuses": "erp-statuses",
  "push-stock": "stock-push",
  "refresh-products": "product-refresh",
  "full-resync": "full-resync",
  "recalculate-prices": "recalculate-prices",
};

export const scheduleInputSchema = z.object({
  name: z.string().trim().min(1, "Name the schedule").max(80),
  actions: z.array(z.enum(Object.keys(SCHEDULE_ACTIONS) as [ScheduleAction, ...ScheduleAction[]])).min(1, "Choose at least one action"),
  when: scheduleWhenSchema,
  /** Push stock: only the Shopify locations fed by these sale points (empty: all). */
  salePointIds: z.array(z.string().min(1)).max(200).optional().default([]),
  /** Import orders, sync customers, sync statuses: only with these ERPs (empty: every ERP). */
  erpConnectionIds: z.array(z.string().min(1)).max(50).optional().default([]),
});

/** The actions a schedule's ERP filter applies to. */
export const ERP_ACTIONS: readonly ScheduleAction[] = ["import-orders", "sync-customers", "sync-statuses"];
export type ScheduleInput = z.infer<typeof scheduleInputSchema>;

/** "09:00, 18:30" -> ["09:00", "18:30"]; "1, 15" -> [1, 15]. */
export const splitList = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
