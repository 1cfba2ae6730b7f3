/** The Activity page's words, shared by the server and the browser: run kinds, statuses, and the list query. */
import { z } from "zod";
import { RUN_KIND_IDS, RUN_KIND_REGISTRY, type RunKind } from "./run-kind-registry";

/** Each run kind's label, from the registry (run-kind-registry.ts). */
export const RUN_KINDS = Object.fromEntries(RUN_KIND_IDS.map((kind) => [kind, RUN_KIND_REGISTRY[kind].label])) as Record<RunKind, string>;
export type { RunKind };
export { RUN_KIND_IDS };

export const runKindLabel = (kind: string) => (RUN_KINDS as Record<string, string>)[kind] ?? kind;

/** waiting: stopped at an outside system's limit (Shopify's new variants a day), to start again by itself. */
export const RUN_STATUSES = ["queued", "running", "waiting", "completed", "failed", "cancelled", "skipped"] as const;

export const runListQuerySchema = z.object({
  kind: z.string().max(40).optional().default(""),
  status: z
    .enum(["", ...RUN_STATUSES])
    .optional()
    .default(""),
  since: z.enum(["", "1d", "7d", "30d"]).optional().default(""),
  /** Only the runs one schedule started. */
  schedule: z.string().max(40).optional().default(""),
});
export type RunListQuery = z.infer<typeof runListQuerySchema>;

export interface RunRow {
  id: string;
  kind: string;
  trigger: string;
  /** The schedule that started it (by time or by play), and its name then. */
  scheduleId: string | null;
  scheduleName: string | null;
  status: (typeof RUN_STATUSES)[number];
  startedAt: string;
  finishedAt: string | null;
  progress: number | null;
  counts: Record<string, number> | null;
  error: string | null;
  /** The log's last lines (at most 500), oldest first. */
  log: Array<{ at: string; level: string; message: string; key?: string; params?: Record<string, string | number> }>;
  /** How many earlier lines the log has that `log` leaves out. */
  logOmitted: number;
}
