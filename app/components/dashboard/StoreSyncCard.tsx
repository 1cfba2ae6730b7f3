import { CardHeading } from "./CardHeading";
import { Badge, BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { storeSyncState, type StoreSyncOverview } from "../../services/dashboard/store-sync-state";
import type { Formatter } from "../../i18n/format";

function StateBadge({ sync }: { sync: StoreSyncOverview }) {
  const { t } = useTranslation();
  switch (storeSyncState(sync)) {
    case "failed":
      return <Badge tone="critical">{t("dashboard.badge.failed", { count: sync.inbox.failed })}</Badge>;
    case "behind":
      return <Badge tone="warning">{t("dashboard.badge.behind")}</Badge>;
    case "unchecked":
      return <Badge tone="attention">{t("dashboard.badge.notCheckedRecently")}</Badge>;
    default:
      return <Badge tone="success">{t("dashboard.badge.upToDate")}</Badge>;
  }
}

export function StoreSyncCard({ sync, format }: { sync: StoreSyncOverview; format: Formatter }) {
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading title={t("dashboard.sync.title")} badge={<StateBadge sync={sync} />} />
        <Text as="p">
          {t("dashboard.sync.received", {
            orders: t("dashboard.sync.orders", { count: sync.orders }),
            products: t("dashboard.sync.products", { count: sync.products }),
          })}
        </Text>
        <Text as="p" tone="subdued">
          {t("dashboard.sync.webhooks", { processed: sync.inbox.processed, waiting: sync.inbox.waiting, failed: sync.inbox.failed })}
        </Text>
        <Text as="p" tone="subdued">
          <span suppressHydrationWarning>
            {sync.lastReconciledUpTo
              ? t("dashboard.sync.checkedUpTo", { when: format.dateTime(sync.lastReconciledUpTo) })
              : t("dashboard.sync.notChecked")}
          </span>
        </Text>
      </BlockStack>
    </Card>
  );
}
