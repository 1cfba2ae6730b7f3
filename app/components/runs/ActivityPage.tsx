import { useEffect, useRef, useState } from "react";
import { Link, useFetcher, useSearchParams } from "@remix-run/react";
import { BlockStack, Button, Card, EmptyState, InlineStack, Page, ProgressBar, Select, Text } from "@shopify/polaris";
import { useTranslation } from "react-i18next";
import { RUN_KIND_IDS, RUN_STATUSES, type RunListQuery, type RunRow } from "../../services/runs/run-list";
import type { OpenAlert } from "../../services/runs/run-alerts.server";
import { AlertBanners } from "./AlertBanners";
import { RunLog } from "./RunLog";
import { RunStatusBadge, runWords } from "./RunStatusBadge";
import { usePolling } from "../../hooks/use-polling";
import { ListTable, RowName } from "../common/ListTable";
import { useShopFormatter } from "../../i18n/use-locale";

export interface ActivityPageProps {
  query: RunListQuery;
  runs: RunRow[];
  alerts: OpenAlert[];
  /** The shop's schedules, for the filter. */
  schedules: Array<{ id: string; name: string }>;
}

/** Every run for the shop, filterable by kind, status, time and schedule; a run's log opens below the list and is brought into view. */
export function ActivityPage({ query, runs, alerts, schedules }: ActivityPageProps) {
  const { t } = useTranslation();
  const words = runWords(t);
  const format = useShopFormatter();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<string | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const running = runs.some((run) => run.status === "running" || run.status === "queued");
  usePolling(running ? 1500 : 5000);

  const filter = (key: keyof RunListQuery, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const shown = runs.find((run) => run.id === open);
  // The log opens below the list: it is brought into view and takes the focus, so the keyboard reads it next.
  useEffect(() => {
    if (!open || !logRef.current) return;
    logRef.current.scrollIntoView({ behavior: "smooth", block: "start" });
    logRef.current.focus({ preventScroll: true });
  }, [open]);
  const filtered = Boolean(query.kind || query.status || query.since || query.schedule);

  return (
    <Page
      title={t("activity.title")}
      subtitle={`${t("activity.subtitle")} · ${t("time.zoneLabel", { zone: format.timeZone })}`}
      backAction={{ content: t("nav.dashboard"), url: "/app" }}
    >
      <BlockStack gap="400">
        <AlertBanners alerts={alerts} />
        <Card>
          <InlineStack gap="400" wrap>
            <Select
              label={t("activity.filter.kind")}
              options={[
                { label: t("activity.filter.allKinds"), value: "" },
                ...RUN_KIND_IDS.map((kind) => ({ label: words.kind(kind), value: kind })),
              ]}
              value={query.kind}
              onChange={(v) => filter("kind", v)}
            />
            <Select
              label={t("activity.filter.status")}
              options={[{ label: t("activity.filter.anyStatus"), value: "" }, ...RUN_STATUSES.map((s) => ({ label: words.status(s), value: s }))]}
              value={query.status}
              onChange={(v) => filter("status", v)}
            />
            <Select
              label={t("activity.filter.started")}
              options={[
                { label: t("activity.filter.anyTime"), value: "" },
                { label: t("activity.filter.last1d"), value: "1d" },
                { label: t("activity.filter.last7d"), value: "7d" },
                { label: t("activity.filter.last30d"), value: "30d" },
              ]}
              value={query.since}
              onChange={(v) => filter("since", v)}
            />
            {schedules.length > 0 || query.schedule ? (
              <Select
                label={t("activity.filter.schedule")}
                options={[
                  { label: t("activity.filter.anySchedule"), value: "" },
                  ...schedules.map((schedule) => ({ label: schedule.name, value: schedule.id })),
                  ...(query.schedule && !schedules.some((schedule) => schedule.id === query.schedule)
                    ? [{ label: t("activity.filter.deletedSchedule"), value: query.schedule }]
                    : []),
                ]}
                value={query.schedule}
                onChange={(v) => filter("schedule", v)}
              />
            ) : null}
          </InlineStack>
        </Card>
        <Card padding="0">
          <ListTable
            resourceName={{ singular: t("activity.singular"), plural: t("activity.plural") }}
            rows={runs}
            rowId={(run) => run.id}
            empty={
              <EmptyState heading={filtered ? t("activity.empty.filteredTitle") : t("activity.empty.title")} image="">
                <p>{filtered ? t("activity.empty.filtered") : t("activity.empty.body")}</p>
              </EmptyState>
            }
            columns={[
              {
                title: t("activity.column.run"),
                cell: (run) => (
                  <BlockStack gap="050">
                    <Link to={`/app/runs/${run.id}`}>
                      <RowName>{words.kind(run.kind)}</RowName>
                    </Link>
                    <Text as="span" tone="subdued">
                      {words.trigger(run)}
                    </Text>
                  </BlockStack>
                ),
              },
              {
                title: t("activity.column.started"),
                cell: (run) => <span suppressHydrationWarning>{format.dateTime(run.startedAt)}</span>,
              },
              { title: t("activity.column.duration"), cell: (run) => durationLabel(run, format.number) },
              {
                title: t("activity.column.status"),
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
              {
                title: t("activity.column.result"),
                cell: (run) => (
                  <div style={{ whiteSpace: "normal", minWidth: "12rem", maxWidth: "24rem" }}>
                    <Text as="span" breakWord>
                      {words.result(run)}
                    </Text>
                  </div>
                ),
              },
              {
                title: t("activity.column.manage"),
                hidden: true,
                cell: (run) => <RunButtons run={run} open={open === run.id} onToggle={() => setOpen(open === run.id ? null : run.id)} />,
              },
            ]}
          />
        </Card>
        {shown ? <RunLog ref={logRef} run={shown} title={t("activity.logOf", { name: words.kind(shown.kind) })} /> : null}
      </BlockStack>
    </Page>
  );
}

function durationLabel(run: RunRow, number: (value: number) => string): string {
  if (!run.finishedAt) return "—";
  return `${number(Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)))} s`;
}

/** The log toggle, and Cancel while the run runs. */
function RunButtons({ run, open, onToggle }: { run: RunRow; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const words = runWords(t);
  const format = useShopFormatter();
  const cancel = useFetcher<{ cancelled: boolean }>();
  const name = words.kind(run.kind);
  return (
    <InlineStack gap="200" wrap={false}>
      <Button
        size="slim"
        accessibilityLabel={t(open ? "activity.hideLogOf" : "activity.showLogOf", { name, when: format.dateTime(run.startedAt) })}
        onClick={onToggle}
        pressed={open}
      >
        {t("activity.log")}
      </Button>
      {run.status === "running" ? (
        <Button size="slim" tone="critical" loading={cancel.state !== "idle"} onClick={() => cancel.submit({ runId: run.id }, { method: "post" })}>
          {t("runs.cancel")}
        </Button>
      ) : null}
    </InlineStack>
  );
}
