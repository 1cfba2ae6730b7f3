import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { CardHeading } from "./CardHeading";
import { Badge, BlockStack, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import type { Dashboard } from "../../services/dashboard/dashboard.server";

interface ProbeAnswer {
  probeId: string;
  queuedAt: string;
  answeredBy: string | null;
  latencyMs: number | null;
}

export function WorkersCard({ workers, jobStore }: { workers: Dashboard["workers"]; jobStore: Dashboard["jobStore"] }) {
  const queue = useFetcher<{ probe: { probeId: string; queuedAt: string } }>();
  const poll = useFetcher<ProbeAnswer>();
  const probe = queue.data?.probe;
  const answer = poll.data?.probeId === probe?.probeId ? poll.data : undefined;

  useEffect(() => {
    if (!probe || answer?.answeredBy) return;
    const timer = setTimeout(
      () => poll.load(`/app/worker-probes/${probe.probeId}?queuedAt=${encodeURIComponent(probe.queuedAt)}`),
      answer ? 1000 : 300,
    );
    return () => clearTimeout(timer);
  }, [probe, answer, poll]);

  const checking = queue.state !== "idle" || (probe !== undefined && !answer?.answeredBy);
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading title="Workers" badge={workers.length > 0 ? (
            <Badge tone="success">{`${workers.length} running`}</Badge>
          ) : (
            <Badge tone="critical">None running</Badge>
          )} />
        <Text as="p" tone="subdued">
          Jobs are kept in {jobStore === "mongodb" ? "MongoDB" : "PostgreSQL"}.
        </Text>
        {workers.length > 0 ? (
          <List type="bullet">
            {workers.map((worker) => (
              <List.Item key={worker.workerId}>
                <span suppressHydrationWarning>
                  {worker.hostname}, process {worker.pid}: last heard {secondsAgo(worker.lastSeenAt)} s ago
                </span>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text as="p" tone="critical">
            No worker is running: scheduled and queued work waits until one starts (npm run worker).
          </Text>
        )}
        <InlineStack gap="200" blockAlign="center">
          <queue.Form method="post">
            <Button submit loading={checking}>
              Check a worker
            </Button>
          </queue.Form>
          <Text as="span" tone={answer?.answeredBy ? "success" : "subdued"}>
            <span role="status">
              {answer?.answeredBy
                ? `A worker answered in ${answer.latencyMs} ms (${answer.answeredBy})`
                : probe
                  ? "Waiting for a worker to pick the check up…"
                  : ""}
            </span>
          </Text>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

function secondsAgo(iso: string): number {
  return Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
}
