import { Badge } from "@shopify/polaris";
import type { RunRow } from "../../services/runs/run-list";

const STATUS_TONE = { queued: "attention", running: "info", completed: "success", failed: "critical", cancelled: "warning", skipped: undefined } as const;

export const statusLabel = (status: string) => status.charAt(0).toUpperCase() + status.slice(1);

export function RunStatusBadge({ status }: { status: RunRow["status"] }) {
  return <Badge tone={STATUS_TONE[status]}>{statusLabel(status)}</Badge>;
}

export const triggerLabel = (trigger: string) => (trigger === "manual" ? "By hand" : trigger === "schedule" ? "Scheduled" : "Built-in");

export const runResult = (run: Pick<RunRow, "error" | "counts">) =>
  run.error ?? (run.counts ? Object.entries(run.counts).map(([key, value]) => `${value} ${key}`).join(", ") : "—");
