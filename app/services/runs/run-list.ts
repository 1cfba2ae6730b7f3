/** The Activity page's words, shared by the server and the browser: run kinds, statuses, and the list query. */
import { z } from "zod";

export const RUN_KINDS = {
  "import-orders": "Import orders",
  "customers-sync": "Sync customers",
  "erp-statuses": "Sync statuses",
  "pos-dispatch": "Send orders to POS",
  "product-sync": "Product sync",
  "stock-push": "Push stock",
  "product-refresh": "Refresh products",
  "full-resync": "Full resync",
  "recalculate-prices": "Recalculate prices",
} as const;
export type RunKind = keyof typeof RUN_KINDS;
export const RUN_KIND_IDS = Object.keys(RUN_KINDS) as [RunKind, ...RunKind[]];

export const runKindLabel = (kind: string) => (RUN_KINDS as Record<string, string>)[kind] ?? kind;

export const RUN_STATUSES = ["queued", "running", "completed", "failed", "cancelled", "skipped"] as const;

export const runListQuerySchema = z.object({
  kind: z.string().max(40).optional().default(""),
  status: z.enum(["", ...RUN_STATUSES]).optional().default(""),
  since: z.enum(["", "1d", "7d", "30d"]).optional().default(""),
});
export type RunListQuery = z.infer<typeof runListQuerySchema>;

export interface RunRow {
  id: string;
  kind: string;
  trigger: string;
  status: (typeof RUN_STATUSES)[number];
  startedAt: string;
  finishedAt: string | null;
  progress: number | null;
  counts: Record<string, number> | null;
  error: string | null;
  log: Array<{ at: string; level: string; message: string }>;
}
