import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { CardHeading } from "./CardHeading";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, List, Text } from "@shopify/polaris";
import type { Dashboard } from "../../services/dashboard/dashboard.server";
import { useTranslation } from "react-i18next";
import type { Formatter } from "../../i18n/format";

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
  format,
}: {
  workers: Dashboard["workers"];
  restarts: Dashboard["restarts"];
  jobStore: Dashboard["jobStore"];
  format: Formatter;
}) {
  const { t } = useTranslation();
  const clock = (iso: string | null) => (iso ? format.time(iso, true) : t("time.unknown"));
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
          title={t("dashboard.workers.title")}
          badge={
            looping.length > 0 ? (
              <Badge tone="critical">{t("dashboard.badge.crashLoop")}</Badge>
            ) : workers.length > 0 ? (
              <Badge tone="success">{t("dashboard.badge.running", { count: workers.length })}</Badge>
            ) : (
              <Badge tone="critical">{t("dashboard.badge.noneRunning")}</Badge>
            )
          }
        />
        <Text as="p" tone="subdued">
          {t("dashboard.workers.jobsKeptIn", { store: jobStore === "mongodb" ? "MongoDB" : "PostgreSQL" })}
        </Text>
        {workers.length > 0 ? (
          <List type="bullet">
            {workers.map((worker) => (
              <List.Item key={worker.workerId}>
                <span suppressHydrationWarning>
                  {t("dashboard.workers.worker", { host: worker.hostname, pid: worker.pid, seconds: secondsAgo(worker.lastSeenAt) })}
                </span>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text as="p" tone="critical">
            {t("dashboard.workers.none")}
          </Text>
        )}
        {looping.map((service) => (
          <Banner key={`${service.hostname}/${service.name}`} tone="critical" title={t("dashboard.workers.keepsStopping", { name: service.name })}>
            <span suppressHydrationWarning>
              {t("dashboard.workers.loopDetail", {
                host: service.hostname,
                name: service.name,
                restarts: service.restarts,
                withinMinute: timesInAMinute,
                exit: service.lastExit ?? t("time.unknown"),
                at: clock(service.lastExitAt),
              })}
            </span>
          </Banner>
        ))}
        {restarted.length > 0 ? (
          <Text as="p" tone={looping.length > 0 ? "critical" : "subdued"}>
            <span suppressHydrationWarning>
              {restarted
                .map((service) =>
                  t("dashboard.workers.restarted", {
                    name: service.name,
                    count: service.restarts,
                    at: clock(service.lastExitAt),
                    exit: service.lastExit ?? t("dashboard.workers.exitUnknown"),
                  }),
                )
                .join("; ")}
            </span>
          </Text>
        ) : null}
        <InlineStack gap="200" blockAlign="center">
          <queue.Form method="post">
            <Button submit loading={checking}>
              {t("dashboard.workers.check")}
            </Button>
          </queue.Form>
          <Text as="span" tone={answer?.answeredBy ? "success" : "subdued"}>
            <span role="status">
              {answer?.answeredBy
                ? t("dashboard.workers.answered", { ms: answer.latencyMs, by: answer.answeredBy })
                : probe
                  ? t("dashboard.workers.waiting")
                  : ""}
            </span>
          </Text>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

const timesInAMinute = 5;

function secondsAgo(iso: string): number {
  return Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
}
