import { CardHeading } from "./CardHeading";
import { Badge, BlockStack, Card, Text } from "@shopify/polaris";
import type { DatabaseHealth } from "../../services/health/database-health.server";
import { useTranslation } from "react-i18next";

export function DatabaseCard({ database }: { database: DatabaseHealth }) {
  const { t } = useTranslation();
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading
          title={t("dashboard.database.title")}
          badge={
            database.ok ? (
              <Badge tone="success">{t("dashboard.badge.healthy")}</Badge>
            ) : (
              <Badge tone="critical">{t("dashboard.badge.unavailable")}</Badge>
            )
          }
        />
        <Text as="p">{database.kind === "embedded" ? t("dashboard.database.embedded") : t("dashboard.database.external")}</Text>
        {database.ok ? (
          <Text as="p" tone="subdued">
            {t("dashboard.database.details", { version: database.serverVersion, ms: database.latencyMs, count: database.migrationsApplied })}
          </Text>
        ) : (
          <Text as="p" tone="critical">
            {database.error}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
