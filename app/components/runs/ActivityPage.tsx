import { useEffect, useState } from "react";
import { useFetcher, useRevalidator, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, IndexTable, InlineStack, Page, ProgressBar, Select, Text } from "@shopify/polaris";
import { RUN_KINDS, RUN_STATUSES, type RunListQuery, type RunRow } from "../../services/runs/run-list";

const STATUS_TONE = { running: "info", completed: "success", failed: "critical", cancelled: "warning" } as const;
const label = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function ActivityPage({ query, runs }: { query: RunListQuery; runs: RunRow[] }) {
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<string | null>(null);
  const revalidator = useRevalidator();
  const running = runs.some((run) => run.status === "running");
  useEffect(() => {
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), running ? 1500 : 5000);
    return () => clearInterval(timer);
  }, [running, revalidator]);

  const filter = (key: keyof RunListQuery, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const shown = runs.find((run) => run.id === open);

  return (
    <Page title="Activity" subtitle="Every run of Ponte's jobs for this shop: what ran, how it ended, and its log" backAction={{ content: "Dashboard", url: "/app" }}>
      <BlockStack gap="400">
        <Card>
          <InlineStack gap="400">
            <Select label="Kind" options={[{ label: "All kinds", value: "" }, ...Object.entries(RUN_KINDS).map(([value, text]) => ({ label: text, value }))]} value={query.kind} onChange={(v) => filter("kind", v)} />
            <Select label="Status" options={[{ label: "Any status", value: "" }, ...RUN_STATUSES.map((s) => ({ label: label(s), value: s }))]} value={query.status} onChange={(v) => filter("status", v)} />
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
              headings={[{ title: "Run" }, { title: "Started" }, { title: "Duration" }, { title: "Status" }, { title: "Result" }, { title: "Manage", hidden: true }]}
            >
              {runs.map((run, index) => (
                <RunRowView key={run.id} run={run} index={index} open={open === run.id} onToggle={() => setOpen(open === run.id ? null : run.id)} />
              ))}
            </IndexTable>
          )}
        </Card>
        {shown ? <RunLog run={shown} /> : null}
      </BlockStack>
    </Page>
  );
}

function RunRowView({ run, index, open, onToggle }: { run: RunRow; index: number; open: boolean; onToggle: () => void }) {
  const cancel = useFetcher<{ cancelled: boolean }>();
  const name = RUN_KINDS[run.kind] ?? run.kind;
  const duration = run.finishedAt ? Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)) : null;
  return (
    <IndexTable.Row id={run.id} position={index}>
      <IndexTable.Cell>
        <BlockStack gap="050">
          <Text as="span" fontWeight="semibold">
            {name}
          </Text>
          <Text as="span" tone="subdued">
            {run.trigger === "manual" ? "By hand" : run.trigger === "schedule" ? "Scheduled" : "Built-in"}
          </Text>
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        <span suppressHydrationWarning>{new Date(run.startedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" })}</span>
      </IndexTable.Cell>
      <IndexTable.Cell>{duration === null ? "—" : `${duration} s`}</IndexTable.Cell>
      <IndexTable.Cell>
        <BlockStack gap="100">
          <Badge tone={STATUS_TONE[run.status]}>{label(run.status)}</Badge>
          {run.status === "running" && run.progress !== null ? <ProgressBar progress={run.progress} size="small" /> : null}
        </BlockStack>
      </IndexTable.Cell>
      <IndexTable.Cell>
        {run.error ?? (run.counts ? Object.entries(run.counts).map(([key, value]) => `${value} ${key}`).join(", ") : "—")}
      </IndexTable.Cell>
      <IndexTable.Cell>
        <InlineStack gap="200" wrap={false}>
          <Button size="slim" accessibilityLabel={`${open ? "Hide" : "Show"} the log of ${name} started ${run.startedAt}`} onClick={onToggle} pressed={open}>
            Log
          </Button>
          {run.status === "running" ? (
            <Button size="slim" tone="critical" loading={cancel.state !== "idle"} onClick={() => cancel.submit({ runId: run.id }, { method: "post" })}>
              Cancel
            </Button>
          ) : null}
        </InlineStack>
      </IndexTable.Cell>
    </IndexTable.Row>
  );
}

function RunLog({ run }: { run: RunRow }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {`Log of ${RUN_KINDS[run.kind] ?? run.kind}`}
        </Text>
        <ol aria-label="Run log" style={{ margin: 0, paddingLeft: 20 }}>
          {run.log.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <Text as="span" tone={entry.level === "error" ? "critical" : entry.level === "warning" ? "caution" : undefined}>
                <span suppressHydrationWarning>{new Date(entry.at).toLocaleTimeString("en-GB")}</span> {entry.message}
              </Text>
            </li>
          ))}
        </ol>
      </BlockStack>
    </Card>
  );
}
