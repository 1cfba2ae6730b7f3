import { Link } from "@remix-run/react";
import { Banner, BlockStack } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { OpenAlert } from "../../services/runs/run-alerts.server";
import { useShopFormatter } from "../../i18n/use-locale";
import { runWords } from "./RunStatusBadge";

/** Every open failure streak: what fails, since when (in the shop's zone), why, and whether the merchant was emailed. */
export function AlertBanners({ alerts }: { alerts: OpenAlert[] }) {
  const { t } = useTranslation();
  const words = runWords(t);
  const format = useShopFormatter();
  if (alerts.length === 0) return null;
  return (
    <BlockStack gap="200">
      {alerts.map((alert) => (
        <Banner key={alert.kind} tone="critical" title={t("runs.alert.title", { name: words.kind(alert.kind), count: alert.failures })}>
          <BlockStack gap="100">
            <p>{words.error(alert.lastError)}</p>
            <p>
              <span suppressHydrationWarning>{`${t("runs.alert.since", { when: format.dateTime(alert.since) })} `}</span>
              {alert.emailed ? `${t("runs.alert.emailed")} ` : alert.emailError ? `${t("runs.alert.noEmail", { reason: alert.emailError })} ` : ""}
              <Link to={`/app/runs/${alert.lastFailedRunId}`}>{t("runs.alert.lastFailedRun")}</Link>
            </p>
          </BlockStack>
        </Banner>
      ))}
    </BlockStack>
  );
}
