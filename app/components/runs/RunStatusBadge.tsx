import { Badge } from "@shopify/polaris";
import type { RunRow } from "../../services/runs/run-list";

const STATUS_TONE = {
  queued: "attention",
  running: "info",
  waiting: "attention",
  completed: "success",
  failed: "critical",
  cancelled: "warning",
  skipped: undefined,
} as const;

export const statusLabel = (status: string) => status.charAt(0).toUpperCase() + status.slice(1);

export function RunStatusBadge({ status }: { status: RunRow["status"] }) {
  return <Badge tone={STATUS_TONE[status]}>{statusLabel(status)}</Badge>;
}

export const triggerLabel = (trigger: string) => (trigger === "manual" ? "By hand" : trigger === "schedule" ? "Scheduled" : "Built-in");

/** Counts in reading order (the database keeps JSON keys in its own order): what was read, what was done, what failed. */
const COUNT_ORDER = [
  "read",
  "compared",
  "checked",
  "linked",
  "created",
  "updated",
  "changed",
  "applied",
  "queued",
  "queuedForErp",
  "products read",
  "not in the ERP",
  "skipped",
  "flagged",
  "failed",
];
const rank = (key: string) => (COUNT_ORDER.includes(key) ? COUNT_ORDER.indexOf(key) : COUNT_ORDER.indexOf("skipped") - 0.5);

export const runResult = (run: Pick<RunRow, "error" | "counts">) =>
  run.error ??
  (run.counts
    ? Object.entries(run.counts)
        .sort(([a], [b]) => rank(a) - rank(b))
        .map(([key, value]) => `${value} ${key}`)
        .join(", ")
    : "—");
