import { useState } from "react";
import { Link, useFetcher, useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Button, Card, IndexTable, InlineStack, Page, ProgressBar, Select, Text } from "@shopify/polaris";
import { RUN_KINDS, RUN_STATUSES, runKindLabel, type RunListQuery, type RunRow } from "../../services/runs/run-list";
import type { OpenAlert } from "../../services/runs/run-alerts.server";
import { AlertBanners } from "./AlertBanners";
import { RunLog } from "./RunLog";
import { runResult, RunStatusBadge, statusLabel as label, triggerLabel } from "./RunStatusBadge";
import { usePolling } from "../../hooks/use-polling";

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
          {runs.length === 0 ? (
            <Box padding="400">
              <Text as="p" tone="subdued">
                No runs match.
              </Text>
            </Box>
          ) : (
            <IndexTable
              selectable={false}
              resourceName={{ singular: "run", plural: "runs" }}
              itemCount={runs.length}
              headings={[
                { title: "Run" },
                { title: "Started" },
                { title: "Duration" },
                { title: "Status" },
                { title: "Result" },
                { title: "Manage", hidden: true },
              ]}
            >
              {runs.map((run, index) => (
                <RunRowView key={run.id} run={run} index={index} open={open === run.id} onToggle={() => setOpen(open === run.id ? null : run.id)} />
              ))}
            </IndexTable>
          )}
        </Card>
        {shown ? <RunLog run={shown} title={`Log of ${runKindLabel(shown.kind)}`} /> : null}
      </BlockStack>
    </Page>
  );
}

function RunRowView({ run, index, open, onToggle }: { run: RunRow; index: number; open: boolean; onToggle: () => void }) {
  const cancel = useFetcher<{ cancelled: boolean }>();
  const name = runKindLabel(run.kind);
  const duration = run.finishedAt ? Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)) : null;
  return (
    <IndexTable.Row id={run.id} position={index}>
      <IndexTable.Cell>
        <BlockStack gap="050">
          <Link to={`/app/runs/${run.id}`}>
            <Text as="span" fontWeight="semibold">
              {name}
            </Text>
          </Link>
          <Text as="span" tone="subdued">
            {triggerLabel(run.trigger)}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <span suppressHydrationWarning>{new Date(run.startedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" })}</span>
      </IndexTable.Cell>
      <IndexTable.Cell>{duration === null ? "—" : `${duration} s`}</IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack gap="100">
          <RunStatusBadge status={run.status} />
          {run.status === "running" && run.progress !== null ? <ProgressBar progress={run.progress} size="small" /> : null}
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>{runResult(run)}</IndexTable.Cell>
      <IndexTable.Cell>
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
            <Button
              size="slim"
              tone="critical"
              loading={cancel.state !== "idle"}
              onClick={() => cancel.submit({ runId: run.id }, { method: "post" })}
            >
              Cancel
            </Button>
          ) : null}
        </InlineStack>
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}
