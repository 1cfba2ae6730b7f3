import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, ProgressBar, Text } from "@shopify/polaris";
import { runKindLabel, type RunRow } from "../../services/runs/run-list";
import { RunLog } from "./RunLog";
import { runResult, RunStatusBadge, triggerLabel } from "./RunStatusBadge";
import { usePolling } from "../../hooks/use-polling";

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" }) : "—");

/** One run: its live progress while it works, Cancel, its counts or error, and its log. */
export function RunPage({ run }: { run: RunRow }) {
  const cancel = useFetcher<{ cancelled: boolean }>();
  const live = run.status === "running" || run.status === "queued";
  usePolling(live ? 1000 : null);
  const name = runKindLabel(run.kind);
  const progress = run.status === "completed" ? 100 : (run.progress ?? 0);

  return (
    <Page
      title={name}
      subtitle={`${triggerLabel(run.trigger)}, started ${when(run.startedAt)}`}
      titleMetadata={<RunStatusBadge status={run.status} />}
      backAction={{ content: "Activity", url: "/app/activity" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {run.status === "failed" ? (
              <Banner tone="critical" title={`${name} failed`}>
                <p>{run.error}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Progress
                  </Text>
                  <Text as="span" tone="subdued">
                    <span data-testid="run-progress">{`${progress}%`}</span>
                  </Text>
                </InlineStack>
                <div role="progressbar" aria-label={`${name} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress}>
                  <ProgressBar
                    animated={false}
                    progress={progress}
                    tone={run.status === "failed" ? "critical" : run.status === "completed" ? "success" : "highlight"}
                  />
                </div>
                <Text as="p">{run.status === "queued" ? "Waiting for a worker to take it." : `Result: ${runResult(run)}`}</Text>
                <Text as="p" tone="subdued">{`Ended: ${when(run.finishedAt)}`}</Text>
                {live ? (
                  <InlineStack>
                    <Button
                      tone="critical"
                      disabled={run.status !== "running"}
                      loading={cancel.state !== "idle"}
                      onClick={() => cancel.submit({}, { method: "post" })}
                    >
                      Cancel
                    </Button>
                  </InlineStack>
                ) : null}
                {cancel.data && !cancel.data.cancelled ? (
                  <Text as="p" tone="caution">
                    The run had already ended.
                  </Text>
                ) : null}
                {cancel.data?.cancelled && live ? <Text as="p">Cancel asked: the run stops at its next safe point.</Text> : null}
              </BlockStack>
            </Card>
            <RunLog run={run} title="Log" />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
