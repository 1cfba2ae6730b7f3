/**
 * The words a run is shown with, in the merchant's language: its kind, how it started, why it failed, its counts
 * ("12 read, 3 updated, 1 failed"). Pure, on i18next's t: the admin's pages and the mail a finished run sends use it.
 */
import type { TFunction } from "i18next";
import { runKindLabel, type RunRow } from "./run-list";
import { saidRunError } from "./said-run-errors";
import { sayWith } from "../../i18n/use-say";

/** Counts in reading order (the database keeps JSON keys in its own order): what was read, what was done, what failed. */
const COUNT_ORDER = [
  "read",
  "compared",
  "checked",
  "linked",
  "created",
  "updated",
  "changed",
  "applied",
  "queued",
  "products read",
  "not in the ERP",
  "no sheet",
  "translated",
  "skipped",
  "flagged",
  "failed",
];
const rank = (key: string) => (COUNT_ORDER.includes(key) ? COUNT_ORDER.indexOf(key) : COUNT_ORDER.indexOf("skipped") - 0.5);

/** A counter's key as its message key: "payments rechecked" and "notLinked" → "paymentsRechecked", "notLinked". */
const countKey = (key: string) => key.replace(/ (\w)/g, (_, letter: string) => letter.toUpperCase());

/** The words a run is shown with, in the merchant's language: its kind, how it started, its counts. */
export function runWords(t: TFunction) {
  const kind = (kindId: string) => t(`runs.kind.${kindId}`, { defaultValue: runKindLabel(kindId) });
  return {
    kind,
    status: (status: string) => t(`runs.status.${status}`, { defaultValue: status }),
    /** "By hand", "Built-in", or the schedule that started it, by name. */
    trigger: (run: Pick<RunRow, "trigger" | "scheduleName">) =>
      run.trigger === "schedule"
        ? run.scheduleName
          ? t("runs.trigger.scheduleNamed", { name: run.scheduleName })
          : t("runs.trigger.schedule")
        : run.trigger === "manual"
          ? run.scheduleName
            ? t("runs.trigger.playNamed", { name: run.scheduleName })
            : t("runs.trigger.manual")
          : t("runs.trigger.builtIn"),
    /** "12 read, 3 updated, 1 failed"; the error when the run failed. */
    /** Why it failed or was skipped, in the page's language when Ponte wrote it. */
    error: (text: string) => sayWith(t)(saidRunError(text)),
    result: (run: Pick<RunRow, "error" | "counts">) =>
      (run.error !== null ? sayWith(t)(saidRunError(run.error)) : null) ??
      (run.counts
        ? Object.entries(run.counts)
            .sort(([a], [b]) => rank(a) - rank(b))
            .map(([key, count]) => t(`runs.count.${countKey(key)}`, { count, defaultValue: `${count} ${key}` }))
            .join(", ")
        : "—"),
  };
}
