/**
 * When a merchant's schedule runs, pure: daily, weekly on chosen days, or
 * monthly on chosen days of the month, at one or several times of day, in
 * the shop's time zone. The days come from iCalendar recurrence rules
 * (rrule), one rule per time of day, computed on the wall clock; each wall
 * time then becomes an instant in the shop's zone, so 09:00 stays 09:00
 * across daylight-saving changes. A time that does not exist on a
 * spring-forward day runs after the gap (02:30 becomes 03:30); a time that
 * happens twice on a fall-back day runs the first time.
 */
import * as rruleNamespace from "rrule";
import { z } from "zod";

// rrule ships CommonJS to Node (its exports under `default`) and ES modules to the browser: take it either way.
type RRuleModule = typeof rruleNamespace;
const { RRule, RRuleSet } = (rruleNamespace as RRuleModule & { default?: RRuleModule }).default ?? rruleNamespace;

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A time of day as merchants type it, as HH:MM: "9:30", "9.30" (Italian, Polish), "9h30" (Portuguese) -> "09:30". */
export function normalizeTimeOfDay(typed: string): string {
  const match = /^(\d{1,2})[:.hH](\d{2})$/.exec(typed.trim());
  return match ? `${match[1]!.padStart(2, "0")}:${match[2]}` : typed.trim();
}

const time = z.preprocess(
  (value) => (typeof value === "string" ? normalizeTimeOfDay(value) : value),
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "errors.schedules.time"),
);

export const scheduleWhenSchema = z
  .object({
    frequency: z.enum(["daily", "weekly", "monthly"]),
    weekdays: z
      .array(z.enum(WEEKDAYS))
      .default([])
      .transform((days) => WEEKDAYS.filter((day) => days.includes(day))),
    monthDays: z
      .array(z.number().int().min(1, "errors.schedules.monthDay").max(31, "errors.schedules.monthDay"))
      .default([])
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    times: z
      .array(time)
      .min(1, "errors.schedules.noTime")
      .transform((times) => [...new Set(times)].sort()),
    timeZone: z.string().refine(isTimeZone, "errors.schedules.timeZone"),
  })
  .refine((when) => when.frequency !== "weekly" || when.weekdays.length > 0, { message: "errors.schedules.noWeekday", path: ["weekdays"] })
  .refine((when) => when.frequency !== "monthly" || when.monthDays.length > 0, {
    message: "errors.schedules.noMonthDay",
    path: ["monthDays"],
  });
export type ScheduleWhen = z.infer<typeof scheduleWhenSchema>;

/** The next `count` runs strictly after `after`, as instants. */
export function nextRuns(when: ScheduleWhen, after: Date, count = 10): Date[] {
  const rules = ruleSetFor(when, wallClockOf(after, when.timeZone));
  const runs: Date[] = [];
  // Walk the wall-clock occurrences; a day before `after` (in the zone) may still give a later instant, hence the margin.
  let cursor = new Date(wallClockOf(after, when.timeZone).getTime() - 2 * 86_400_000);
  for (let guard = 0; runs.length < count && guard < count * 50; guard++) {
    const next = rules.after(cursor, false);
    if (!next) break;
    cursor = next;
    const instant = instantOfWallClock(next, when.timeZone);
    if (instant > after && !runs.some((run) => run.getTime() === instant.getTime())) runs.push(instant);
  }
  return runs.sort((a, b) => a.getTime() - b.getTime()).slice(0, count);
}

/** The iCalendar rules, one per time of day, for display and storage. */
export function recurrenceRules(when: ScheduleWhen): string[] {
  return ruleSetFor(when, new Date(Date.UTC(2026, 0, 1)))
    .rrules()
    .map((rule) =>
      rule
        .toString()
        .split("\n")
        .find((line) => line.startsWith("RRULE:"))!,
    );
}

function ruleSetFor(when: ScheduleWhen, start: Date) {
  const set = new RRuleSet();
  const dtstart = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate() - 2));
  for (const at of [...new Set(when.times)].sort()) {
    const [hour, minute] = at.split(":").map(Number) as [number, number];
    set.rrule(
      new RRule({
        freq: when.frequency === "daily" ? RRule.DAILY : when.frequency === "weekly" ? RRule.WEEKLY : RRule.MONTHLY,
        dtstart,
        byhour: [hour],
        byminute: [minute],
        bysecond: [0],
        ...(when.frequency === "weekly" ? { byweekday: when.weekdays.map((day) => RRule[day]) } : {}),
        ...(when.frequency === "monthly" ? { bymonthday: when.monthDays } : {}),
      }),
    );
  }
  return set;
}

/** The zone's wall clock at an instant, as a "floating" date whose UTC fields are the local ones. */
export function wallClockOf(instant: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return new Date(
    Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)),
  );
}

/** The instant a wall-clock time (a floating date) names in the zone: after the gap when it does not exist, the first when it happens twice. */
export function instantOfWallClock(wall: Date, timeZone: string): Date {
  const w = wall.getTime();
  const offsetAt = (instant: number) => wallClockOf(new Date(instant), timeZone).getTime() - instant;
  const offsets = new Set([offsetAt(w - 86_400_000), offsetAt(w), offsetAt(w + 86_400_000)]);
  const matches = [...offsets]
    .map((offset) => w - offset)
    .filter((instant) => wallClockOf(new Date(instant), timeZone).getTime() === w)
    .sort((a, b) => a - b);
  // No instant shows this wall time: it is in a spring-forward gap; the offset from before the gap lands just after it.
  return new Date(matches[0] ?? w - offsetAt(w - 86_400_000));
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
