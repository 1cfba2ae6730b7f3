import { Badge } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { RunRow } from "../../services/runs/run-list";
import { runWords } from "../../services/runs/run-words";

export { runWords };

const STATUS_TONE = {
  queued: "attention",
  running: "info",
  waiting: "attention",
  completed: "success",
  failed: "critical",
  cancelled: "warning",
  skipped: undefined,
} as const;

export function RunStatusBadge({ status }: { status: RunRow["status"] }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`runs.status.${status}`)}</Badge>;
}

export function useRunWords() {
  const { t } = useTranslation();
  return runWords(t);
}
