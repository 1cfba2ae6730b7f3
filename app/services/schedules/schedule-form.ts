/**
 * A merchant's schedule as the form gives it, shared by the browser (live
 * preview) and the server (saving): a name, the actions, and when. Only
 * actions whose system is connected are offered.
 */
import { z } from "zod";
import { scheduleActionKinds, type RunKind, type ScheduleAction } from "../runs/run-kind-registry";
import { scheduleWhenSchema } from "./recurrence";

/** Each schedule action's label, from the run-kind registry. */
export const SCHEDULE_ACTIONS = Object.fromEntries(scheduleActionKinds().map(({ action, label }) => [action, label])) as Record<
  ScheduleAction,
  string
>;
export type { ScheduleAction };

/** The kind of run each action makes (its runs never overlap those of a built-in job of the same kind). */
export const RUN_KIND_OF_ACTION = Object.fromEntries(scheduleActionKinds().map(({ action, kind }) => [action, kind])) as Record<
  ScheduleAction,
  RunKind
>;

export const scheduleInputSchema = z.object({
  name: z.string().trim().min(1, "errors.schedules.name").max(80),
  actions: z.array(z.enum(Object.keys(SCHEDULE_ACTIONS) as [ScheduleAction, ...ScheduleAction[]])).min(1, "errors.schedules.noAction"),
  when: scheduleWhenSchema,
  /** Push stock: only the Shopify locations fed by these sale points (empty: all). */
  salePointIds: z.array(z.string().min(1)).max(200).optional().default([]),
  /** Import orders, sync customers, sync statuses: only with these ERPs (empty: every ERP). */
  erpConnectionIds: z.array(z.string().min(1)).max(50).optional().default([]),
  /** Each run by the schedule's time mails how it ended (a run by hand always does). */
  mailWhenFinished: z.boolean().optional().default(false),
});

/** The actions a schedule's ERP filter applies to. */
export const ERP_ACTIONS: readonly ScheduleAction[] = scheduleActionKinds()
  .filter((one) => one.erpFilter)
  .map((one) => one.action);
export type ScheduleInput = z.infer<typeof scheduleInputSchema>;

/** "09:00, 18:30" -> ["09:00", "18:30"]; "1, 15" -> [1, 15]. */
export const splitList = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
