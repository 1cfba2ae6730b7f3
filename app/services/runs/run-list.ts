/** The Activity page's words, shared by the server and the browser: run kinds, statuses, and the list query. */
import { z } from "zod";

export const RUN_KINDS: Record<string, string> = {
  "import-orders": "Import orders",
  "customers-sync": "Sync customers",
  "erp-statuses": "Sync statuses",
};

export const RUN_STATUSES = ["running", "completed", "failed", "cancelled"] as const;

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
