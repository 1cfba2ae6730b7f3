import { useState } from "react";
import { Link, useFetcher, type FetcherWithComponents } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { PauseCircleIcon, PlayCircleIcon, PlayIcon } from "@shopify/polaris-icons";
import type { BuiltInJobRow } from "../../services/jobs/built-in-jobs.server";
import { CUSTOMER_SYNC_MINUTES, everyLabel, STATUS_SYNC_MINUTES, type JobSettings } from "../../services/jobs/job-settings";
import type { OpenAlert } from "../../services/runs/run-alerts.server";
import { runKindLabel } from "../../services/runs/run-list";
import { AlertBanners } from "./AlertBanners";
import { RunStatusBadge } from "./RunStatusBadge";
import { usePolling } from "../../hooks/use-polling";
import { ListTable, RowName, type ListColumn } from "../common/ListTable";

export type JobsActionResult = { intent: string; kind?: string; runId?: string; errors?: string[] };

const at = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

interface JobsPageProps {
  jobs: BuiltInJobRow[];
  settings: JobSettings;
  alerts: OpenAlert[];
  emailConfigured: boolean;
}

export function JobsPage({ jobs, settings, alerts, emailConfigured }: JobsPageProps) {
  const busy = jobs.some((job) => job.runningRunId);
  usePolling(busy ? 2000 : 5000);
  const act = useFetcher<JobsActionResult>();

  return (
    <Page
      title="Jobs"
      subtitle="The work Ponte does by itself for this shop: how often, when next, how it went"
      backAction={{ content: "Dashboard", url: "/app" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <AlertBanners alerts={alerts} />
            {act.data?.errors && act.data.intent !== "settings" ? (
              <Banner tone="warning" title="Not started">
                <p>{act.data.errors.join(" ")}</p>
              </Banner>
            ) : null}
            {act.data?.runId ? (
              <Banner tone="info" title={`${runKindLabel(act.data.kind ?? "")} started`}>
                <Link to={`/app/runs/${act.data.runId}`}>Follow the run</Link>
              </Banner>
            ) : null}
            <Card padding="0">
              <ListTable resourceName={{ singular: "job", plural: "jobs" }} rows={jobs} rowId={(job) => job.kind} columns={jobColumns(act)} />
            </Card>
            <JobSettingsForm settings={settings} emailConfigured={emailConfigured} hasErp={jobs.some((job) => job.kind === "erp-statuses")} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function JobSettingsForm({ settings, emailConfigured, hasErp }: { settings: JobSettings; emailConfigured: boolean; hasErp: boolean }) {
  const save = useFetcher<JobsActionResult>();
  const [statusSyncMinutes, setStatus] = useState(String(settings.statusSyncMinutes));
  const [customerSyncMinutes, setCustomers] = useState(String(settings.customerSyncMinutes));
  const [alertEmail, setAlertEmail] = useState(settings.alertEmail ?? "");
  const options = (values: readonly number[]) => values.map((value) => ({ label: everyLabel(value), value: String(value) }));
  const saved = save.state === "idle" && save.data?.intent === "settings" && !save.data.errors;
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
            Settings
          </Text>
          {hasErp ? (
            <>
              <Select label="Sync ERP statuses" options={options(STATUS_SYNC_MINUTES)} value={statusSyncMinutes} onChange={setStatus} />
              <Select label="Sync customers" options={options(CUSTOMER_SYNC_MINUTES)} value={customerSyncMinutes} onChange={setCustomers} />
            </>
          ) : null}
          <TextField
            label="Alert email"
            type="email"
            autoComplete="email"
            value={alertEmail}
            onChange={setAlertEmail}
            helpText={
              emailConfigured
                ? "One email when a job starts failing, none more until it works again. Empty: the store's email."
                : "Email alerts need an SMTP server (PONTE_SMTP_URL); until one is set, failures show on this page only."
            }
            error={save.data?.intent === "settings" && save.data.errors ? save.data.errors.join(" ") : undefined}
          />
          <InlineStack gap="300" blockAlign="center">
            <Button submit variant="primary" loading={save.state !== "idle"}>
              Save settings
            </Button>
            {saved ? <Text as="span">Saved.</Text> : null}
          </InlineStack>
        </FormLayout>
      </form>
    </Card>
  );
}

function jobColumns(act: FetcherWithComponents<JobsActionResult>): Array<ListColumn<BuiltInJobRow>> {
  return [
    { title: "Job", cell: (job) => <RowName>{job.label}</RowName> },
    { title: "How often", cell: (job) => everyLabel(job.everyMinutes) },
    {
      title: "Next run",
      cell: (job) => <span suppressHydrationWarning>{job.paused ? "Paused" : job.nextRunAt ? at(job.nextRunAt) : "—"}</span>,
    },
    {
      title: "Last run",
      cell: (job) =>
        job.lastRun ? (
          <InlineStack gap="200" blockAlign="center" wrap={false}>
            <RunStatusBadge status={job.lastRun.status} />
            <Link to={`/app/runs/${job.lastRun.id}`}>
              <span suppressHydrationWarning>{job.lastRun.finishedAt ? at(job.lastRun.finishedAt) : "open"}</span>
            </Link>
          </InlineStack>
        ) : (
          "Not run yet"
        ),
    },
    {
      title: "State",
      cell: (job) =>
        job.runningRunId ? (
          <Link to={`/app/runs/${job.runningRunId}`}>
            <Badge tone="info">Running</Badge>
          </Link>
        ) : job.paused ? (
          <Badge tone="warning">Paused</Badge>
        ) : (
          <Badge tone="success">Active</Badge>
        ),
    },
    {
      title: "Manage",
      hidden: true,
      cell: (job) => (
        <InlineStack gap="200" wrap={false}>
          <Button
            size="slim"
            icon={PlayIcon}
            accessibilityLabel={`Run ${job.label} now`}
            onClick={() => act.submit({ intent: "run-now", kind: job.kind }, { method: "post" })}
          />
          <Button
            size="slim"
            icon={job.paused ? PlayCircleIcon : PauseCircleIcon}
            accessibilityLabel={`${job.paused ? "Resume" : "Pause"} ${job.label}`}
            onClick={() => act.submit({ intent: "pause", kind: job.kind, paused: String(!job.paused) }, { method: "post" })}
          >
            {job.paused ? "Resume" : "Pause"}
          </Button>
        </InlineStack>
      ),
    },
  ];
}
