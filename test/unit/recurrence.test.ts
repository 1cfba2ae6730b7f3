// GIVEN a merchant's schedule (daily, weekly or monthly, at one or more times) in the shop's time zone
// WHEN its next ten runs are computed
// THEN they keep the wall-clock time across daylight-saving changes (Europe/Rome, America/New_York), stay put where
//      the clocks no longer change (America/Sao_Paulo), run after a spring-forward gap and once on a fall-back day
import { describe, expect, it } from "vitest";
import { nextRuns, normalizeTimeOfDay, recurrenceRules, scheduleWhenSchema, type ScheduleWhen } from "../../app/services/schedules/recurrence";
import { englishOf, say } from "../../app/i18n/merchant-message";

const when = (change: Partial<ScheduleWhen>): ScheduleWhen =>
  scheduleWhenSchema.parse({ frequency: "daily", times: ["09:00"], timeZone: "Europe/Rome", ...change });
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("the next runs of a schedule", () => {
  it("keeps a daily 09:00 at 09:00 in Rome across the end of summer time (25 October 2026)", () => {
    expect(iso(nextRuns(when({}), new Date("2026-10-21T12:00:00Z")))).toEqual([
      "2026-10-22T07:00:00.000Z",
      "2026-10-23T07:00:00.000Z",
      "2026-10-24T07:00:00.000Z",
      "2026-10-25T08:00:00.000Z",
      "2026-10-26T08:00:00.000Z",
      "2026-10-27T08:00:00.000Z",
      "2026-10-28T08:00:00.000Z",
      "2026-10-29T08:00:00.000Z",
      "2026-10-30T08:00:00.000Z",
      "2026-10-31T08:00:00.000Z",
    ]);
  });

  it("runs a weekly Sunday 02:30 in Rome after the spring-forward gap (29 March 2026), at 02:30 otherwise", () => {
    const runs = iso(nextRuns(when({ frequency: "weekly", weekdays: ["SU"], times: ["02:30"] }), new Date("2026-03-16T00:00:00Z"), 4));
    expect(runs).toEqual(["2026-03-22T01:30:00.000Z", "2026-03-29T01:30:00.000Z", "2026-04-05T00:30:00.000Z", "2026-04-12T00:30:00.000Z"]);
  });

  it("runs several times a day on chosen weekdays in New York across the start of summer time (8 March 2026)", () => {
    const runs = iso(
      nextRuns(
        when({ frequency: "weekly", weekdays: ["MO", "SU"], times: ["18:00", "07:15"], timeZone: "America/New_York" }),
        new Date("2026-03-01T00:00:00Z"),
        6,
      ),
    );
    expect(runs).toEqual([
      "2026-03-01T12:15:00.000Z",
      "2026-03-01T23:00:00.000Z",
      "2026-03-02T12:15:00.000Z",
      "2026-03-02T23:00:00.000Z",
      "2026-03-08T11:15:00.000Z",
      "2026-03-08T22:00:00.000Z",
    ]);
  });

  it("runs once, the first time, when a fall-back day repeats the hour (New York, 1 November 2026)", () => {
    const runs = iso(nextRuns(when({ times: ["01:30"], timeZone: "America/New_York" }), new Date("2026-10-31T12:00:00Z"), 3));
    expect(runs).toEqual(["2026-11-01T05:30:00.000Z", "2026-11-02T06:30:00.000Z", "2026-11-03T06:30:00.000Z"]);
  });

  it("keeps monthly runs on the chosen days, skipping months without a 31st", () => {
    const runs = iso(nextRuns(when({ frequency: "monthly", monthDays: [1, 31], times: ["06:00"] }), new Date("2026-01-15T00:00:00Z"), 5));
    expect(runs).toEqual([
      "2026-01-31T05:00:00.000Z",
      "2026-02-01T05:00:00.000Z",
      "2026-03-01T05:00:00.000Z",
      "2026-03-31T04:00:00.000Z",
      "2026-04-01T04:00:00.000Z",
    ]);
  });

  it("stays at UTC-3 all year in São Paulo, which no longer changes its clocks", () => {
    const spring = nextRuns(when({ times: ["08:00"], timeZone: "America/Sao_Paulo" }), new Date("2026-10-30T00:00:00Z"), 10);
    const autumn = nextRuns(when({ times: ["08:00"], timeZone: "America/Sao_Paulo" }), new Date("2026-02-10T00:00:00Z"), 10);
    expect(new Set([...spring, ...autumn].map((d) => d.getUTCHours()))).toEqual(new Set([11]));
  });

  it("says its rules in iCalendar terms, one per time of day", () => {
    expect(recurrenceRules(when({ frequency: "weekly", weekdays: ["MO", "FR"], times: ["18:00", "09:30"] }))).toEqual([
      "RRULE:FREQ=WEEKLY;BYHOUR=9;BYMINUTE=30;BYSECOND=0;BYDAY=MO,FR",
      "RRULE:FREQ=WEEKLY;BYHOUR=18;BYMINUTE=0;BYSECOND=0;BYDAY=MO,FR",
    ]);
  });

  it("refuses a schedule it cannot run, saying why (by message key, written out in the merchant's language)", () => {
    expect(scheduleWhenSchema.safeParse({ frequency: "weekly", times: ["09:00"], timeZone: "Europe/Rome" }).error?.issues[0]?.message).toBe(
      "errors.schedules.noWeekday",
    );
    expect(englishOf(say("errors.schedules.noWeekday"))).toBe("Choose at least one day of the week");
    expect(scheduleWhenSchema.safeParse({ frequency: "daily", times: ["25:00"], timeZone: "Europe/Rome" }).success).toBe(false);
    expect(scheduleWhenSchema.safeParse({ frequency: "daily", times: ["09:00"], timeZone: "Mars/Olympus" }).error?.issues[0]?.message).toBe(
      "errors.schedules.timeZone",
    );
  });

  it("reads a time of day as merchants type it: 9.30 (Italian, Polish), 9h30 (Portuguese), 9:30", () => {
    for (const typed of ["9.30", "09.30", "9h30", "9:30", " 09:30 "]) expect(normalizeTimeOfDay(typed)).toBe("09:30");
    const when = scheduleWhenSchema.parse({ frequency: "daily", times: ["18.45", "7.05"], timeZone: "Europe/Rome" });
    expect(when.times).toEqual(["07:05", "18:45"]);
    expect(scheduleWhenSchema.safeParse({ frequency: "daily", times: ["9.3"], timeZone: "Europe/Rome" }).error?.issues[0]?.message).toBe(
      "errors.schedules.time",
    );
  });
});
