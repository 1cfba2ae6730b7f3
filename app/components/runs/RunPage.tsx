import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, EmptyState, InlineStack, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import type { RunRow } from "../../services/runs/run-list";
import { RunLog } from "./RunLog";
import { RunStatusBadge, runWords } from "./RunStatusBadge";
import { usePolling } from "../../hooks/use-polling";
import { useShopFormatter } from "../../i18n/use-locale";

/** One run: its live progress while it works, Cancel, its counts or error, and its log; times in the shop's zone. */
export function RunPage({ run }: { run: RunRow }) {
  const { t } = useTranslation();
  const words = runWords(t);
  const format = useShopFormatter();
  const cancel = useFetcher<{ cancelled: boolean }>();
  const live = run.status === "running" || run.status === "queued";
  usePolling(live ? 1000 : null);
  const name = words.kind(run.kind);
  const progress = run.status === "completed" ? 100 : (run.progress ?? 0);
  const when = (iso: string | null) => (iso ? format.dateTime(iso) : "—");

  return (
    <Page
      title={name}
      subtitle={`${t("runs.page.started", { trigger: words.trigger(run), when: when(run.startedAt) })} · ${t("time.zoneLabel", { zone: format.timeZone })}`}
      titleMetadata={<RunStatusBadge status={run.status} />}
      backAction={{ content: t("nav.activity"), url: run.scheduleId ? `/app/activity?schedule=${run.scheduleId}` : "/app/activity" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {run.status === "failed" ? (
              <Banner tone="critical" title={t("runs.page.failed", { name })}>
                <p>{run.error ? words.error(run.error) : null}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {t("runs.page.progress")}
                  </Text>
                  <Text as="span" tone="subdued">
                    <span data-testid="run-progress">{`${progress}%`}</span>
                  </Text>
                </InlineStack>
                <div
                  role="progressbar"
                  aria-label={t("runs.page.progressOf", { name })}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={progress}
                >
                  <ProgressBar
                    animated={false}
                    progress={progress}
                    tone={run.status === "failed" ? "critical" : run.status === "completed" ? "success" : "highlight"}
                  />
                </div>
                <Text as="p">{run.status === "queued" ? t("runs.page.queued") : t("runs.page.result", { result: words.result(run) })}</Text>
                <Text as="p" tone="subdued">
                  <span suppressHydrationWarning>{t("runs.page.ended", { when: when(run.finishedAt) })}</span>
                </Text>
                {live ? (
                  <InlineStack>
                    <Button
                      tone="critical"
                      disabled={run.status !== "running"}
                      loading={cancel.state !== "idle"}
                      onClick={() => cancel.submit({}, { method: "post" })}
                    >
                      {t("runs.cancel")}
                    </Button>
                  </InlineStack>
                ) : null}
                {cancel.data && !cancel.data.cancelled ? (
                  <Text as="p" tone="caution">
                    {t("runs.page.alreadyEnded")}
                  </Text>
                ) : null}
                {cancel.data?.cancelled && live ? <Text as="p">{t("runs.page.cancelAsked")}</Text> : null}
              </BlockStack>
            </Card>
            <RunLog run={run} title={t("runs.page.log")} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** A run address that names no run of this shop (deleted, or another shop's): said plainly, with the way back. */
export function NoSuchRun() {
  const { t } = useTranslation();
  return (
    <Page title={t("runs.page.missingTitle")} backAction={{ content: t("nav.activity"), url: "/app/activity" }}>
      <Card>
        <EmptyState heading={t("runs.page.missingTitle")} action={{ content: t("runs.page.toActivity"), url: "/app/activity" }} image="">
          <p>{t("runs.page.missing")}</p>
        </EmptyState>
      </Card>
    </Page>
  );
}
