import { BlockStack, Card, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { forwardRef } from "react";
import type { RunRow } from "../../services/runs/run-list";
import { useLocale, useShopFormatter } from "../../i18n/use-locale";
import { describe, type DescribedRule } from "../pricing/describe-rule";
import { runWords } from "./RunStatusBadge";

type LogLine = RunRow["log"][number];

/** A run's log, oldest line first; errors and warnings in their tones; each line in the merchant's language when it was written by key. */
export const RunLog = forwardRef<HTMLDivElement, { run: Pick<RunRow, "log" | "logOmitted">; title: string }>(function RunLog({ run, title }, ref) {
  const { t } = useTranslation();
  const format = useShopFormatter();
  const locale = useLocale();
  const words = runWords(t);
  const text = (entry: LogLine) => {
    if (!entry.key) return entry.message;
    const params: Record<string, string | number> = { ...entry.params };
    // Values the line carries for the page to write out: its counts and its times.
    if (typeof params.countsJson === "string") params.counts = words.result({ error: null, counts: JSON.parse(params.countsJson) });
    if (typeof params.resumeAt === "string") params.at = format.dateTime(params.resumeAt);
    // Why a run failed or was skipped, in the page's language when Ponte wrote it.
    if (typeof params.reason === "string" && (entry.key === "runs.log.skipped" || entry.key === "runs.log.failed"))
      params.reason = words.error(params.reason);
    if (typeof params.ruleJson === "string")
      params.because = params.ruleJson ? describe(t, locale, JSON.parse(params.ruleJson) as DescribedRule) : t("prices.preview.sourcePrice");
    const text = t(entry.key, { ...params, defaultValue: entry.message });
    return params.prefix !== undefined ? `${params.prefix}: ${text}` : text;
  };
  return (
    <div ref={ref} tabIndex={-1} style={{ outline: "none" }}>
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            {title}
          </Text>
          {run.logOmitted > 0 ? (
            <Text as="p" tone="subdued">
              {t("runs.log.omitted", { count: run.logOmitted, shown: run.log.length })}
            </Text>
          ) : null}
          <ol aria-label={t("runs.log.label")} style={{ margin: 0, paddingLeft: 20 }}>
            {run.log.map((entry, index) => (
              <li key={`${entry.at}-${index}`}>
                <Text as="span" tone={entry.level === "error" ? "critical" : entry.level === "warning" ? "caution" : undefined}>
                  <span suppressHydrationWarning>{format.time(entry.at, true)}</span> {text(entry)}
                </Text>
              </li>
            ))}
          </ol>
        </BlockStack>
      </Card>
    </div>
  );
});
