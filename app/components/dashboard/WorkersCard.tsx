import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { CardHeading } from "./CardHeading";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import type { Dashboard } from "../../services/dashboard/dashboard.server";

interface ProbeAnswer {
  probeId: string;
  queuedAt: string;
  answeredBy: string | null;
  latencyMs: number | null;
}

export function WorkersCard({
  workers,
  restarts,
  jobStore,
}: {
  workers: Dashboard["workers"];
  restarts: Dashboard["restarts"];
  jobStore: Dashboard["jobStore"];
}) {
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

  const looping = restarts.filter((service) => service.crashLoopSince !== null);
  const restarted = restarts.filter((service) => service.restarts > 0);
  const checking = queue.state !== "idle" || (probe !== undefined && !answer?.answeredBy);
  return (
    <Card>
      <BlockStack gap="200">
        <CardHeading
          title="Workers"
          badge={
            looping.length > 0 ? (
              <Badge tone="critical">Crash loop</Badge>
            ) : workers.length > 0 ? (
              <Badge tone="success">{`${workers.length} running`}</Badge>
            ) : (
              <Badge tone="critical">None running</Badge>
            )
          }
        />
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
        {looping.map((service) => (
          <Banner key={`${service.hostname}/${service.name}`} tone="critical" title={`${service.name} keeps stopping`}>
            <span suppressHydrationWarning>
              {`On ${service.hostname}, ${service.name} was restarted ${service.restarts} times, ${timesInAMinute} of them within a minute (last exit: ${service.lastExit ?? "unknown"}, ${clock(service.lastExitAt)}). Ponte now waits five minutes between tries. The server log says why it stops.`}
            </span>
          </Banner>
        ))}
        {restarted.length > 0 ? (
          <Text as="p" tone={looping.length > 0 ? "critical" : "subdued"}>
            <span suppressHydrationWarning>
              {restarted
                .map(
                  (service) =>
                    `${service.name} restarted ${service.restarts} ${service.restarts === 1 ? "time" : "times"}, last at ${clock(service.lastExitAt)} (${service.lastExit ?? "exit unknown"})`,
                )
                .join("; ")}
            </span>
          </Text>
        ) : null}
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

const timesInAMinute = 5;

function clock(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" }) : "unknown";
}

function secondsAgo(iso: string): number {
  return Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
}
