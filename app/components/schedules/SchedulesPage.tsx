import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useFetcher, type FetcherWithComponents } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  EmptyState,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { PlayIcon } from "@shopify/polaris-icons";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useTranslation } from "react-i18next";
import { useSavedToast } from "../../hooks/use-saved-toast";
import type { TFunction } from "i18next";
import { nextRuns, scheduleWhenSchema, WEEKDAYS, type ScheduleWhen, type Weekday } from "../../services/schedules/recurrence";
import { ERP_ACTIONS, RUN_KIND_OF_ACTION, SCHEDULE_ACTIONS, splitList, type ScheduleAction } from "../../services/schedules/schedule-form";
import type { QueuedRun } from "../../services/schedules/run-schedule-now.server";
import type { ShopSchedule } from "../../services/schedules/schedules.server";
import type { MerchantText } from "../../i18n/merchant-message";
import { ListTable, RowName } from "../common/ListTable";
import { ConfirmModal } from "../common/ConfirmModal";
import { runWords } from "../runs/RunStatusBadge";
import { useLocale } from "../../i18n/use-locale";
import { useSay } from "../../i18n/use-say";
import type { Locale } from "../../i18n/locales";
import { formAnswer } from "../../hooks/form-answer";

export type SchedulesActionResult = {
  intent: string;
  errors?: MerchantText[];
  savedId?: string;
  runs?: QueuedRun[];
};

interface FormState {
  id: string | null;
  name: string;
  actions: ScheduleAction[];
  salePointIds: string[];
  erpConnectionIds: string[];
  mailWhenFinished: boolean;
  frequency: ScheduleWhen["frequency"];
  weekdays: Weekday[];
  monthDays: string;
  times: string;
}

const EMPTY: FormState = {
  id: null,
  name: "",
  actions: [],
  salePointIds: [],
  erpConnectionIds: [],
  mailWhenFinished: false,
  frequency: "daily",
  weekdays: [],
  monthDays: "1",
  times: "09:00",
};

const INTL: Record<Locale, string> = { en: "en-GB", it: "it-IT", pl: "pl-PL", "pt-BR": "pt-BR" };

/** A run's day and time in the shop's zone, as the merchant's language writes it: "lun 7 dic 2026, 09:00". */
const runFormatter = (locale: Locale, timeZone: string) => {
  const format = new Intl.DateTimeFormat(INTL[locale], {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  return (date: Date) => format.format(date);
};

/** The days of the week in the merchant's language, Monday first: "lun", "mar"… (2024-01-01 was a Monday). */
const dayNames = (locale: Locale) => {
  const format = new Intl.DateTimeFormat(INTL[locale], { weekday: "short", timeZone: "UTC" });
  return Object.fromEntries(WEEKDAYS.map((day, index) => [day, format.format(new Date(Date.UTC(2024, 0, 1 + index)))])) as Record<Weekday, string>;
};

const actionLabel = (t: TFunction, action: ScheduleAction) => runWords(t).kind(RUN_KIND_OF_ACTION[action]) || SCHEDULE_ACTIONS[action];

export function SchedulesPage({
  timeZone,
  schedules,
  offered,
  salePoints,
  erps,
}: {
  timeZone: string;
  schedules: ShopSchedule[];
  /** The actions with work for this shop (the ERP's once an ERP is connected, push stock once a POS is). */
  offered: ScheduleAction[];
  salePoints: Array<{ salePointId: string; name: string }>;
  /** The shop's ERPs, main first: with more than one, a schedule can work with some of them only. */
  erps: Array<{ id: string; name: string }>;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const locale = useLocale();
  const shopify = useAppBridge();
  const [form, setForm] = useState<FormState>(EMPTY);
  const formRef = useRef<HTMLDivElement>(null);
  const save = useFetcher<SchedulesActionResult>();
  const saveAnswer = formAnswer(save);
  const change = (patch: Partial<FormState>) => setForm((current) => ({ ...current, ...patch }));
  useEffect(() => {
    if (!save.data?.savedId) return;
    shopify.toast.show(t(form.id ? "schedules.toast.updated" : "schedules.toast.created"));
    setForm(EMPTY);
  }, [save.data]);
  const days = useMemo(() => dayNames(locale), [locale]);
  const formatRun = useMemo(() => runFormatter(locale, timeZone), [locale, timeZone]);

  const when = useMemo(
    () =>
      scheduleWhenSchema.safeParse({
        frequency: form.frequency,
        weekdays: form.weekdays,
        monthDays: splitList(form.monthDays).map(Number),
        times: splitList(form.times),
        timeZone,
      }),
    [form.frequency, form.weekdays, form.monthDays, form.times, timeZone],
  );
  // The preview is computed by the same code that schedules the runs.
  const preview = when.success ? nextRuns(when.data, new Date(), 10) : [];

  const submit = () =>
    save.submit(
      {
        intent: "save",
        ...(form.id ? { id: form.id } : {}),
        schedule: JSON.stringify({
          name: form.name,
          actions: form.actions,
          salePointIds: form.salePointIds,
          erpConnectionIds: form.erpConnectionIds,
          mailWhenFinished: form.mailWhenFinished,
          when: when.success ? when.data : null,
        }),
      },
      { method: "post" },
    );
  // The form is below the list: "Create schedule" and Edit bring it into view and put the cursor in its name.
  const openForm = (state: FormState) => {
    setForm(state);
    requestAnimationFrame(() => {
      formRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
      formRef.current?.querySelector("input")?.focus({ preventScroll: true });
    });
  };

  return (
    <Page
      title={t("schedules.title")}
      subtitle={t("schedules.subtitle", { zone: timeZone })}
      backAction={{ content: t("nav.dashboard"), url: "/app" }}
      primaryAction={{ content: t("schedules.create"), onAction: () => openForm(EMPTY) }}
    >
      <Layout>
        <Layout.Section>
          <ScheduleList
            schedules={schedules}
            formatRun={formatRun}
            days={days}
            erps={erps}
            onCreate={() => openForm(EMPTY)}
            onEdit={(s) =>
              openForm({
                id: s.id,
                name: s.name,
                actions: s.actions,
                salePointIds: s.salePointIds,
                erpConnectionIds: s.erpConnectionIds,
                mailWhenFinished: s.mailWhenFinished,
                frequency: s.when.frequency,
                weekdays: s.when.weekdays,
                monthDays: s.when.monthDays.join(", ") || "1",
                times: s.when.times.join(", "),
              })
            }
          />
        </Layout.Section>
        <Layout.Section>
          <div ref={formRef}>
            <Card>
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  submit();
                }}
              >
                <FormLayout>
                  <Text as="h2" variant="headingMd">
                    {form.id
                      ? t("schedules.form.editTitle", { name: schedules.find((s) => s.id === form.id)?.name ?? "" })
                      : t("schedules.form.newTitle")}
                  </Text>
                  {saveAnswer?.errors ? (
                    <Banner tone="critical" title={t("schedules.form.notSaved")}>
                      <List>
                        {saveAnswer.errors.map((error) => (
                          <List.Item key={say(error)}>{say(error)}</List.Item>
                        ))}
                      </List>
                    </Banner>
                  ) : null}
                  <TextField label={t("schedules.form.name")} value={form.name} onChange={(name) => change({ name })} autoComplete="off" />
                  <BlockStack gap="100">
                    <Text as="p">{t("schedules.form.actions")}</Text>
                    {(Object.keys(SCHEDULE_ACTIONS) as ScheduleAction[])
                      .filter((action) => offered.includes(action) || form.actions.includes(action))
                      .map((action) => (
                        <Checkbox
                          key={action}
                          label={actionLabel(t, action)}
                          checked={form.actions.includes(action)}
                          onChange={(checked) =>
                            change({
                              actions: checked ? [...form.actions, action] : form.actions.filter((a) => a !== action),
                            })
                          }
                        />
                      ))}
                  </BlockStack>
                  {form.actions.includes("push-stock") && salePoints.length > 0 ? (
                    <FilterChecklist
                      title={t("schedules.form.salePointFilter")}
                      choices={salePoints.map((point) => ({
                        id: point.salePointId,
                        label: point.name,
                      }))}
                      chosen={form.salePointIds}
                      onChange={(salePointIds) => change({ salePointIds })}
                      help={t("schedules.form.salePointFilterHelp")}
                    />
                  ) : null}
                  {form.actions.some((action) => ERP_ACTIONS.includes(action)) && erps.length > 1 ? (
                    <FilterChecklist
                      title={t("schedules.form.erpFilter")}
                      choices={erps.map((erp) => ({ id: erp.id, label: erp.name }))}
                      chosen={form.erpConnectionIds}
                      onChange={(erpConnectionIds) => change({ erpConnectionIds })}
                      help={t("schedules.form.erpFilterHelp")}
                    />
                  ) : null}
                  <Select
                    label={t("schedules.form.repeats")}
                    options={[
                      { label: t("schedules.form.daily"), value: "daily" },
                      { label: t("schedules.form.weekly"), value: "weekly" },
                      { label: t("schedules.form.monthly"), value: "monthly" },
                    ]}
                    value={form.frequency}
                    onChange={(frequency) => change({ frequency: frequency as FormState["frequency"] })}
                  />
                  {form.frequency === "weekly" ? (
                    <InlineStack gap="300">
                      {WEEKDAYS.map((day) => (
                        <Checkbox
                          key={day}
                          label={days[day]}
                          checked={form.weekdays.includes(day)}
                          onChange={(checked) =>
                            change({
                              weekdays: checked ? [...form.weekdays, day] : form.weekdays.filter((d) => d !== day),
                            })
                          }
                        />
                      ))}
                    </InlineStack>
                  ) : null}
                  {form.frequency === "monthly" ? (
                    <TextField
                      label={t("schedules.form.monthDays")}
                      helpText={t("schedules.form.monthDaysHelp")}
                      value={form.monthDays}
                      onChange={(monthDays) => change({ monthDays })}
                      autoComplete="off"
                    />
                  ) : null}
                  <TextField
                    label={t("schedules.form.times")}
                    helpText={t("schedules.form.timesHelp")}
                    value={form.times}
                    onChange={(times) => change({ times })}
                    autoComplete="off"
                  />
                  <Checkbox
                    label={t("schedules.form.mailWhenFinished")}
                    helpText={t("schedules.form.mailWhenFinishedHelp")}
                    checked={form.mailWhenFinished}
                    onChange={(mailWhenFinished) => change({ mailWhenFinished })}
                  />
                  <BlockStack gap="100">
                    <Text as="h3" variant="headingSm">
                      {t("schedules.form.nextRuns", { zone: timeZone })}
                    </Text>
                    {when.success ? (
                      <ol aria-label={t("schedules.form.nextTen")} style={{ margin: 0, paddingLeft: 20 }}>
                        {preview.map((run) => (
                          <li key={run.toISOString()}>
                            <Text as="span">
                              <span suppressHydrationWarning>{formatRun(run)}</span>
                            </Text>
                          </li>
                        ))}
                      </ol>
                    ) : (
                      <Text as="p" tone="caution">
                        {when.error.issues[0] ? say(when.error.issues[0].message) : ""}
                      </Text>
                    )}
                  </BlockStack>
                  <InlineStack gap="200" align="end">
                    <Button onClick={() => setForm(EMPTY)}>{form.id ? t("schedules.form.cancelEditing") : t("schedules.form.clear")}</Button>
                    <Button variant="primary" submit loading={save.state !== "idle"}>
                      {form.id ? t("schedules.form.saveChanges") : t("schedules.form.saveNew")}
                    </Button>
                  </InlineStack>
                </FormLayout>
              </form>
            </Card>
          </div>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** A filter of a schedule: a checkbox per choice; none chosen means all. */
function FilterChecklist({
  title,
  choices,
  chosen,
  onChange,
  help,
}: {
  title: string;
  choices: Array<{ id: string; label: string }>;
  chosen: string[];
  onChange: (chosen: string[]) => void;
  help: string;
}) {
  return (
    <BlockStack gap="100">
      <Text as="p">{title}</Text>
      {choices.map((choice) => (
        <Checkbox
          key={choice.id}
          label={choice.label}
          checked={chosen.includes(choice.id)}
          onChange={(checked) => onChange(checked ? [...chosen, choice.id] : chosen.filter((id) => id !== choice.id))}
        />
      ))}
      <Text as="p" tone="subdued">
        {help}
      </Text>
    </BlockStack>
  );
}

function ScheduleList({
  schedules,
  formatRun,
  days,
  erps,
  onCreate,
  onEdit,
}: {
  schedules: ShopSchedule[];
  formatRun: (date: Date) => string;
  days: Record<Weekday, string>;
  erps: Array<{ id: string; name: string }>;
  onCreate: () => void;
  onEdit: (schedule: ShopSchedule) => void;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const erpNames = (ids: string[]) =>
    erps
      .filter((erp) => ids.includes(erp.id))
      .map((erp) => erp.name)
      .join(", ");
  const fetcher = useFetcher<SchedulesActionResult>();
  const [deleting, setDeleting] = useState<ShopSchedule | null>(null);
  useSavedToast(fetcher, (data) => {
    const said = { toggle: "schedules.toast.switched", delete: "schedules.toast.deleted" }[data.intent];
    return said ? t(said) : null;
  });
  return (
    <BlockStack gap="300">
      {fetcher.data?.intent === "run-now" && fetcher.data.errors ? (
        <Banner tone="warning" title={t("schedules.notStarted")}>
          <p>{fetcher.data.errors.map(say).join(" ")}</p>
        </Banner>
      ) : null}
      {fetcher.data?.runs ? (
        <Banner tone="info" title={t("schedules.started")}>
          <InlineStack gap="300">
            {fetcher.data.runs.map((run) => (
              <Link key={run.id} to={`/app/runs/${run.id}`}>
                {t("schedules.follow", { name: runWords(t).kind(run.kind) })}
              </Link>
            ))}
          </InlineStack>
        </Banner>
      ) : null}
      <Card padding="0">
        <ListTable
          resourceName={{ singular: t("schedules.singular"), plural: t("schedules.plural") }}
          rows={schedules}
          rowId={(schedule) => schedule.id}
          empty={
            <EmptyState heading={t("schedules.empty.title")} action={{ content: t("schedules.create"), onAction: onCreate }} image="">
              <p>{t("schedules.empty.body")}</p>
            </EmptyState>
          }
          columns={[
            {
              title: t("schedules.column.schedule"),
              cell: (schedule) => (
                // The name, then the actions on a line of their own: every button stays inside the card, whatever the name's length.
                <BlockStack gap="200">
                  <InlineStack gap="200" blockAlign="center">
                    <RowName>{schedule.name}</RowName>
                    {schedule.enabled ? <Badge tone="success">{t("schedules.enabled")}</Badge> : <Badge>{t("schedules.disabled")}</Badge>}
                  </InlineStack>
                  <ScheduleButtons schedule={schedule} fetcher={fetcher} onEdit={onEdit} onDelete={setDeleting} />
                </BlockStack>
              ),
            },
            {
              title: t("schedules.column.actions"),
              cell: (schedule) => (
                <div style={{ whiteSpace: "normal", minWidth: "10rem" }}>
                  {schedule.actions.map((a) => actionLabel(t, a)).join(", ") +
                    (schedule.erpConnectionIds.length > 0 ? ` (ERP: ${erpNames(schedule.erpConnectionIds)})` : "")}
                </div>
              ),
            },
            {
              title: t("schedules.column.when"),
              cell: (schedule) => (
                <BlockStack gap="100">
                  <div style={{ whiteSpace: "normal", minWidth: "8rem" }}>{describeWhen(t, days, schedule.when)}</div>
                  {schedule.mailWhenFinished ? (
                    <Text as="span" tone="subdued">
                      {t("schedules.mailsWhenFinished")}
                    </Text>
                  ) : null}
                </BlockStack>
              ),
            },
            {
              title: t("schedules.column.nextRun"),
              cell: (schedule) => <span suppressHydrationWarning>{schedule.nextRun ? formatRun(new Date(schedule.nextRun)) : "—"}</span>,
            },
            {
              title: t("schedules.column.history"),
              cell: (schedule) => <Link to={`/app/activity?schedule=${schedule.id}`}>{t("schedules.history")}</Link>,
            },
          ]}
        />
      </Card>
      <ConfirmModal
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t("schedules.confirmDelete.title", { name: deleting?.name ?? "" })}
        body={t("schedules.confirmDelete.body")}
        confirm={t("schedules.confirmDelete.confirm")}
        destructive
        onConfirm={() => deleting && fetcher.submit({ intent: "delete", id: deleting.id }, { method: "post" })}
      />
    </BlockStack>
  );
}

function ScheduleButtons({
  schedule,
  fetcher,
  onEdit,
  onDelete,
}: {
  schedule: ShopSchedule;
  fetcher: FetcherWithComponents<SchedulesActionResult>;
  onEdit: (schedule: ShopSchedule) => void;
  onDelete: (schedule: ShopSchedule) => void;
}) {
  const { t } = useTranslation();
  return (
    <InlineStack gap="200" wrap>
      <Button
        size="slim"
        icon={PlayIcon}
        accessibilityLabel={t("schedules.runNowNamed", { name: schedule.name })}
        onClick={() => fetcher.submit({ intent: "run-now", id: schedule.id }, { method: "post" })}
      >
        {t("schedules.runNow")}
      </Button>
      <Button size="slim" accessibilityLabel={t("schedules.editNamed", { name: schedule.name })} onClick={() => onEdit(schedule)}>
        {t("schedules.edit")}
      </Button>
      <Button
        size="slim"
        accessibilityLabel={t(schedule.enabled ? "schedules.disableNamed" : "schedules.enableNamed", { name: schedule.name })}
        onClick={() =>
          fetcher.submit(
            {
              intent: "toggle",
              id: schedule.id,
              enabled: String(!schedule.enabled),
            },
            { method: "post" },
          )
        }
      >
        {schedule.enabled ? t("schedules.disable") : t("schedules.enable")}
      </Button>
      <Button size="slim" tone="critical" accessibilityLabel={t("schedules.deleteNamed", { name: schedule.name })} onClick={() => onDelete(schedule)}>
        {t("schedules.delete")}
      </Button>
    </InlineStack>
  );
}

function describeWhen(t: TFunction, days: Record<Weekday, string>, when: ScheduleWhen): string {
  const times = when.times.join(", ");
  if (when.frequency === "daily") return t("schedules.when.daily", { times });
  if (when.frequency === "weekly") return t("schedules.when.weekly", { days: when.weekdays.map((d) => days[d]).join(", "), times });
  return t("schedules.when.monthly", { days: when.monthDays.join(", "), times });
}
