import { Badge } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { OrderSyncRow } from "../../services/sync/orders/order-sync-states";

const TONES: Record<OrderSyncRow["state"], "success" | "critical" | "warning" | "attention" | "info" | undefined> = {
  queued: "info",
  waiting: "attention",
  retrying: "warning",
  failed: "critical",
  exported: "success",
  skipped: undefined,
};

export function OrderSyncBadge({ state }: { state: OrderSyncRow["state"] }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[state]}>{t(`orders.state.${state}`)}</Badge>;
}
