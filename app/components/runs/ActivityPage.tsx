import { useState } from "react";
import { Link, useFetcher, useSearchParams } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Page, ProgressBar, Select, Text } from "@shopify/polaris";
import { RUN_KINDS, RUN_STATUSES, runKindLabel, type RunListQuery, type RunRow } from "../../services/runs/run-list";
import type { OpenAlert } from "../../services/runs/run-alerts.server";
import { AlertBanners } from "./AlertBanners";
import { RunLog } from "./RunLog";
import { runResult, RunStatusBadge, statusLabel as label, triggerLabel } from "./RunStatusBadge";
import { usePolling } from "../../hooks/use-polling";
import { ListTable, RowName } from "../common/ListTable";

export function ActivityPage({ query, runs, alerts }: { query: RunListQuery; runs: RunRow[]; alerts: OpenAlert[] }) {
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<string | null>(null);
  const running = runs.some((run) => run.status === "running" || run.status === "queued");
  usePolling(running ? 1500 : 5000);

  const filter = (key: keyof RunListQuery, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const shown = runs.find((run) => run.id === open);

  return (
    <Page
      title="Activity"
      subtitle="Every run of Ponte's jobs for this shop: what ran, how it ended, and its log"
      backAction={{ content: "Dashboard", url: "/app" }}
    >
      <BlockStack gap="400">
        <AlertBanners alerts={alerts} />
        <Card>
          <InlineStack gap="400">
            <Select
              label="Kind"
              options={[{ label: "All kinds", value: "" }, ...Object.entries(RUN_KINDS).map(([value, text]) => ({ label: text, value }))]}
              value={query.kind}
              onChange={(v) => filter("kind", v)}
            />
            <Select
              label="Status"
              options={[{ label: "Any status", value: "" }, ...RUN_STATUSES.map((s) => ({ label: label(s), value: s }))]}
              value={query.status}
              onChange={(v) => filter("status", v)}
            />
            <Select
              label="Started"
              options={[
                { label: "Any time", value: "" },
                { label: "Last 24 hours", value: "1d" },
                { label: "Last 7 days", value: "7d" },
                { label: "Last 30 days", value: "30d" },
              ]}
              value={query.since}
              onChange={(v) => filter("since", v)}
            />
          </InlineStack>
        </Card>
        <Card padding="0">
          <ListTable
            resourceName={{ singular: "run", plural: "runs" }}
            rows={runs}
            rowId={(run) => run.id}
            empty="No runs match."
            columns={[
              {
                title: "Run",
                cell: (run) => (
                  <BlockStack gap="050">
                    <Link to={`/app/runs/${run.id}`}>
                      <RowName>{runKindLabel(run.kind)}</RowName>
                    </Link>
                    <Text as="span" tone="subdued">
                      {triggerLabel(run.trigger)}
                    </Text>
                  </BlockStack>
                ),
              },
              {
                title: "Started",
                cell: (run) => (
                  <span suppressHydrationWarning>
                    {new Date(run.startedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" })}
                  </span>
                ),
              },
              { title: "Duration", cell: (run) => durationLabel(run) },
              {
                title: "Status",
                cell: (run) => (
                  <BlockStack gap="100">
                    {/* The badge keeps its own width; the progress bar under it takes the cell's. */}
                    <InlineStack>
                      <RunStatusBadge status={run.status} />
                    </InlineStack>
                    {run.status === "running" && run.progress !== null ? <ProgressBar progress={run.progress} size="small" /> : null}
                  </BlockStack>
                ),
              },
              { title: "Result", cell: (run) => runResult(run) },
              {
                title: "Manage",
                hidden: true,
                cell: (run) => <RunButtons run={run} open={open === run.id} onToggle={() => setOpen(open === run.id ? null : run.id)} />,
              },
            ]}
          />
        </Card>
        {shown ? <RunLog run={shown} title={`Log of ${runKindLabel(shown.kind)}`} /> : null}
      </BlockStack>
    </Page>
  );
}

function durationLabel(run: RunRow): string {
  if (!run.finishedAt) return "—";
  return `${Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000))} s`;
}

/** The log toggle, and Cancel while the run runs. */
function RunButtons({ run, open, onToggle }: { run: RunRow; open: boolean; onToggle: () => void }) {
  const cancel = useFetcher<{ cancelled: boolean }>();
  const name = runKindLabel(run.kind);
  return (
    <InlineStack gap="200" wrap={false}>
      <Button
        size="slim"
        accessibilityLabel={`${open ? "Hide" : "Show"} the log of ${name} started ${run.startedAt}`}
        onClick={onToggle}
        pressed={open}
      >
        Log
      </Button>
      {run.status === "running" ? (
        <Button size="slim" tone="critical" loading={cancel.state !== "idle"} onClick={() => cancel.submit({ runId: run.id }, { method: "post" })}>
          Cancel
        </Button>
      ) : null}
    </InlineStack>
  );
}
