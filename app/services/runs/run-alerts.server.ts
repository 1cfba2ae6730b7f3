/**
 * Failure alerts: a failed run opens (or extends) its kind's failure streak
 * for the shop; the next completed run of that kind closes it. The admin
 * shows every open streak; the merchant gets one email per streak, never
 * one per failed run: the email is claimed by a single conditional update,
 * so two workers failing at once still send one. A run the merchant started
 * by hand also sends one mail when it ends, however it ended, and so does a
 * run of a schedule whose merchant ticked it.
 */
import { createI18n } from "../../i18n/i18n";
import { shopLocale } from "../shops/shop-locale.server";
import type { PrismaClient } from "@prisma/client";
import type { Mailer } from "../mail/smtp-mailer.server";
import type { FinishedRun } from "./job-runs.server";
import { runKindLabel } from "./run-list";
import { runWords } from "./run-words";
import type { ShopDomain } from "../ids";

export interface RunAlertDependencies {
  db: PrismaClient;
  /** null when no SMTP server is configured: the alert stays in the admin only. */
  mailer: Mailer | null;
  /** Where the shop's alerts go: its chosen address, else the store's email. */
  recipientOf: (shop: ShopDomain) => Promise<string | null>;
  /** The admin's address, for the link in the email. */
  appUrl?: string;
}

export const NO_SMTP = "no SMTP server is configured (PONTE_SMTP_URL), so no email was sent";

export async function noteRunOutcome(deps: RunAlertDependencies, run: FinishedRun): Promise<void> {
  // A run the merchant started by hand says how it ended, whatever it came to (Passweb's "mail of the completed sync"),
  // and so does a schedule's run when the merchant ticked it on the schedule.
  const mailed =
    (run.trigger === "manual" || (run.trigger === "schedule" && run.mailWhenFinished === true)) && FINISHED_MAIL_STATUSES.has(run.status);
  if (mailed) await sendFinishedEmail(deps, run);
  if (run.status === "completed") {
    await deps.db.runAlert.updateMany({ where: { shop: run.shop, kind: run.kind, closedAt: null }, data: { closedAt: new Date() } });
    return;
  }
  if (run.status !== "failed") return;
  const error = run.error ?? "unknown error";
  await deps.db.$executeRaw`
    insert into "RunAlert" (shop, kind, failures, "firstFailedAt", "lastFailedRunId", "lastError")
    values (${run.shop}, ${run.kind}, 1, now(), ${run.id}, ${error})
    on conflict (shop, kind) do update set
      failures = case when "RunAlert"."closedAt" is null then "RunAlert".failures + 1 else 1 end,
      "firstFailedAt" = case when "RunAlert"."closedAt" is null then "RunAlert"."firstFailedAt" else now() end,
      "emailedAt" = case when "RunAlert"."closedAt" is null then "RunAlert"."emailedAt" else null end,
      "emailError" = case when "RunAlert"."closedAt" is null then "RunAlert"."emailError" else null end,
      "lastFailedRunId" = excluded."lastFailedRunId",
      "lastError" = excluded."lastError",
      "closedAt" = null`;
  const claimed = await deps.db.runAlert.updateMany({
    where: { shop: run.shop, kind: run.kind, closedAt: null, emailedAt: null },
    data: { emailedAt: new Date() },
  });
  // A failure just told in its own mail: the streak counts it as emailed.
  if (claimed.count === 0 || mailed) return;
  const emailError = await sendAlertEmail(deps, run, error);
  if (emailError) await deps.db.runAlert.updateMany({ where: { shop: run.shop, kind: run.kind }, data: { emailError } });
}

/** Sends the streak's email; returns why it could not, or null once sent. */
async function sendAlertEmail(deps: RunAlertDependencies, run: FinishedRun, error: string): Promise<string | null> {
  if (!deps.mailer) return NO_SMTP;
  const to = await deps.recipientOf(run.shop).catch(() => null);
  if (!to) return "the store has no email address to send alerts to; set one on the Jobs page";
  // Written in the language the shop's admin uses Ponte in.
  const { t } = createI18n(await shopLocale(deps.db, run.shop));
  const label = t(`runs.kind.${run.kind}`, { defaultValue: runKindLabel(run.kind) });
  const link = deps.appUrl ? `\n\n${t("emails.alert.link", { url: `${deps.appUrl.replace(/\/$/, "")}/app/runs/${run.id}` })}` : "";
  try {
    await deps.mailer.send({
      to,
      subject: t("emails.alert.subject", { name: label, shop: run.shop }),
      text: `${t("emails.alert.body", { name: label, shop: run.shop, error })}${link}`,
    });
    return null;
  } catch (sendError) {
    return (sendError as Error).message;
  }
}

/** How a run by hand can end, each told in one mail. */
const FINISHED_MAIL_STATUSES = new Set<FinishedRun["status"]>(["completed", "failed", "cancelled", "skipped"]);

/**
 * The mail of a run started by hand (or by a schedule set to mail): how it ended, its counts (or why it failed), the link to its log, in the
 * language the shop's admin uses Ponte in, to the alert address. Not sent when there is nowhere to send it (logged).
 */
async function sendFinishedEmail(deps: RunAlertDependencies, run: FinishedRun): Promise<void> {
  const to = deps.mailer ? await deps.recipientOf(run.shop).catch(() => null) : null;
  if (!deps.mailer || !to) {
    console.info(JSON.stringify({ event: "finished-mail-not-sent", shop: run.shop, run: run.id, reason: deps.mailer ? "no address" : NO_SMTP }));
    return;
  }
  const { t } = createI18n(await shopLocale(deps.db, run.shop));
  const words = runWords(t);
  const name = words.kind(run.kind);
  const outcome = t(`runs.status.${run.status}`);
  const link = deps.appUrl ? `\n\n${t("emails.finished.link", { url: `${deps.appUrl.replace(/\/$/, "")}/app/runs/${run.id}` })}` : "";
  try {
    await deps.mailer.send({
      to,
      subject: t("emails.finished.subject", { name, outcome, shop: run.shop }),
      text: `${t("emails.finished.body", { name, outcome, shop: run.shop, result: words.result({ error: run.error, counts: run.counts ?? null }) })}${link}`,
    });
  } catch (error) {
    console.warn(JSON.stringify({ event: "finished-mail-not-sent", shop: run.shop, run: run.id, reason: (error as Error).message }));
  }
}

export interface OpenAlert {
  kind: string;
  label: string;
  failures: number;
  since: string;
  lastError: string;
  lastFailedRunId: string;
  emailed: boolean;
  emailError: string | null;
}

/** The shop's open failure streaks, newest first, for the admin. */
export async function openAlerts(db: PrismaClient, shop: ShopDomain): Promise<OpenAlert[]> {
  const rows = await db.runAlert.findMany({ where: { shop, closedAt: null }, orderBy: { firstFailedAt: "desc" } });
  return rows.map((row) => ({
    kind: row.kind,
    label: runKindLabel(row.kind),
    failures: row.failures,
    since: row.firstFailedAt.toISOString(),
    lastError: row.lastError,
    lastFailedRunId: row.lastFailedRunId,
    emailed: row.emailedAt !== null && row.emailError === null,
    emailError: row.emailError,
  }));
}
