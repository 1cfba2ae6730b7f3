import { Badge } from "@shopify/polaris";
import type { OrderSyncRow } from "../../services/sync/orders/order-sync-states";

const LABELS: Record<OrderSyncRow["state"], { label: string; tone?: "success" | "critical" | "warning" | "attention" | "info" }> = {
  queued: { label: "Queued", tone: "info" },
  waiting: { label: "Waiting", tone: "attention" },
  retrying: { label: "Retrying", tone: "warning" },
  failed: { label: "Failed", tone: "critical" },
  exported: { label: "Exported", tone: "success" },
  skipped: { label: "Not sent" },
};

export function OrderSyncBadge({ state }: { state: OrderSyncRow["state"] }) {
  const { label, tone } = LABELS[state];
  return <Badge tone={tone}>{label}</Badge>;
}
