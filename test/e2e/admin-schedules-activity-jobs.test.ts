// GIVEN `npm run sandbox`
// WHEN a merchant creates a schedule by keyboard and runs it, starts a sync by hand, and pauses, resumes, sets and
//      runs the built-in jobs
// THEN the schedule previews its next ten runs and is kept across a reload; each run's page shows its progress
//      and log; the Activity page lists the runs by hand with their counts; the Jobs page keeps its settings
import path from "node:path";
import type { FrameLocator, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshots, useAdminWalk } from "../support/admin-walk";

const walk = useAdminWalk("schedules-activity-jobs");
const { tabTo, follow, openFromAdminNav } = walk;
let page: Page;
let app: FrameLocator;
beforeAll(() => {
  ({ page, app } = walk);
});

describe("the Schedules, Activity and Jobs pages", () => {
  it("creates a weekly schedule by keyboard with its next ten runs previewed as the form changes, and keeps it after a reload", async () => {
    await openFromAdminNav("Schedules", "Schedules");
    await app.getByText("No schedules yet", { exact: true }).waitFor();
    await app.getByLabel("Name").fill("Evening orders and statuses");
    for (const label of ["Import orders", "Sync statuses"]) {
      await app.getByLabel(label, { exact: true }).focus();
      await page.keyboard.press("Space");
    }
    const preview = app.getByRole("list", { name: "Next ten runs" }).getByRole("listitem");
    await expect.poll(() => preview.count()).toBe(10);
    await app.getByLabel("Repeats").selectOption("weekly");
    await app.getByText("Choose at least one day of the week").waitFor();
    for (const day of ["Mon", "Fri"]) {
      await app.getByLabel(day, { exact: true }).focus();
      await page.keyboard.press("Space");
    }
    await app.getByLabel("Times of day").fill("18:30, 07:00");
    // Every run previewed falls on a Monday or a Friday, at one of the two times, in the shop's zone (Europe/Rome).
    await expect.poll(() => preview.count()).toBe(10);
    for (const text of await preview.allTextContents()) expect(text).toMatch(/^(Mon|Fri), .* (18:30|07:00)$/);

    const mail = app.getByLabel("Email me when each run ends");
    await mail.focus();
    await page.keyboard.press("Space");
    expect(await mail.isChecked()).toBe(true);

    await app.getByRole("button", { name: "Save schedule" }).focus();
    await page.keyboard.press("Enter");
    const row = app.getByRole("row").filter({ hasText: "Evening orders and statuses" });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText("Mon, Fri at 07:00, 18:30").waitFor();
    await row.getByText("Emails when each run ends").waitFor();
    await row.getByText("Enabled", { exact: true }).waitFor();
    // Play, by keyboard: its actions run at once; follow the first to its run page, watch it complete, read its log.
    await tabTo(/Run Evening orders and statuses now/);
    await page.keyboard.press("Enter");
    await follow("Follow Import orders", "Import orders");
    await app.getByRole("heading", { name: "Import orders", level: 1 }).waitFor({ timeout: 30_000 });
    const progress = app.getByRole("progressbar", { name: "Import orders progress" });
    await expect.poll(() => progress.getAttribute("aria-valuenow"), { timeout: 60_000 }).toBe("100");
    await app.getByText("Completed", { exact: true }).first().waitFor();
    const runLog = app.getByRole("list", { name: "Run log" });
    for (const line of ["Queued.", "Started (manual).", "read from Shopify."]) await runLog.getByText(line, { exact: false }).waitFor();
    await runLog.getByText(/Completed: \d+ read/).waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-run-page.png"), fullPage: true });

    await openFromAdminNav("Schedules", "Schedules");
    await row.getByRole("button", { name: "Disable Evening orders and statuses" }).click();
    await row.getByText("Disabled", { exact: true }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-schedules.png"), fullPage: true });

    await page.reload();
    await app.getByRole("heading", { name: "Ponte", level: 1 }).waitFor({ timeout: 60_000 });
    await openFromAdminNav("Schedules", "Schedules");
    await app.getByRole("row").filter({ hasText: "Evening orders and statuses" }).getByText("Disabled", { exact: true }).waitFor({ timeout: 30_000 });
    // Edit brings the mail setting back into the form as saved.
    await app.getByRole("button", { name: "Edit Evening orders and statuses" }).click();
    expect(await app.getByLabel("Email me when each run ends").isChecked()).toBe(true);
  });

  it("shows runs started by hand on the Activity page, completed with their counts, and opens a log by keyboard", async () => {
    await openFromAdminNav("ERP", "ERP");
    await app.getByRole("button", { name: "Sync customers now" }).click();
    await app.getByText("Customer sync started.", { exact: false }).waitFor({ timeout: 30_000 });

    await openFromAdminNav("Activity", "Activity");
    const row = app.getByRole("row").filter({ hasText: "Sync customers" }).filter({ hasText: "By hand" });
    await row.getByText("Completed", { exact: true }).waitFor({ timeout: 60_000 });
    await row.getByText(/\d+ read, \d+ updated, \d+ not in the ERP/).waitFor();
    await tabTo(/Show the log of Sync customers/);
    await page.keyboard.press("Enter");
    const log = app.getByRole("list", { name: "Run log" });
    await log.getByText("Updating every linked customer.", { exact: false }).waitFor();
    await log.getByText(/Completed: \d+ read/).waitFor();
    await page.screenshot({ path: path.join(screenshots, "sandbox-activity.png"), fullPage: true });

    // The schedule run by hand earlier imported orders and synced statuses: each run names it.
    for (const kind of ["Import orders", "Sync statuses"]) {
      await app
        .getByRole("row")
        .filter({ hasText: kind })
        .filter({ hasText: "Schedule “Evening orders and statuses”, run now" })
        .getByText("Completed", { exact: true })
        .waitFor({ timeout: 60_000 });
    }
    // Filtered by that schedule, only its runs are left.
    await app.getByLabel("Schedule", { exact: true }).selectOption({ label: "Evening orders and statuses" });
    await expect.poll(() => app.getByRole("row").filter({ hasText: "Sync customers" }).count(), { timeout: 30_000 }).toBe(0);
    expect(await app.getByRole("row").filter({ hasText: "Evening orders and statuses" }).count()).toBeGreaterThanOrEqual(2);
    await app.getByLabel("Schedule", { exact: true }).selectOption("");

    await app.getByLabel("Status", { exact: true }).selectOption("failed");
    await app.getByText("No runs match", { exact: true }).waitFor({ timeout: 30_000 });
  });

  it("lists the built-in jobs; pauses and resumes one by keyboard, sets an interval, and runs one by play to completion", async () => {
    await openFromAdminNav("Jobs", "Jobs");
    const jobRow = (name: string) => app.getByRole("row").filter({ has: app.getByText(name, { exact: true }) });
    for (const name of ["Import orders", "Sync statuses", "Sync customers"]) await jobRow(name).waitFor({ timeout: 30_000 });
    // This walk connected no POS: the job that sends orders to one is not offered.
    expect(await jobRow("Send orders to POS").count()).toBe(0);
    await jobRow("Import orders").getByText("Every 5 minutes").waitFor();

    await tabTo(/Pause Sync statuses/);
    await page.keyboard.press("Enter");
    await jobRow("Sync statuses").getByText("Paused", { exact: true }).first().waitFor({ timeout: 30_000 });
    await app.getByLabel("Sync ERP statuses").selectOption("30");
    await app.getByRole("button", { name: "Save settings" }).click();
    await app.getByText("Saved.").waitFor({ timeout: 30_000 });
    await page.reload();
    await app.getByRole("heading", { name: "Ponte", level: 1 }).waitFor({ timeout: 60_000 });
    await openFromAdminNav("Jobs", "Jobs");
    await jobRow("Sync statuses").getByText("Every 30 minutes").waitFor({ timeout: 30_000 });
    await jobRow("Sync statuses").getByRole("button", { name: "Resume Sync statuses" }).waitFor();
    await tabTo(/Resume Sync statuses/);
    await page.keyboard.press("Enter");
    await jobRow("Sync statuses").getByText("Active", { exact: true }).waitFor({ timeout: 30_000 });
    await jobRow("Sync statuses").getByText("Every 30 minutes").waitFor();

    await jobRow("Sync customers").getByRole("button", { name: "Run Sync customers now" }).click();
    await app.getByRole("link", { name: "Follow the run" }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, "sandbox-jobs.png"), fullPage: true });
    await follow("Follow the run", "Sync customers");
    await app.getByRole("heading", { name: "Sync customers", level: 1 }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => app.getByRole("progressbar", { name: "Sync customers progress" }).getAttribute("aria-valuenow"), { timeout: 60_000 })
      .toBe("100");
    await app.getByRole("list", { name: "Run log" }).getByText("Updating customers changed since the last run.").waitFor();
  });
});
