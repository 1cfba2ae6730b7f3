import { useEffect, useMemo, useState } from "react";
import { Link, useFetcher, type FetcherWithComponents } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  Checkbox,
  FormLayout,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { nextRuns, scheduleWhenSchema, WEEKDAYS, type ScheduleWhen, type Weekday } from "../../services/schedules/recurrence";
import { ERP_ACTIONS, SCHEDULE_ACTIONS, splitList, type ScheduleAction } from "../../services/schedules/schedule-form";
import type { QueuedRun } from "../../services/schedules/run-schedule-now.server";
import type { ShopSchedule } from "../../services/schedules/schedules.server";
import { PlayIcon } from "@shopify/polaris-icons";
import { ListTable, RowName } from "../common/ListTable";

export type SchedulesActionResult = {
  intent: string;
  errors?: string[];
  savedId?: string;
  runs?: QueuedRun[];
};

const DAY_LABELS: Record<Weekday, string> = {
  MO: "Mon",
  TU: "Tue",
  WE: "Wed",
  TH: "Thu",
  FR: "Fri",
  SA: "Sat",
  SU: "Sun",
};

interface FormState {
  id: string | null;
  name: string;
  actions: ScheduleAction[];
  salePointIds: string[];
  erpConnectionIds: string[];
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
  frequency: "daily",
  weekdays: [],
  monthDays: "1",
  times: "09:00",
};

const formatRun = (date: Date, timeZone: string) =>
  date.toLocaleString("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

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
  const [form, setForm] = useState<FormState>(EMPTY);
  const save = useFetcher<SchedulesActionResult>();
  const change = (patch: Partial<FormState>) => setForm((current) => ({ ...current, ...patch }));
  useEffect(() => {
    if (save.data?.savedId) setForm(EMPTY);
  }, [save.data]);

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
          when: when.success ? when.data : null,
        }),
      },
      { method: "post" },
    );

  return (
    <Page title="Schedules" subtitle={`Your own runs, in the shop's time zone (${timeZone})`} backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        <Layout.Section>
          <ScheduleList
            schedules={schedules}
            timeZone={timeZone}
            erps={erps}
            onEdit={(s) =>
              setForm({
                id: s.id,
                name: s.name,
                actions: s.actions,
                salePointIds: s.salePointIds,
                erpConnectionIds: s.erpConnectionIds,
                frequency: s.when.frequency,
                weekdays: s.when.weekdays,
                monthDays: s.when.monthDays.join(", ") || "1",
                times: s.when.times.join(", "),
              })
            }
          />
        </Layout.Section>
        <Layout.Section variant="oneHalf">
          <Card>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                submit();
              }}
            >
              <FormLayout>
                <Text as="h2" variant="headingMd">
                  {form.id ? "Edit schedule" : "New schedule"}
                </Text>
                {save.data?.errors ? (
                  <Banner tone="critical" title="The schedule was not saved">
                    <List>
                      {save.data.errors.map((error) => (
                        <List.Item key={error}>{error}</List.Item>
                      ))}
                    </List>
                  </Banner>
                ) : null}
                <TextField label="Name" value={form.name} onChange={(name) => change({ name })} autoComplete="off" />
                <BlockStack gap="100">
                  <Text as="p">Actions</Text>
                  {(Object.keys(SCHEDULE_ACTIONS) as ScheduleAction[])
                    .filter((action) => offered.includes(action) || form.actions.includes(action))
                    .map((action) => (
                      <Checkbox
                        key={action}
                        label={SCHEDULE_ACTIONS[action]}
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
                    title="Push stock only where these sale points' stock shows"
                    choices={salePoints.map((point) => ({
                      id: point.salePointId,
                      label: point.name,
                    }))}
                    chosen={form.salePointIds}
                    onChange={(salePointIds) => change({ salePointIds })}
                    help="None chosen: every location. A location showing the sum of the sale points is always included."
                  />
                ) : null}
                {form.actions.some((action) => ERP_ACTIONS.includes(action)) && erps.length > 1 ? (
                  <FilterChecklist
                    title="Import orders, sync customers and statuses only with these ERPs"
                    choices={erps.map((erp) => ({ id: erp.id, label: erp.name }))}
                    chosen={form.erpConnectionIds}
                    onChange={(erpConnectionIds) => change({ erpConnectionIds })}
                    help="None chosen: every ERP. Imported orders are queued only for the ERP their shipping country sends them to."
                  />
                ) : null}
                <Select
                  label="Repeats"
                  options={[
                    { label: "Every day", value: "daily" },
                    { label: "Every week, on chosen days", value: "weekly" },
                    { label: "Every month, on chosen days", value: "monthly" },
                  ]}
                  value={form.frequency}
                  onChange={(frequency) => change({ frequency: frequency as FormState["frequency"] })}
                />
                {form.frequency === "weekly" ? (
                  <InlineStack gap="300">
                    {WEEKDAYS.map((day) => (
                      <Checkbox
                        key={day}
                        label={DAY_LABELS[day]}
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
                    label="Days of the month"
                    helpText="For example: 1, 15"
                    value={form.monthDays}
                    onChange={(monthDays) => change({ monthDays })}
                    autoComplete="off"
                  />
                ) : null}
                <TextField
                  label="Times of day"
                  helpText="24-hour times, for example: 09:00, 18:30"
                  value={form.times}
                  onChange={(times) => change({ times })}
                  autoComplete="off"
                />
                <BlockStack gap="100">
                  <Text as="h3" variant="headingSm">
                    Next runs
                  </Text>
                  {when.success ? (
                    <ol aria-label="Next ten runs" style={{ margin: 0, paddingLeft: 20 }}>
                      {preview.map((run) => (
                        <li key={run.toISOString()}>
                          <Text as="span">{formatRun(run, timeZone)}</Text>
                        </li>
                      ))}
                    </ol>
                  ) : (
                    <Text as="p" tone="caution">
                      {when.error.issues[0]?.message}
                    </Text>
                  )}
                </BlockStack>
                <InlineStack gap="200" align="end">
                  <Button onClick={() => setForm(EMPTY)}>Reset</Button>
                  <Button variant="primary" submit loading={save.state !== "idle"}>
                    {form.id ? "Save changes" : "Create schedule"}
                  </Button>
                </InlineStack>
              </FormLayout>
            </form>
          </Card>
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
  timeZone,
  erps,
  onEdit,
}: {
  schedules: ShopSchedule[];
  timeZone: string;
  erps: Array<{ id: string; name: string }>;
  onEdit: (schedule: ShopSchedule) => void;
}) {
  const erpNames = (ids: string[]) =>
    erps
      .filter((erp) => ids.includes(erp.id))
      .map((erp) => erp.name)
      .join(", ");
  const fetcher = useFetcher<SchedulesActionResult>();
  return (
    <BlockStack gap="300">
      {fetcher.data?.intent === "run-now" && fetcher.data.errors ? (
        <Banner tone="warning" title="Not started">
          <p>{fetcher.data.errors.join(" ")}</p>
        </Banner>
      ) : null}
      {fetcher.data?.runs ? (
        <Banner tone="info" title="Started">
          <InlineStack gap="300">
            {fetcher.data.runs.map((run) => (
              <Link key={run.id} to={`/app/runs/${run.id}`}>{`Follow ${run.label}`}</Link>
            ))}
          </InlineStack>
        </Banner>
      ) : null}
      <Card padding="0">
        <ListTable
          resourceName={{ singular: "schedule", plural: "schedules" }}
          rows={schedules}
          rowId={(schedule) => schedule.id}
          empty="No schedules yet. The built-in jobs run by themselves; add a schedule to run actions at your own times."
          columns={[
            { title: "Name", cell: (schedule) => <RowName>{schedule.name}</RowName> },
            {
              title: "Actions",
              cell: (schedule) =>
                schedule.actions.map((a) => SCHEDULE_ACTIONS[a]).join(", ") +
                (schedule.erpConnectionIds.length > 0 ? ` (ERP: ${erpNames(schedule.erpConnectionIds)})` : ""),
            },
            { title: "When", cell: (schedule) => describeWhen(schedule.when) },
            {
              title: "Next run",
              cell: (schedule) => <span suppressHydrationWarning>{schedule.nextRun ? formatRun(new Date(schedule.nextRun), timeZone) : "—"}</span>,
            },
            { title: "State", cell: (schedule) => (schedule.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>) },
            { title: "Manage", hidden: true, cell: (schedule) => <ScheduleButtons schedule={schedule} fetcher={fetcher} onEdit={onEdit} /> },
          ]}
        />
      </Card>
    </BlockStack>
  );
}

function ScheduleButtons({
  schedule,
  fetcher,
  onEdit,
}: {
  schedule: ShopSchedule;
  fetcher: FetcherWithComponents<SchedulesActionResult>;
  onEdit: (schedule: ShopSchedule) => void;
}) {
  return (
    <InlineStack gap="200" wrap={false}>
      <Button
        size="slim"
        icon={PlayIcon}
        accessibilityLabel={`Run ${schedule.name} now`}
        onClick={() => fetcher.submit({ intent: "run-now", id: schedule.id }, { method: "post" })}
      />
      <Button size="slim" accessibilityLabel={`Edit ${schedule.name}`} onClick={() => onEdit(schedule)}>
        Edit
      </Button>
      <Button
        size="slim"
        accessibilityLabel={`${schedule.enabled ? "Disable" : "Enable"} ${schedule.name}`}
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
        {schedule.enabled ? "Disable" : "Enable"}
      </Button>
      <Button
        size="slim"
        tone="critical"
        accessibilityLabel={`Delete ${schedule.name}`}
        onClick={() => fetcher.submit({ intent: "delete", id: schedule.id }, { method: "post" })}
      >
        Delete
      </Button>
    </InlineStack>
  );
}

function describeWhen(when: ScheduleWhen): string {
  const at = `at ${when.times.join(", ")}`;
  if (when.frequency === "daily") return `Every day ${at}`;
  if (when.frequency === "weekly") return `${when.weekdays.map((d) => DAY_LABELS[d]).join(", ")} ${at}`;
  return `Day ${when.monthDays.join(", ")} of each month ${at}`;
}
