import { useState } from "react";
import { Link, useFetcher, type FetcherWithComponents } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { PauseCircleIcon, PlayCircleIcon, PlayIcon } from "@shopify/polaris-icons";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { BuiltInJobRow } from "../../services/jobs/built-in-jobs.server";
import { CUSTOMER_SYNC_MINUTES, everyMessage, STATUS_SYNC_MINUTES, type JobSettings } from "../../services/jobs/job-settings";
import type { OpenAlert } from "../../services/runs/run-alerts.server";
import type { MerchantText } from "../../i18n/merchant-message";
import { AlertBanners } from "./AlertBanners";
import { RunStatusBadge, runWords } from "./RunStatusBadge";
import { usePolling } from "../../hooks/use-polling";
import { useSavedToast } from "../../hooks/use-saved-toast";
import { ListTable, RowName, type ListColumn } from "../common/ListTable";
import { useShopFormatter } from "../../i18n/use-locale";
import { useSay } from "../../i18n/use-say";
import type { Formatter } from "../../i18n/format";
import { formAnswer } from "../../hooks/form-answer";

export type JobsActionResult = { intent: string; kind?: string; runId?: string; errors?: MerchantText[] };

interface JobsPageProps {
  jobs: BuiltInJobRow[];
  settings: JobSettings;
  alerts: OpenAlert[];
  emailConfigured: boolean;
}

const every = (t: TFunction, minutes: number) => {
  const { key, count } = everyMessage(minutes);
  return t(key, { count });
};

export function JobsPage({ jobs, settings, alerts, emailConfigured }: JobsPageProps) {
  const { t } = useTranslation();
  const say = useSay();
  const format = useShopFormatter();
  const busy = jobs.some((job) => job.runningRunId);
  usePolling(busy ? 2000 : 5000);
  const act = useFetcher<JobsActionResult>();
  useSavedToast(act, t("jobs.toast.updated"), (data) => data.intent === "pause");

  return (
    <Page
      title={t("jobs.title")}
      subtitle={`${t("jobs.subtitle")} · ${t("time.zoneLabel", { zone: format.timeZone })}`}
      backAction={{ content: t("nav.dashboard"), url: "/app" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <AlertBanners alerts={alerts} />
            {act.data?.errors && act.data.intent !== "settings" ? (
              <Banner tone="warning" title={t("jobs.notStarted")}>
                <p>{act.data.errors.map(say).join(" ")}</p>
              </Banner>
            ) : null}
            {act.data?.runId ? (
              <Banner tone="info" title={t("jobs.started", { name: runWords(t).kind(act.data.kind ?? "") })}>
                <Link to={`/app/runs/${act.data.runId}`}>{t("jobs.followRun")}</Link>
              </Banner>
            ) : null}
            <Card padding="0">
              <ListTable
                resourceName={{ singular: t("jobs.singular"), plural: t("jobs.plural") }}
                rows={jobs}
                rowId={(job) => job.kind}
                columns={jobColumns(act, t, format)}
              />
            </Card>
            <JobSettingsForm settings={settings} emailConfigured={emailConfigured} hasErp={jobs.some((job) => job.kind === "erp-statuses")} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function JobSettingsForm({ settings, emailConfigured, hasErp }: { settings: JobSettings; emailConfigured: boolean; hasErp: boolean }) {
  const { t } = useTranslation();
  const say = useSay();
  const save = useFetcher<JobsActionResult>();
  const [statusSyncMinutes, setStatus] = useState(String(settings.statusSyncMinutes));
  const [customerSyncMinutes, setCustomers] = useState(String(settings.customerSyncMinutes));
  const [alertEmail, setAlertEmail] = useState(settings.alertEmail ?? "");
  const options = (values: readonly number[]) => values.map((value) => ({ label: every(t, value), value: String(value) }));
  const answer = formAnswer(save);
  const saved = answer?.intent === "settings" && !answer.errors;
  useSavedToast(save, t("jobs.settings.saved"), (data) => data.intent === "settings");
  return (
    <Card>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.submit({ intent: "settings", statusSyncMinutes, customerSyncMinutes, alertEmail }, { method: "post" });
        }}
      >
        <FormLayout>
          <Text as="h2" variant="headingMd">
            {t("jobs.settings.title")}
          </Text>
          {hasErp ? (
            <>
              <Select label={t("jobs.settings.statusSync")} options={options(STATUS_SYNC_MINUTES)} value={statusSyncMinutes} onChange={setStatus} />
              <Select
                label={t("jobs.settings.customerSync")}
                options={options(CUSTOMER_SYNC_MINUTES)}
                value={customerSyncMinutes}
                onChange={setCustomers}
              />
            </>
          ) : null}
          <TextField
            label={t("jobs.settings.alertEmail")}
            type="email"
            autoComplete="email"
            value={alertEmail}
            onChange={setAlertEmail}
            helpText={emailConfigured ? t("jobs.settings.alertHelp") : t("jobs.settings.alertNoSmtp")}
            error={answer?.intent === "settings" && answer.errors ? answer.errors.map(say).join(" ") : undefined}
          />
          <InlineStack gap="300" blockAlign="center">
            <Button submit variant="primary" loading={save.state !== "idle"}>
              {t("jobs.settings.save")}
            </Button>
            {saved ? <Text as="span">{t("jobs.settings.savedInline")}</Text> : null}
          </InlineStack>
        </FormLayout>
      </form>
    </Card>
  );
}

function jobColumns(act: FetcherWithComponents<JobsActionResult>, t: TFunction, format: Formatter): Array<ListColumn<BuiltInJobRow>> {
  const words = runWords(t);
  return [
    { title: t("jobs.column.job"), cell: (job) => <RowName>{words.kind(job.kind)}</RowName> },
    { title: t("jobs.column.howOften"), cell: (job) => every(t, job.everyMinutes) },
    {
      title: t("jobs.column.nextRun"),
      cell: (job) => (
        <span suppressHydrationWarning>{job.paused ? t("jobs.state.paused") : job.nextRunAt ? format.dateTime(job.nextRunAt) : "—"}</span>
      ),
    },
    {
      title: t("jobs.column.lastRun"),
      cell: (job) =>
        job.lastRun ? (
          <InlineStack gap="200" blockAlign="center" wrap={false}>
            <RunStatusBadge status={job.lastRun.status} />
            <Link to={`/app/runs/${job.lastRun.id}`}>
              <span suppressHydrationWarning>{job.lastRun.finishedAt ? format.dateTime(job.lastRun.finishedAt) : t("jobs.openRun")}</span>
            </Link>
          </InlineStack>
        ) : (
          t("jobs.notRunYet")
        ),
    },
    {
      title: t("jobs.column.state"),
      cell: (job) =>
        job.runningRunId ? (
          <Link to={`/app/runs/${job.runningRunId}`}>
            <Badge tone="info">{t("jobs.state.running")}</Badge>
          </Link>
        ) : job.paused ? (
          <Badge tone="warning">{t("jobs.state.paused")}</Badge>
        ) : (
          <Badge tone="success">{t("jobs.state.active")}</Badge>
        ),
    },
    {
      title: t("jobs.column.manage"),
      hidden: true,
      cell: (job) => (
        <InlineStack gap="200" wrap={false}>
          <Button
            size="slim"
            icon={PlayIcon}
            accessibilityLabel={t("jobs.runNow", { name: words.kind(job.kind) })}
            onClick={() => act.submit({ intent: "run-now", kind: job.kind }, { method: "post" })}
          />
          <Button
            size="slim"
            icon={job.paused ? PlayCircleIcon : PauseCircleIcon}
            accessibilityLabel={t(job.paused ? "jobs.resumeNamed" : "jobs.pauseNamed", { name: words.kind(job.kind) })}
            onClick={() => act.submit({ intent: "pause", kind: job.kind, paused: String(!job.paused) }, { method: "post" })}
          >
            {job.paused ? t("jobs.resume") : t("jobs.pause")}
          </Button>
        </InlineStack>
      ),
    },
  ];
}
